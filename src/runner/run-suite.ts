import { setMaxListeners } from 'node:events';
import { planBounds, type CriterionBounds } from './criterion-bounds.js';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { ConfigError } from '../core/errors.js';
import type { Score, Usage } from '../core/score.js';
import type { Provider } from '../providers/provider.js';
import type { RunStatus, RunSummary, Store } from '../storage/store.js';
import type { BatchHook } from './batch-run.js';
import { BatchWriter } from './batch-writer.js';
import { executeCase, judgeCallsCost, storedJudgeCalls } from './execute-case.js';
import type { FatalStop } from './fatal-stop.js';
import { runPool } from './pool.js';
import type { RunConfig } from './run-config.js';
import { pairKey } from './resume.js';
import { startRun, type Job, type StartedRun } from './run-start.js';
import type { Shard } from './shard.js';
import { SummaryBuilder } from './summary.js';
import type { CaseOutcome, RunColumn, RunPlan } from './types.js';
import type { CallCounters } from './wrap-providers.js';

export interface RunOptions {
  /** Provider and judge specs, as recorded on the run. */
  providerSpec: string;
  judgeSpec?: string | null;
  concurrency?: number;
  repeat?: number;
  /** Only cases carrying one of these tags (comma-separated). */
  filter?: string | null;
  /** Only this slice of the cases (`--shard i/n`), chosen by a hash of each case id. */
  shard?: Shard | null;
  /** Leave out cases carrying any of these tags. */
  exclude?: readonly string[] | null;
  /** Only these case ids. */
  caseIds?: readonly string[] | null;
  /** Continue this run (its cases come from the Store; stored pairs are skipped; with reuseOutputsOf, a judge run of it). */
  resumeRunId?: string;
  /**
   * Generate nothing: score the stored outputs of this run again, as a new run of kind 'judge'
   * (`juror judge`). Scorers, pass rules, batching, cancellation and cost are the same as a run's.
   */
  reuseOutputsOf?: string;
  /** Extra configuration stored on the run so `--resume` can rebuild the same plan. */
  config?: RunConfig;
  gitCommit?: string | null;
  signal?: AbortSignal;
  /** How long in-flight calls may finish after the signal fires (ms). */
  graceMs?: number;
  onStart?(info: { runId: string; total: number; alreadyDone: number }): void;
  onResult?(outcome: CaseOutcome, done: number, total: number): void;
}

export interface RunDeps {
  store: Store;
  /** The system under test, already wrapped (wrapProvider) with the same counters; not needed to reuse outputs. */
  provider?: Provider;
  counters: CallCounters;
  estimateCost?: (model: string, usage: Usage) => number | null;
  judgeModel?: string | null;
  clock?: Clock;
  /** Models of this run without a known price (named in the summary; their cost is unknown, not 0). */
  unpricedModels?: readonly string[];
  /** The latch the providers were wrapped with (wrapProvider's `fatal`): tripping it stops the run. */
  fatal?: FatalStop;
  /** --batch: every call goes through the providers' batch APIs first (batch-run.ts); the pool then runs from their answers. */
  batch?: BatchHook;
  /**
   * A matrix: two or more (prompt, provider) columns, each with its wrapped provider and renderer;
   * every case runs in every column. Absent: one column, `provider` with `plan.render`.
   */
  columns?: ColumnRunner[];
}

/** One matrix column, ready to run. */
export interface ColumnRunner {
  column: RunColumn;
  provider: Provider;
  render: RunPlan['render'];
}

export interface RunResult {
  runId: string;
  status: RunStatus;
  summary: RunSummary;
  /** Cases errored by a template/config problem rather than a provider (exit 2, not 3). */
  configErrors: number;
  /** Set when a repeatable provider error (bad key, unknown model, refused connection) stopped the run. */
  fatal: string | null;
}

