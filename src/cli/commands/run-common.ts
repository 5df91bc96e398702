import { existsSync } from 'node:fs';
import { ConfigError, NotFoundError } from '../../core/errors.js';
import type { RunRecord, Store } from '../../storage/store.js';
import type { RunPlan } from '../../runner/types.js';
import { dbPath, type CliContext } from '../context.js';

/**
 * Helpers shared by the run-side commands (run, runs, show, compare, judge, cache).
 * Only type imports and node built-ins at the top: heavy modules load inside the functions,
 * so registering commands stays cheap.
 */

export function intOption(flag: string, raw: string | undefined, fallback: number, min = 1, max = 100_000): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${flag} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

/** Open the database. Read-only commands refuse a missing file instead of creating an empty one. */
export async function openStore(ctx: CliContext, flag: string | undefined, opts: { mustExist?: boolean } = {}): Promise<{ store: Store; path: string }> {
  const path = dbPath(ctx, flag);
  if (opts.mustExist && !existsSync(path)) throw new NotFoundError(`no juror database at ${path} (run a suite first, or pass --db)`);
  const { openSqliteStore } = await import('../../storage/sqlite-store.js');
  return { store: openSqliteStore(path), path };
}

/** Open the database, hand it to `use`, and close it whatever happens. */
export async function withStore<T>(
  ctx: CliContext,
  flag: string | undefined,
  use: (store: Store, path: string) => T | Promise<T>,
  opts: { mustExist?: boolean } = {},
): Promise<T> {
  const { store, path } = await openStore(ctx, flag, opts);
  try {
    return await use(store, path);
  } finally {
    store.close();
  }
}

/**
 * A run id; `latest` for the most recent suite run; `latest~N` for the Nth suite run before it
 * of the SAME suite (`latest~1` is the run a new run is usually compared with).
 */
export function findRun(store: Store, id: string): RunRecord {
  const alias = /^latest(?:~(\d+))?$/.exec(id);
  if (alias) {
    const latest = store.listRuns({ limit: 50 }).find((r) => r.kind === 'run');
    if (!latest) throw new NotFoundError('no runs in this database yet');
    const back = Number(alias[1] ?? 0);
    if (back === 0) return latest;
    const same = store.listRuns({ suiteName: latest.suiteName, limit: back + 1000 }).filter((r) => r.kind === 'run');
    const at = same.findIndex((r) => r.id === latest.id);
    const run = at < 0 ? undefined : same[at + back];
    if (!run) throw new NotFoundError(`no run "${id}": suite ${latest.suiteName} has only ${same.length - Math.max(at, 0)} run(s) up to the latest`);
    return run;
  }
  const run = store.getRun(id);
  if (!run) throw new NotFoundError(`no run "${id}" (see juror runs)`);
  return run;
}

/** The criteria that gate a run: the ones its suite's `pass:` rules name. */
export async function gatingCriteria(run: RunRecord): Promise<string[]> {
  const { storedPassRules } = await import('../../runner/run-config.js');
  return storedPassRules(run).map((r) => r.criterion);
}

/**
 * How a stored run decides pass/fail per case: the suite's `pass:` rules saved on the run (a judge
 * run stores its parent's; judge runs from before that have none: every score must pass).
 */
export async function decideFor(run: RunRecord): Promise<RunPlan['decide']> {
  const { decideCase } = await import('../../scorers/thresholds.js');
  const { storedPassRules } = await import('../../runner/run-config.js');
  const rules = storedPassRules(run);
  return (scores, metrics) => decideCase(rules, scores, metrics);
}

export async function loadReport(store: Store, run: RunRecord) {
  const { loadRunReport } = await import('../../runner/run-report.js');
  return loadRunReport(store, run.id, await decideFor(run));
}

/**
 * `RUN` or `RUN:COLUMN` (a matrix column: its number as the summary shows it, or a provider spec or
 * prompt label naming exactly one column) as a report `compare` can pair: a column's cases, its
 * summary, and `RUN:N` as its id. A matrix run without a column is refused (its columns are
 * different systems; pairing them with another run's cases would mix them).
 */
export async function loadComparable(store: Store, ref: string) {
  const { splitRunRef, resolveColumn } = await import('../../storage/run-columns.js');
  const parts = splitRunRef(ref);
  const run = findRun(store, parts.run);
  const report = await loadReport(store, run);
  const columns = report.summary?.columns;
  if (parts.column === undefined) {
    if (columns) throw new ConfigError(`run "${run.id}" is a matrix of ${columns.length} columns: compare two of them (${run.id}:1 ${run.id}:2) or one with another run`);
    return { run, report };
  }
  const n = resolveColumn(run, parts.column);
  const id = `${run.id}:${n}`;
  const summary = columns?.[n - 1]?.summary;
  if (!summary) throw new ConfigError(`run "${run.id}" has no summary yet (status ${run.status}): compare its columns when it has finished`);
  return {
    run,
    report: { run: { ...report.run, id }, summary, cases: report.cases.filter((c) => (c.col ?? 0) === n - 1) },
  };
}

/** `RUN` or `RUN:COLUMN`: the run, and the column (1-based) when one is named, resolved as compare resolves it. */
export async function findRunColumn(store: Store, ref: string): Promise<{ run: RunRecord; column?: number }> {
  const { splitRunRef, resolveColumn } = await import('../../storage/run-columns.js');
  const parts = splitRunRef(ref);
  const run = findRun(store, parts.run);
  return parts.column === undefined ? { run } : { run, column: resolveColumn(run, parts.column) };
}

/**
 * `RUN` or `RUN:COLUMN` as pairwise sources, with the run; a matrix run named without a column
 * stands for every one of its columns (`judge-pairwise RUN`).
 */
export async function findSources(store: Store, ref: string) {
  const { runColumns, pairwiseSource } = await import('../../storage/run-columns.js');
  const { run, column } = await findRunColumn(store, ref);
  if (column !== undefined) return { run, sources: [pairwiseSource(run, column)] };
  const columns = runColumns(run);
  return { run, sources: columns ? columns.map((_, i) => pairwiseSource(run, i + 1)) : [pairwiseSource(run)] };
}
