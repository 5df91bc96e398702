import { setMaxListeners } from 'node:events';
import { systemClock, type Clock } from '../core/clock.js';
import { ConfigError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { rubricOfMode, type Rubric } from '../core/rubric.js';
import type { Provider } from '../providers/provider.js';
import { judgePair } from '../scorers/judge/pairwise-judge.js';
import type { ScorerCall } from '../scorers/scorer.js';
import { pairOutputs } from '../storage/pair-outputs.js';
import { sourceRef } from '../storage/run-columns.js';
import type { PairwiseSource, RunStatus, Store } from '../storage/store.js';
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
  if (o.sources.length < 2) throw new ConfigError('pairwise judging needs at least two runs or matrix columns to compare');
  const rubric = rubricOfMode(o.rubric, 'pairwise');
  if (!rubric) throw new ConfigError(`rubric "${o.rubric.name}" has no criterion with mode: pairwise`);
  const { pairs, sourceOf } = pairOutputs(store, o.sources);
  if (pairs.length === 0) throw new ConfigError(`${o.sources.some((s) => s.column !== undefined) ? 'sources' : 'runs'} ${o.sources.map(sourceRef).join(', ')} have no case with an output in both`);
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
