import type { Case } from '../core/case.js';
import type { Clock } from '../core/clock.js';
import { ConfigError, NotFoundError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { DEFAULT_REDUCER, reducerOf, type Reducer } from '../core/reducer.js';
import { ZERO_USAGE, type Score, type Usage } from '../core/score.js';
import type { OutputRecord, Store } from '../storage/store.js';
import { storedBounds, type CriterionBounds } from './criterion-bounds.js';
import { preflight, Preflight } from './preflight.js';
import { findResumableRun, loadResumeState, outcomeFromStored, pairKey } from './resume.js';
import { runConfig, type RunConfig } from './run-config.js';
import type { RunOptions } from './run-suite.js';
import { CaseSelector } from './select-cases.js';
import { inShard, SuiteFingerprint } from './shard.js';
import type { CaseOutcome, RunColumn, RunPlan } from './types.js';

/** One unit of work: a (case, column, repeat), and the stored output to score when outputs are reused. */
export interface Job {
  case: Case;
  repeat: number;
  /** Matrix column index (0 in a one-column run). */
  col: number;
  stored?: OutputRecord;
}

/** What starting a matrix run needs of each column: its label and how it renders a case (pre-flight). */
export interface StartColumn {
  column: RunColumn;
  render: RunPlan['render'];
}

/** A run ready to execute: its record exists, and `jobs` yields what is left to do. */
export interface StartedRun {
  runId: string;
  repeat: number;
  reduce: Reducer;
  /** The matrix columns; null for a one-column run. */
  columns: RunColumn[] | null;
  /** Outcomes already stored (a resumed run), for the summary. */
  previous: CaseOutcome[];
  /** Jobs in total (done ones included). */
  total: number;
  alreadyDone: number;
  jobs: () => Iterable<Job>;
}

/**
 * The three ways a run starts, one lifecycle after them: a new run of the suite's cases, a
 * resumed run (its cases and finished pairs come from the Store), or a judge run over a parent's
 * stored outputs (`juror judge`: nothing is generated, every stored output is scored again).
 */
export function startRun(
  plan: RunPlan,
  options: RunOptions,
  store: Store,
  clock: Clock,
  matrix: StartColumn[] | null,
  bounds: CriterionBounds,
  /** What the judge calls behind an output's stored scores cost (a resumed judge run's summary re-prices them). */
  judgeCost?: (scores: readonly Score[]) => number | null,
): StartedRun {
  if (options.reuseOutputsOf) return startJudgeRun(plan, options, store, clock, options.reuseOutputsOf, bounds, judgeCost);
  if (options.resumeRunId) return resumeRun(plan, options, store, matrix);
  return startNewRun(plan, options, store, clock, matrix, bounds);
}

function startNewRun(plan: RunPlan, options: RunOptions, store: Store, clock: Clock, matrix: StartColumn[] | null, bounds: CriterionBounds): StartedRun {
  const repeat = Math.max(1, options.repeat ?? 1);
  const reduce = plan.reduce ?? DEFAULT_REDUCER;
  const runId = newId('r', clock.now());
  // Two passes over the cases, neither holding them when they stream from their files
  // (plan.caseSource): the first selects and checks, the second stores them once the run exists.
  const each = (): Iterable<Case> => plan.caseSource?.each() ?? plan.cases;
  const selector = new CaseSelector({ tags: options.filter ?? null, exclude: options.exclude, ids: options.caseIds });
  // Before the run exists: a mistake in a template or a case costs no call and leaves no run behind.
  const checks = (matrix ?? [plan]).map((m) => new Preflight({ render: m.render, scorers: plan.scorers }));
  const fingerprint = options.shard ? new SuiteFingerprint() : null;
  const wanted = (c: Case) => selector.matches(c) && (!options.shard || inShard(c.id, options.shard));
  let suiteCases = 0;
  let selected = 0;
  for (const c of each()) {
    suiteCases++;
    fingerprint?.add(c);
    if (!selector.take(c)) continue;
    selected++;
    if (!options.shard || inShard(c.id, options.shard)) for (const check of checks) check.add(c);
  }
  if (suiteCases === 0 && plan.caseSource) throw new ConfigError('the suite has no cases', plan.caseSource.where);
  selector.finish(selected);
  for (const check of checks) check.finish();
  const columns = matrix?.map((m) => m.column) ?? null;
  const config: RunConfig = {
    ...options.config,
    ...(columns ? { columns } : {}),
    repeat,
    reduce,
    filter: options.filter ?? null,
    exclude: options.exclude?.length ? [...options.exclude] : null,
    caseIds: options.caseIds?.length ? [...options.caseIds] : null,
    concurrency: options.concurrency ?? 8,
    // each criterion's range, so a stored run's intervals stay inside it in every report
    bounds: storedBounds(bounds),
    ...(fingerprint && options.shard ? { shard: fingerprint.info(options.shard) } : {}),
  };
  store.createRun({
    id: runId,
    kind: 'run',
    suiteName: plan.suiteName,
    suitePath: plan.suitePath,
    provider: options.providerSpec,
    judge: options.judgeSpec ?? null,
    config,
    gitCommit: options.gitCommit ?? null,
    parentRunId: null,
    startedAt: clock.now().toISOString(),
  });
  // Positions in the whole suite, so the shards of a run merge back into file order. Streamed
  // cases are stored in chunks and read back one at a time by the jobs; in-memory ones are kept.
  const kept: Case[] = [];
  const ids: string[] = [];
  let chunk: Case[] = [];
  let positions: number[] = [];
  const save = () => {
    if (chunk.length > 0) store.saveCases(runId, chunk, positions);
    chunk = [];
    positions = [];
  };
  let i = 0;
  for (const c of each()) {
    if (wanted(c)) {
      chunk.push(c);
      positions.push(i);
      if (plan.caseSource) ids.push(c.id);
      else kept.push(c);
      if (chunk.length === SAVE_CHUNK) save();
    }
    i++;
  }
  save();
  const width = columns?.length ?? 1;
  const n = plan.caseSource ? ids.length : kept.length;
  const cases: Iterable<Case> = plan.caseSource ? storedCases(store, runId, ids) : kept;
  return { runId, repeat, reduce, columns, previous: [], total: n * repeat * width, alreadyDone: 0, jobs: () => pairs(cases, repeat, width, new Set()) };
}

/** Cases per saveCases transaction when they stream in. */
const SAVE_CHUNK = 1000;

/** A run's stored cases in the given order, read one at a time (ids are all that is held). */
function storedCases(store: Store, runId: string, ids: readonly string[]): Iterable<Case> {
  return {
    *[Symbol.iterator]() {
      for (const id of ids) {
        const c = store.getCase(runId, id);
        if (!c) throw new NotFoundError(`run ${runId}: stored case "${id}" is missing`);
        yield c;
      }
    },
  };
}

function resumeRun(plan: RunPlan, options: RunOptions, store: Store, matrix: StartColumn[] | null): StartedRun {
  const run = findResumableRun(store, options.resumeRunId);
  // The run record, not today's flags, says what the run is: same cases, repeats and columns.
  const config = runConfig(run);
  const repeat = Math.max(1, config.repeat ?? 1);
  const columns = config.columns ?? null;
  const cases = store.getCases(run.id);
  const state = loadResumeState(store, run.id, plan);
  if (matrix) for (const m of matrix) preflight({ render: m.render, scorers: plan.scorers }, cases);
  else preflight(plan, cases);
  store.setRunStatus(run.id, 'running', null, null);
  const width = columns?.length ?? 1;
  return {
    runId: run.id,
    repeat,
    reduce: reducerOf(config.reduce ?? plan.reduce),
    columns,
    previous: state.outcomes,
    total: cases.length * repeat * width,
    alreadyDone: state.done.size,
    jobs: () => pairs(cases, repeat, width, state.done),
  };
}

function startJudgeRun(
  plan: RunPlan,
  options: RunOptions,
  store: Store,
  clock: Clock,
  parentId: string,
  bounds: CriterionBounds,
  judgeCost: ((scores: readonly Score[]) => number | null) | undefined,
): StartedRun {
  const parent = store.getRun(parentId);
  if (!parent) throw new NotFoundError(`run "${parentId}" not found`);
  if (parent.kind !== 'run') throw new ConfigError(`run "${parent.id}" is a ${parent.kind} run; judge the suite run it re-scored (${parent.parentRunId})`);
  // The same outputs, so the same cases, repeats and reducer as the parent.
  const parentConfig = runConfig(parent);
  const repeat = Math.max(1, parentConfig.repeat ?? 1);
  const reduce = reducerOf(parentConfig.reduce);
  const columns = parentConfig.columns ?? null;
  const cases = store.getCases(parent.id);
  const byId = new Map(cases.map((c) => [c.id, c]));
  // Errored outputs have nothing to judge.
  const outputs = store.getOutputs(parent.id).filter((o) => o.output !== null);
  // Only the scorers' inputs are checked: nothing is rendered or generated.
  preflight({ render: () => [], scorers: plan.scorers }, cases);
  const job = (o: OutputRecord): Job => ({ case: byId.get(o.caseId) ?? { id: o.caseId, vars: {}, tags: [] }, repeat: o.repeat, col: o.col, stored: o });
  if (options.resumeRunId) {
    // `juror judge --resume`: the outputs this judge run has scores for are done.
    const run = store.getRun(options.resumeRunId);
    if (!run) throw new NotFoundError(`run "${options.resumeRunId}" not found`);
    if (run.kind !== 'judge' || run.parentRunId !== parent.id) throw new ConfigError(`run "${run.id}" is not a judge run of ${parent.id}`);
    if (run.status === 'finished') throw new ConfigError(`run "${run.id}" already finished; nothing to resume`);
    const scored = new Map<number, Score[]>();
    for (const sc of store.getScores(run.id)) scored.set(sc.outputId, [...(scored.get(sc.outputId) ?? []), sc]);
    store.setRunStatus(run.id, 'running', null, null);
    const previous = outputs.filter((o) => scored.has(o.id)).map((o) => judgedOutcome(o, scored.get(o.id)!, plan, judgeCost));
    const left = outputs.filter((o) => !scored.has(o.id));
    const jobs = function* (): Generator<Job> {
      for (const o of left) yield job(o);
    };
    return { runId: run.id, repeat, reduce, columns, previous, total: outputs.length, alreadyDone: previous.length, jobs };
  }
  const runId = newId('j', clock.now());
  store.createRun({
    id: runId,
    kind: 'judge',
    suiteName: parent.suiteName,
    suitePath: parent.suitePath ?? null,
    provider: parent.provider,
    judge: options.judgeSpec ?? null,
    config: { ...options.config, repeat, reduce, concurrency: options.concurrency ?? 8, bounds: storedBounds(bounds), ...(columns ? { columns } : {}) },
    gitCommit: options.gitCommit ?? null,
    parentRunId: parent.id,
    startedAt: clock.now().toISOString(),
  });
  const jobs = function* (): Generator<Job> {
    for (const o of outputs) yield job(o);
  };
  return { runId, repeat, reduce, columns, previous: [], total: outputs.length, alreadyDone: 0, jobs };
}

/**
 * A stored output's outcome in a judge run: the system's tokens and cost were the parent's, so only
 * the judge's count, re-priced from the calls its scores record (each panel member at its own model).
 */
function judgedOutcome(o: OutputRecord, scores: Score[], plan: RunPlan, judgeCost: ((scores: readonly Score[]) => number | null) | undefined): CaseOutcome {
  const base = outcomeFromStored(o, scores, plan);
  return { ...base, usage: ZERO_USAGE, latencyMs: o.latencyMs ?? 0, costUsd: judgeCost ? judgeCost(scores) : null, cached: false, attempts: 1 };
}

/** Case by case, every column of it, every repeat: a killed run has whole cases across its columns. */
function* pairs(cases: Iterable<Case>, repeat: number, width: number, done: ReadonlySet<string>): Generator<Job> {
  for (const c of cases) {
    for (let col = 0; col < width; col++) {
      for (let r = 0; r < repeat; r++) if (!done.has(pairKey(c.id, r, col))) yield { case: c, repeat: r, col };
    }
  }
}
