import type { Suite } from '../loader/suite.js';
import { renderPrompt } from '../templates/render-prompt.js';
import { decideCase } from '../scorers/thresholds.js';
import type { Scorer } from '../scorers/scorer.js';
import type { RunPlan } from './types.js';

/** The runnable plan for a loaded suite, with scorers already built (judge wrapped by the caller). */
export function planFromSuite(suite: Suite, scorers: Scorer[], cases = suite.cases): RunPlan {
  return {
    suiteName: suite.name,
    suitePath: suite.path,
    cases,
    ...(suite.caseSource && cases === suite.cases ? { caseSource: suite.caseSource } : {}),
    render: (c) => renderPrompt(suite.prompt, c),
    params: { temperature: suite.defaults.temperature, maxTokens: suite.defaults.maxTokens },
    scorers,
    decide: (scores, metrics) => decideCase(suite.pass, scores, metrics),
    reduce: suite.reduce,
  };
}
