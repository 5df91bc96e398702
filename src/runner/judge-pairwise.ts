import { setMaxListeners } from 'node:events';
import type { Case } from '../core/case.js';
import { systemClock, type Clock } from '../core/clock.js';
import { ConfigError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { rubricOfMode, type Rubric } from '../core/rubric.js';
import type { Provider } from '../providers/provider.js';
import { judgePair } from '../scorers/judge/pairwise-judge.js';
import type { ScorerCall } from '../scorers/scorer.js';
import type { OutputRecord, PairwiseSource, RunStatus, Store } from '../storage/store.js';
import type { Template } from '../templates/render.js';
import { summarisePairwise, type PairwiseSummary } from './pairwise-summary.js';
import { runPool } from './pool.js';

export interface JudgePairwiseOptions {
  sources: PairwiseSource[];
  rubric: Rubric;
  /** Each judge already wrapped with retries and the cache. */
  judges: Provider[];
  template?: Template;
  input?: Template;
  concurrency?: number;
  signal?: AbortSignal;
  onStart?(info: { comparisonId: string; pairs: number; calls: number }): void;
  onPair?(done: number, total: number): void;
}

/** One pair of outputs of the same case (and repeat) from two sources. */
export interface OutputPair {
  a: number;
  b: number;
  outputA: OutputRecord;
  outputB: OutputRecord;
  case: Case;
}

/**
 * Pair the sources' outputs: every two sources (a < b, in the order given), every case and repeat
 * that both have an output for (errored outputs have nothing to compare).
 */
export function pairOutputs(store: Store, sources: PairwiseSource[]): { pairs: OutputPair[]; sourceOf: Map<number, number> } {
  const sourceOf = new Map<number, number>();
  const bySource = sources.map((s, i) => {
    const map = new Map<string, OutputRecord>();
    for (const o of store.getOutputs(s.runId)) {
      if (o.output === null) continue;
      map.set(`${o.caseId}\u0000${o.repeat}`, o);
      sourceOf.set(o.id, i);
    }
    return map;
  });
  const cases = new Map(store.getCases(sources[0]!.runId).map((c) => [c.id, c]));
  const pairs: OutputPair[] = [];
  for (let a = 0; a < sources.length; a++) {
    for (let b = a + 1; b < sources.length; b++) {
      for (const [key, outputA] of bySource[a]!) {
        const outputB = bySource[b]!.get(key);
        if (!outputB) continue;
        const c = cases.get(outputA.caseId) ?? { id: outputA.caseId, vars: {}, tags: [] };
        pairs.push({ a, b, outputA, outputB, case: c });
      }
    }
  }
  return { pairs, sourceOf };
}

/**
 * `juror judge-pairwise`: every pair of outputs judged by every judge in both orders, stored as a
 * comparison (Store.createComparison / savePairwiseVerdicts) with its summary. Neither system is
 * called again: only the judges.
 */
export async function judgePairwise(
  o: JudgePairwiseOptions,
  deps: { store: Store; clock?: Clock },
): Promise<{ comparisonId: string; status: RunStatus; summary: PairwiseSummary }> {
  const { store } = deps;
  const clock = deps.clock ?? systemClock;
  if (o.sources.length < 2) throw new ConfigError('pairwise judging needs at least two runs to compare');
  const rubric = rubricOfMode(o.rubric, 'pairwise');
  if (!rubric) throw new ConfigError(`rubric "${o.rubric.name}" has no criterion with mode: pairwise`);
  const { pairs, sourceOf } = pairOutputs(store, o.sources);
  if (pairs.length === 0) throw new ConfigError(`runs ${o.sources.map((s) => s.runId).join(', ')} have no case with an output in both`);
  const judgeIds = o.judges.map((j) => j.id);
  const comparisonId = newId('pw', clock.now());
  store.createComparison({ id: comparisonId, rubric, judges: judgeIds, sources: o.sources, createdAt: clock.now().toISOString() });
  const jobs = pairs.flatMap((pair) => o.judges.map((judge) => ({ pair, judge })));
  // Calls in flight get a grace period after Ctrl-C, then are cancelled (as in a run).
  const calls = new AbortController();
  setMaxListeners(0, calls.signal);
  const onAbort = () => setTimeout(() => calls.abort(o.signal?.reason), 2000).unref();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  let done = 0;
  o.onStart?.({ comparisonId, pairs: pairs.length, calls: jobs.length * 2 });
  try {
    const pool = await runPool(
      jobs,
      async ({ pair, judge }) => {
        const made: ScorerCall[] = [];
        const verdicts = await judgePair(
          { rubric, provider: judge, template: o.template, input: o.input },
          { case: pair.case, outputA: pair.outputA.output!, outputB: pair.outputB.output!, repeat: pair.outputA.repeat },
          { signal: calls.signal, onCall: (c) => void made.push(c) },
        ).catch((err: unknown) => {
          if (calls.signal.aborted) return null;
          throw err;
        });
        if (!verdicts || calls.signal.aborted) return;
        store.savePairwiseVerdicts(
          comparisonId,
          verdicts.map((v) => ({
            outputA: pair.outputA.id, outputB: pair.outputB.id, judge: judge.id, criterion: v.criterion, caseId: pair.case.id,
            verdict: v.verdict, consistent: v.consistent, saidAB: v.ab.said, saidBA: v.ba.said, reasonAB: v.ab.reason, reasonBA: v.ba.reason,
          })),
        );
        o.onPair?.(++done, jobs.length);
      },
      { concurrency: o.concurrency ?? 8, signal: o.signal },
    );
    const status: RunStatus = (pool.aborted || o.signal?.aborted) && done < jobs.length ? 'interrupted' : 'finished';
    const summary = summarisePairwise({
      comparison: comparisonId,
      sources: o.sources,
      judges: judgeIds,
      criteria: rubric.criteria.map((c) => c.name),
      verdicts: store.getPairwiseVerdicts(comparisonId),
      sourceOf,
    });
    store.setComparisonStatus(comparisonId, status, summary as unknown as Record<string, unknown>, status === 'finished' ? clock.now().toISOString() : null);
    return { comparisonId, status, summary };
  } catch (err) {
    store.setComparisonStatus(comparisonId, 'failed', null, clock.now().toISOString());
    throw err;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
}
