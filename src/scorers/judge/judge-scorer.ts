import { contextTexts, type Case } from '../../core/case.js';
import { callJudge } from './call-judge.js';
import { RUBRIC_SCORER, rubricCriterion } from '../../core/criterion.js';
import { passes, scaleBounds, type Rubric } from '../../core/rubric.js';
import type { Bounds } from '../../stats/mean-ci.js';
import type { Score } from '../../core/score.js';
import type { Provider } from '../../providers/provider.js';
import { renderForCase, type Template } from '../../templates/render.js';
import type { ScoreContext, Scorer } from '../scorer.js';
import { buildJudgeRequest, defaultJudgeInput, defaultJudgeTemplate } from './build-judge-prompt.js';
import { parseVerdict } from './parse-verdict.js';
import { combineJudgeRepeats } from './judge-repeats.js';

export interface JudgeScorerOptions {
  rubric: Rubric;
  /** The judge model (the runner passes it wrapped with retries and the cache). */
  provider: Provider;
  /** Judge prompt template; default prompts/judge-rubric.hbs. */
  template?: Template;
  /** Template for what the judge is told the input was; default: the case's question-like var. */
  input?: Template;
  /** `--judge-repeat K`: ask K times about each output and combine (judge-repeats.ts). Default 1. */
  repeats?: number;
}

/** The rubric judge's scorer name (its criteria are `rubric.<criterion>`, see core/criterion.ts). */
export const JUDGE_SCORER = RUBRIC_SCORER;

/**
 * The rubric judge: one call per (output, rubric), one Score per criterion named
 * `rubric.<criterion>`. A failed call or an unusable verdict leaves criteria UNSCORED with the
 * reason; it is never a 0. Only the judge's structured verdict decides scores: nothing in the
 * judged output is read as a score.
 */
export function createJudgeScorer(o: JudgeScorerOptions): Scorer {
  const criteria = o.rubric.criteria.map((c) => rubricCriterion(c.name));
  return {
    name: JUDGE_SCORER,
    criteria,
    bounds: rubricBounds(o.rubric),
    check(c: Case): void {
      // The judge's input template may name case variables; the rest of its prompt is ours.
      if (o.input) renderForCase(o.input, c);
    },
    async score(output: string, c: Case, ctx: ScoreContext = {}): Promise<Score[]> {
      const k = o.repeats ?? 1;
      if (k <= 1) return scoreOnce(output, c, ctx, 0);
      const runs = await Promise.all(Array.from({ length: k }, (_, j) => scoreOnce(output, c, ctx, j)));
      return o.rubric.criteria.map((criterion, i) => combineJudgeRepeats(criterion, runs.map((r) => r[i]!)));
    },
  };

  async function scoreOnce(output: string, c: Case, ctx: ScoreContext, judgeRepeat: number): Promise<Score[]> {
    const request = buildJudgeRequest(
      {
        rubric: o.rubric,
        input: o.input ? renderForCase(o.input, c) : defaultJudgeInput(c),
        output,
        context: c.context && contextTexts(c.context),
        reference: c.expected,
      },
      o.template ?? defaultJudgeTemplate(),
    );
    // No `expected` in meta: the judge must never see (or be shortcut by) the golden answer as an oracle.
    // judgeRepeat only from the second ask on, so the first shares its cache entry with a run without --judge-repeat.
    request.meta = { caseId: c.id, repeat: ctx.repeat ?? 0, ...(judgeRepeat > 0 ? { judgeRepeat } : {}) };
    const judge = o.provider.id;
    // Cancellation is rethrown by callJudge (the runner's business, not a verdict).
    const call = await callJudge(o.provider, request, ctx.signal);
    if (call.failed !== undefined) {
      const reason = call.failed;
      return o.rubric.criteria.map((_cr, i) => ({ scorer: JUDGE_SCORER, criterion: criteria[i]!, value: null, reason, judge }));
    }
    const result = call.result;
    ctx.onCall?.({
      provider: judge,
      model: o.provider.model,
      usage: result.usage,
      latencyMs: result.latencyMs,
      cached: result.cached,
      attempts: result.attempts,
    });
    // Usage is per judge CALL; every criterion's score carries the same numbers (count once per scorer).
    const meta = { usage: result.usage, latencyMs: result.latencyMs, model: result.model, cached: Boolean(result.cached) };
    const verdicts = parseVerdict(o.rubric, result.structured ?? result.text);
    return verdicts.map((v, i): Score => {
      const criterion = o.rubric.criteria[i]!;
      if (!v.ok) {
        return {
          scorer: JUDGE_SCORER,
          criterion: criteria[i]!,
          value: null,
          reason: v.reason,
          judge,
          meta: { ...meta, raw: clip(result.text) },
        };
      }
      return {
        scorer: JUDGE_SCORER,
        criterion: criteria[i]!,
        value: v.value,
        label: v.label,
        passed: passes(criterion, v.value),
        reason: v.reasoning,
        judge,
        meta,
      };
    });
  }
}

/** Each `rubric.<criterion>`'s range: its scale's lowest to highest value. */
export function rubricBounds(rubric: Rubric): Record<string, Bounds> {
  return Object.fromEntries(rubric.criteria.map((c) => [rubricCriterion(c.name), scaleBounds(c.scale)]));
}

function clip(s: string): string {
  return s.length > 2000 ? s.slice(0, 2000) + '…' : s;
}
