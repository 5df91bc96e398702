import { setMaxListeners } from 'node:events';
import type { Case } from '../core/case.js';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { ConfigError, NotFoundError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Rubric } from '../core/rubric.js';
import type { Usage } from '../core/score.js';
import type { Provider } from '../providers/provider.js';
import { createJudgeScorer } from '../scorers/judge/judge-scorer.js';
import type { ScorerCall } from '../scorers/scorer.js';
import { decideCase } from '../scorers/thresholds.js';
import type { Template } from '../templates/render.js';
import type { RunStatus, RunSummary, Store } from '../storage/store.js';
import { runPool } from './pool.js';
import { SummaryBuilder } from './summary.js';
import { reducerOf } from '../core/reducer.js';
import type { CaseOutcome } from './types.js';
import type { CallCounters } from './wrap-providers.js';

export interface RejudgeOptions {
  parentRunId: string;
  judgeSpec: string;
  rubric: Rubric;
  rubricPath?: string | null;
  template?: Template;
  input?: Template;
  concurrency?: number;
  gitCommit?: string | null;
  signal?: AbortSignal;
  onStart?(info: { runId: string; total: number }): void;
  onResult?(outcome: CaseOutcome, done: number, total: number): void;
}

export interface RejudgeDeps {
  store: Store;
  /** The judge, wrapped with retries and cache. */
  judge: Provider;
  counters: CallCounters;
  estimateCost?: (model: string, usage: Usage) => number | null;
  clock?: Clock;
}

/**
 * `juror judge --run RUN`: a new run of kind 'judge' whose scores are written on the parent's
 * stored outputs. The system under test is never called: there is no provider for it here.
 */
export async function rejudgeRun(o: RejudgeOptions, deps: RejudgeDeps): Promise<{ runId: string; status: RunStatus; summary: RunSummary }> {
  const { store, judge, counters } = deps;
  const clock = deps.clock ?? systemClock;
  const t0 = clock.monotonicMs();
  const parent = store.getRun(o.parentRunId);
  if (!parent) throw new NotFoundError(`run "${o.parentRunId}" not found`);
  if (parent.kind !== 'run') throw new ConfigError(`run "${parent.id}" is a ${parent.kind} run; judge the suite run it re-scored (${parent.parentRunId})`);
  const runId = newId('j', clock.now());
  store.createRun({
    id: runId,
    kind: 'judge',
    suiteName: parent.suiteName,
    suitePath: parent.suitePath ?? null,
    provider: parent.provider,
    judge: o.judgeSpec,
    // repeat and reduce are the parent's: the same outputs, so the same cases and repeats.
    config: { rubric: o.rubric, rubricPath: o.rubricPath ?? null, concurrency: o.concurrency ?? 8, repeat: Number(parent.config.repeat ?? 1), reduce: reducerOf(parent.config.reduce) },
    gitCommit: o.gitCommit ?? null,
    parentRunId: parent.id,
    startedAt: clock.now().toISOString(),
  });
  const cases = new Map<string, Case>(store.getCases(parent.id).map((c) => [c.id, c]));
  // Errored outputs have nothing to judge.
  const outputs = store.getOutputs(parent.id).filter((x) => x.output !== null);
  const scorer = createJudgeScorer({ rubric: o.rubric, provider: judge, template: o.template, input: o.input });
  const builder = new SummaryBuilder();
  builder.trackRepeats(Number(parent.config.repeat ?? 1), reducerOf(parent.config.reduce), (scores) => decideCase([], scores));
  const calls = new AbortController();
  setMaxListeners(0, calls.signal);
  const onAbort = () => setTimeout(() => calls.abort(o.signal?.reason), 2000).unref();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const retries0 = counters.retries;
  const cached0 = counters.cachedCalls;
  let done = 0;
  o.onStart?.({ runId, total: outputs.length });
  try {
    const pool = await runPool(
      outputs,
      async (out) => {
        const c = cases.get(out.caseId) ?? { id: out.caseId, vars: {}, tags: [] };
        const made: ScorerCall[] = [];
        const scores = await scorer
          .score(out.output!, c, { signal: calls.signal, repeat: out.repeat, onCall: (call) => void made.push(call) })
          .catch((err: unknown) => {
            if (calls.signal.aborted) return null;
            throw err;
          });
        if (!scores || calls.signal.aborted) return;
        store.saveScores(runId, out.id, scores);
        const judgeUsage = made.reduce((u, m) => ({ inputTokens: u.inputTokens + m.usage.inputTokens, outputTokens: u.outputTokens + m.usage.outputTokens }), { inputTokens: 0, outputTokens: 0 });
        // Cache hits cost nothing; a model without a list price leaves the cost unknown (null).
        let cost: number | null = null;
        for (const m of made) {
          const x = deps.estimateCost?.(judge.model, m.usage) ?? null;
          if (x !== null) cost = (cost ?? 0) + (m.cached ? 0 : x);
        }
        const outcome: CaseOutcome = {
          caseId: out.caseId,
          repeat: out.repeat,
          status: decideCase([], scores),
          scores,
          usage: { inputTokens: 0, outputTokens: 0 },
          judgeUsage,
          latencyMs: made.length ? made.reduce((t, m) => t + m.latencyMs, 0) : null,
          costUsd: cost,
          cached: made.length > 0 && made.every((m) => m.cached),
          attempts: made.reduce((t, m) => t + (m.attempts ?? 1), 0),
          error: null,
        };
        builder.add(outcome);
        o.onResult?.(outcome, ++done, outputs.length);
      },
      { concurrency: o.concurrency ?? 8, signal: o.signal },
    );
    const status: RunStatus = (pool.aborted || o.signal?.aborted) && done < outputs.length ? 'interrupted' : 'finished';
    const summary = builder.build(clock.monotonicMs() - t0, { retries: counters.retries - retries0, cachedCalls: counters.cachedCalls - cached0 });
    store.setRunStatus(runId, status, summary, status === 'finished' ? clock.now().toISOString() : null);
    return { runId, status, summary };
  } catch (err) {
    store.setRunStatus(runId, 'failed', null, clock.now().toISOString());
    throw err;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
}
