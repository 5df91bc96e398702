export { loadSuite, looksLikePath } from './load-suite.js';
export { loadRubric, parseRubric } from './load-rubric.js';
export { loadCases, parseCaseList } from './load-cases.js';
export { loadPrompt } from './load-prompt.js';
export type { Suite, SuiteJudge, ScorerSpec, PassRule, PassOp } from './suite.js';
