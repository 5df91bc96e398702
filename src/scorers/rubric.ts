import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import type { Rubric } from '../core/rubric.js';
import type { ScorerDef } from './scorer.js';
import { createJudgeScorer } from './judge/judge-scorer.js';
import { createPanelScorer } from './judge/judge-panel.js';

/** Options after the loader resolved `rubric: NAME|PATH` to a parsed rubric. */
export interface RubricOptions {
  rubric: Rubric;
  path: string;
}

/** `rubric`: the LLM judge scores the output on a rubric, one score per criterion. */
export const rubric: ScorerDef<RubricOptions> = {
  name: 'rubric',
  summary: 'judge model scores the output on a rubric (rubric: NAME or PATH)',
  usesJudge: true,
  // The loader resolves the rubric file itself (it owns file reading and line numbers).
  options: z.custom<RubricOptions>((v) => typeof v === 'object' && v !== null && 'rubric' in v),
  create(o, _criterion, suite, deps) {
    if (!deps.judge) {
      throw new ConfigError(
        `suite "${suite.name}" uses the rubric scorer but no judge provider is set (judge.provider in the suite, or --judge)`,
      );
    }
    if (deps.panel && deps.panel.members.length > 1) {
      return createPanelScorer({
        rubric: o.rubric,
        members: deps.panel.members,
        aggregate: deps.panel.aggregate,
        template: suite.judge?.prompt,
        input: suite.judge?.input,
      });
    }
    return createJudgeScorer({
      rubric: o.rubric,
      provider: deps.judge,
      template: suite.judge?.prompt,
      input: suite.judge?.input,
      repeats: deps.judgeRepeats,
    });
  },
};
