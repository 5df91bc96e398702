import { z } from 'zod';
import type { Case } from '../../core/case.js';
import { ConfigError } from '../../core/errors.js';
import type { ClaimVerdict, Score } from '../../core/score.js';
import { renderForCase } from '../../templates/render.js';
import { defaultJudgeInput } from '../judge/build-judge-prompt.js';
import { UNIT_BOUNDS, type ScorerDef } from '../scorer.js';
import { JudgeSession } from './judge-session.js';
export { round4 } from '../../stats/round.js';

/** A metric's outcome: a value with the verdicts it was computed from, or unscored with why. */
export type MetricResult = { value: number; reason: string; claims: ClaimVerdict[] } | { value: null; reason: string; claims?: ClaimVerdict[] };

export interface MetricInput {
  output: string;
  case: Case;
  /** What the judge is told the question was (the suite's judge.input, else the question-like var). */
  input: string;
  session: JudgeSession;
}

const Options = z.preprocess(
  (v) => (v === null || v === undefined ? {} : typeof v === 'number' ? { threshold: v } : v),
  z.strictObject({ threshold: z.number().min(0).max(1).optional() }),
);
export type RagOptions = z.infer<typeof Options>;

/** DeepEval's default: a metric passes at 0.5 (hallucination: at most 0.5). */
export const DEFAULT_THRESHOLD = 0.5;

/**
 * A judge-based RAG metric as a scorer kind: `- faithfulness`, `- faithfulness: { threshold: 0.8 }`
 * (or `faithfulness: 0.8`). One Score per output, named after the metric, carrying its verdicts in
 * `claims`. Lower is better only for hallucination (`lowerIsBetter`).
 */
export function ragMetric(
  name: string,
  summary: string,
  compute: (m: MetricInput) => Promise<MetricResult>,
  opts: { lowerIsBetter?: boolean } = {},
): ScorerDef<RagOptions> {
  return {
    name,
    summary,
    usesJudge: true,
    // a share of claims or chunks (hallucination included: lower is better, still in [0, 1])
    bounds: UNIT_BOUNDS,
    options: Options as z.ZodType<RagOptions>,
    create(o, criterion, suite, deps) {
      const judge = deps.judge;
      if (!judge) {
        throw new ConfigError(`suite "${suite.name}" uses the ${name} scorer but no judge provider is set (judge.provider in the suite, or --judge)`);
      }
      const threshold = o.threshold ?? DEFAULT_THRESHOLD;
      return {
        name,
        criteria: [criterion],
        async score(output, c, ctx = {}): Promise<Score[]> {
          const session = new JudgeSession(judge, c, ctx);
          const input = suite.judge?.input ? renderForCase(suite.judge.input, c) : defaultJudgeInput(c);
          const r = await compute({ output, case: c, input, session });
          const score: Score = { scorer: name, criterion, value: r.value, reason: r.reason, judge: judge.id, meta: session.meta() };
          if (r.value !== null) score.passed = opts.lowerIsBetter ? r.value <= threshold : r.value >= threshold;
          if (r.claims?.length) score.claims = r.claims;
          return [score];
        },
      };
    },
  };
}

/** `n of m` with the texts of a few examples, for reasons. */
export function listed(items: ClaimVerdict[], max = 2): string {
  const shown = items.slice(0, max).map((i) => JSON.stringify(i.text.length > 70 ? i.text.slice(0, 69) + '…' : i.text));
  return shown.join(', ') + (items.length > max ? ` and ${items.length - max} more` : '');
}

