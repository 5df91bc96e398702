export { buildScorers, SCORERS, SCORER_NAMES, findScorer } from './registry.js';
export { evaluateThresholds, decideCase, type CaseMetrics, type CaseVerdict, type ThresholdResult, type RuleResult } from './thresholds.js';
export { createJudgeScorer, JUDGE_SCORER, type JudgeScorerOptions } from './judge/judge-scorer.js';
export { buildJudgeRequest, neutralise, defaultJudgeTemplate } from './judge/build-judge-prompt.js';
export { parseVerdict, type CriterionVerdict } from './judge/parse-verdict.js';
export { verdictSchema, enumWorstToBest } from './judge/verdict-schema.js';
export type { Scorer, ScoreContext, ScorerCall, ScorerDeps, ScorerDef } from './scorer.js';