/**
 * Run a plan: create (or resume, or judge again) the run record, execute every (case, repeat)
 * with bounded concurrency, store each result, and finish with a summary. Ctrl-C (signal): stop scheduling,
 * give in-flight calls `graceMs`, store what finished, mark the run `interrupted`.
 */
export async function runSuite(plan: RunPlan, options: RunOptions, deps: RunDeps): Promise<RunResult> {
  const { store, counters } = deps;
  const clock = deps.clock ?? systemClock;
  const t0 = clock.monotonicMs();
  if (!options.reuseOutputsOf && !deps.provider) throw new ConfigError('runSuite: a provider for the system under test is needed unless outputs are reused');
  const bounds = planBounds(plan.scorers);
  const matrix = deps.columns && deps.columns.length > 1 ? deps.columns : null;
  const estimate = deps.estimateCost;
  const judgeCost = estimate ? (scores: readonly Score[]) => judgeCallsCost(estimate, deps.judgeModel ?? null, storedJudgeCalls(scores)) : undefined;
  const started = startRun(plan, options, store, clock, matrix, bounds, judgeCost);
  const { runId, repeat, total } = started;
  const builder = newBuilder(started, plan, !started.columns, bounds, (started.columns?.length ?? 1) > 1);
  // Per column: its own figures (the whole run's are over every cell).
  const columnBuilders = started.columns?.map(() => newBuilder(started, plan, true, bounds, false)) ?? null;
  for (const o of started.previous) {
    builder.add(o);
    columnBuilders?.[o.col ?? 0]?.add(o);
    // Retries of calls before the interruption are known from stored attempts; cache hits are not.
    builder.retries += Math.max(0, o.attempts - 1);
    if (o.cached) builder.cachedCalls++;
  }
  options.onStart?.({ runId, total, alreadyDone: started.alreadyDone });
  const retriesBefore = counters.retries;
  const cachedBefore = counters.cachedCalls;

  // In-flight calls get a grace period after Ctrl-C, then their own signal is aborted.
  const calls = new AbortController();
  // Each case gets its own signal, aborted from here: listeners on one shared signal cost O(n)
  // per add/remove in node's EventTarget (measurable at concurrency 128).
  const inFlight = new Set<AbortController>();
  calls.signal.addEventListener('abort', () => {
    for (const c of inFlight) c.abort(calls.signal.reason);
  }, { once: true });
  let graceTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    graceTimer = setTimeout(() => calls.abort(options.signal?.reason), options.graceMs ?? 2000);
  };
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  // A repeatable provider error stops scheduling at once and cancels in-flight calls (no grace:
  // they would fail the same way) one turn later, so the call that tripped it records its error.
  const fatalStop = new AbortController();
  deps.fatal?.onTrip((err) => {
    fatalStop.abort(err);
    setImmediate(() => calls.abort(err));
  });
  const poolSignal = options.signal ? AbortSignal.any([options.signal, fatalStop.signal]) : fatalStop.signal;

  const writer = new BatchWriter(store, { scoresRunId: runId });
  let configErrors = 0;
  let finished = started.alreadyDone;

  // --batch: pairs left for --resume because a request of theirs expired in its batch.
  let notRun: ReadonlySet<string> = new Set();
  function* jobs(): Generator<Job> {
    for (const job of started.jobs()) if (!notRun.has(pairKey(job.case.id, job.repeat, job.col))) yield job;
  }

  let status: RunStatus = 'finished';
  try {
    let batchInterrupted = false;
    if (deps.batch) {
      const cell = (col: number) => {
        const m = matrix?.[col];
        return m ? { provider: m.provider, render: m.render } : { provider: deps.provider, render: plan.render };
      };
      const prepared = await deps.batch.prepare({ runId, plan, pending: [...started.jobs()], cell, signal: poolSignal });
      notRun = prepared.notRun;
      batchInterrupted = prepared.interrupted;
    }
    const pool = batchInterrupted ? { aborted: true } : await runPool(
      jobs(),
      async (job) => {
        const own = new AbortController();
        // A RAG metric asks the judge about every claim of a case at once, and each SDK call adds
        // an abort listener: more than node's default 10 on one case's signal is expected, not a leak.
        setMaxListeners(0, own.signal);
        if (calls.signal.aborted) own.abort(calls.signal.reason);
        inFlight.add(own);
        let res: Awaited<ReturnType<typeof executeCase>>;
        try {
          const cell = matrix?.[job.col];
          res = await executeCase(
            job.case,
            job.repeat,
            {
              runId,
              plan,
              provider: cell?.provider ?? deps.provider,
              callSignal: own.signal,
              estimateCost: deps.estimateCost,
              judgeModel: deps.judgeModel,
              ...(started.columns ? { column: { index: job.col, ...started.columns[job.col]! }, render: cell?.render } : {}),
            },
            job.stored,
          );
        } finally {
          inFlight.delete(own);
        }
        if (!res) return; // cut off by cancellation: not stored, redone on resume
        if (res.output) writer.add(res.output, res.scores);
        else writer.addScores(res.outputId!, res.scores);
        if (res.configError) configErrors++;
        builder.add(res.outcome);
        if (columnBuilders) {
          const cb = columnBuilders[job.col]!;
          cb.add(res.outcome);
          if (res.outcome.cached) cb.cachedCalls++;
          cb.retries += Math.max(0, res.outcome.attempts - 1);
        }
        finished++;
        options.onResult?.(res.outcome, finished, total);
      },
      { concurrency: options.concurrency ?? 8, signal: poolSignal },
    );
    writer.flush();
    // Interrupted only if something is really missing: a Ctrl-C after the last case is a finished run.
    if (deps.fatal?.error && finished < total) status = 'failed';
    else if ((pool.aborted || options.signal?.aborted || notRun.size > 0) && finished < total) status = 'interrupted';
  } catch (err) {
    try {
      writer.flush();
    } catch {
      // the original error is the one to report
    }
    store.setRunStatus(runId, 'failed', summarize(), clock.now().toISOString());
    throw err;
  } finally {
    if (graceTimer) clearTimeout(graceTimer);
    options.signal?.removeEventListener('abort', onAbort);
  }

  const summary = summarize();
  store.setRunStatus(runId, status, summary, status === 'finished' ? clock.now().toISOString() : null);
  const fatal = status === 'failed' && deps.fatal?.error ? deps.fatal.error.message : null;
  return { runId, status, summary, configErrors, fatal };

  function summarize(): RunSummary {
    const durationMs = clock.monotonicMs() - t0;
    const summary = builder.build(durationMs, {
      retries: counters.retries - retriesBefore,
      cachedCalls: counters.cachedCalls - cachedBefore,
      repeats: repeat,
      notRun: deps.fatal?.error ? total - finished : notRun.size,
      unpricedModels: deps.unpricedModels,
    });
    if (started.columns && columnBuilders) {
      summary.columns = started.columns.map((column, i) => ({ ...column, summary: columnBuilders[i]!.build(durationMs, { repeats: repeat }) }));
    }
    return deps.batch ? { ...summary, batch: deps.batch.summary() } : summary;
  }
}

/**
 * A summary builder for the run's shape. In a matrix, only the per-column builders reduce repeats
 * (the repeats of one case in two columns are different systems, not one case asked again).
 * `poolsColumns`: the whole matrix run's builder sees each case once per column, so its intervals are
 * clustered by case, as `show` and the reports recompute them from the stored cases.
 */
function newBuilder(started: StartedRun, plan: RunPlan, reduce: boolean, bounds: CriterionBounds, poolsColumns: boolean): SummaryBuilder {
  const b = new SummaryBuilder();
  b.bounds = bounds;
  b.clusterByCase = started.repeat > 1 || poolsColumns;
  b.trackRepeats(reduce ? started.repeat : 1, started.reduce, plan.decide);
  return b;
}
