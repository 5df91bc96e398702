import { runBounds } from './criterion-bounds.js';
import type { Case } from '../core/case.js';
import { systemClock, type Clock } from '../core/clock.js';
import { ConfigError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Score } from '../core/score.js';
import { decideCase } from '../scorers/thresholds.js';
import type { NewOutput, RunRecord, RunSummary, Store } from '../storage/store.js';
import { outcomeFromStored } from './resume.js';
import { runConfig } from './run-config.js';
import type { RunPlan } from './types.js';
import type { ShardInfo } from './shard.js';
import { SummaryBuilder } from './summary.js';
import { reducerOf } from '../core/reducer.js';

/** One shard database: `label` (its path) names it in messages. */
export interface MergeSource {
  label: string;
  store: Store;
}

export interface MergeOptions {
  /** Copy the shards' response caches too (default true), so the next run is answered from it. */
  cache?: boolean;
  clock?: Clock;
}

export interface MergeResult {
  runId: string;
  summary: RunSummary;
  suiteName: string;
  /** Shard indices merged, ascending, and the ones of `count` that were not given. */
  shards: number[];
  missing: number[];
  count: number;
  cacheEntries: number;
}

/** Config keys that may differ between the shards of one run: they never change a result. */
const FREE_KEYS = new Set(['shard', 'concurrency', 'suitePath']);
/** Results go in per transaction: bounded memory on the write side, few commits. */
const CHUNK = 1000;

interface Picked {
  label: string;
  store: Store;
  run: RunRecord;
  shard: ShardInfo;
}

/**
 * Merge the shard runs (`juror run --shard i/n`) held by `sources` into one new run in `target`:
 * cases in suite order, every output with its scores, a summary recomputed from them, and the
 * response caches. Refuses (ConfigError, one line) shards of different suites or configs, two
 * copies of one shard, a case in two shards, and unfinished shards.
 */
export function mergeShardRuns(sources: readonly MergeSource[], target: Store, opts: MergeOptions = {}): MergeResult {
  if (sources.length === 0) throw new ConfigError('juror merge needs at least one shard database');
  const clock = opts.clock ?? systemClock;
  const picked = sources.map(pickShardRun);
  const first = picked[0]!;
  const seen = new Map<number, Picked>();
  for (const p of picked) {
    checkSameRun(first, p);
    const other = seen.get(p.shard.index);
    if (other) throw new ConfigError(`${other.label} and ${p.label} both hold shard ${p.shard.index}/${p.shard.count}`);
    seen.set(p.shard.index, p);
  }
  picked.sort((a, b) => a.shard.index - b.shard.index);

  const cases: Array<{ position: number; case: Case }> = [];
  const owner = new Map<string, string>();
  for (const p of picked) {
    for (const pc of p.store.getPositionedCases(p.run.id)) {
      const prev = owner.get(pc.case.id);
      if (prev) throw new ConfigError(`case "${pc.case.id}" is in both ${prev} and ${p.label}: the shards overlap`);
      owner.set(pc.case.id, p.label);
      cases.push(pc);
    }
  }
  cases.sort((a, b) => a.position - b.position);
  const positionOf = new Map(cases.map((c, i) => [c.case.id, i]));

  const firstConfig = runConfig(first.run);
  const rules = firstConfig.pass ?? [];
  const decide: RunPlan['decide'] = (scores, metrics) => decideCase(rules, scores, metrics);
  const results: Array<{ output: NewOutput; scores: Score[] }> = [];
  const builder = new SummaryBuilder();
  builder.trackRepeats(Math.max(1, firstConfig.repeat ?? 1), reducerOf(firstConfig.reduce), decide);
  builder.bounds = runBounds(first.run);
  let retries = 0;
  let cachedCalls = 0;
  let durationMs = 0;
  for (const p of picked) {
    const byOutput = new Map<number, Score[]>();
    for (const { id: _id, runId: _run, outputId, createdAt: _at, ...score } of p.store.getScores(p.run.id)) {
      let list = byOutput.get(outputId);
      if (!list) byOutput.set(outputId, (list = []));
      list.push(score);
    }
    for (const stored of p.store.getOutputs(p.run.id)) {
      const { id, createdAt: _at, ...output } = stored;
      const scores = byOutput.get(id) ?? [];
      builder.add(outcomeFromStored(stored, scores, { decide }));
      results.push({ output, scores });
    }
    retries += p.run.summary?.retries ?? 0;
    cachedCalls += p.run.summary?.cachedCalls ?? 0;
    // the shards ran side by side: the merged run took as long as the slowest
    durationMs = Math.max(durationMs, p.run.summary?.durationMs ?? 0);
  }
  // file order, repeats in order: what an unsharded run stores
  results.sort((a, b) => positionOf.get(a.output.caseId)! - positionOf.get(b.output.caseId)! || a.output.repeat - b.output.repeat);

  const runId = newId('r', clock.now());
  const { shard: _shard, ...config } = first.run.config;
  const count = first.shard.count;
  const shards = picked.map((p) => p.shard.index);
  target.createRun({
    id: runId,
    kind: 'run',
    suiteName: first.run.suiteName,
    suitePath: first.run.suitePath ?? null,
    provider: first.run.provider,
    judge: first.run.judge ?? null,
    config: { ...config, mergedFrom: picked.map((p) => ({ shard: `${p.shard.index}/${count}`, runId: p.run.id, db: p.label })) },
    gitCommit: first.run.gitCommit ?? null,
    parentRunId: null,
    startedAt: picked.map((p) => p.run.startedAt).sort()[0]!,
  });
  target.saveCases(runId, cases.map((c) => c.case), cases.map((c) => c.position));
  for (let i = 0; i < results.length; i += CHUNK) target.saveResults(results.slice(i, i + CHUNK).map((r) => ({ output: { ...r.output, runId }, scores: r.scores })));

  let cacheEntries = 0;
  if (opts.cache !== false) for (const p of picked) cacheEntries += target.cachePutMany(p.store.cacheEntries());

  const summary = builder.build(durationMs, { retries, cachedCalls, repeats: Math.max(1, firstConfig.repeat ?? 1) });
  const finishedAt = picked.map((p) => p.run.finishedAt ?? '').sort().at(-1) || clock.now().toISOString();
  target.setRunStatus(runId, 'finished', summary, finishedAt);
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  return { runId, summary, suiteName: first.run.suiteName, shards, missing, count, cacheEntries };
}

/** The newest sharded suite run in a database; it must have finished. */
function pickShardRun(source: MergeSource): Picked {
  const run = source.store.listRuns().find((r) => r.kind === 'run' && runConfig(r).shard !== undefined);
  if (!run) throw new ConfigError(`${source.label}: no sharded run in this database (juror run SUITE --shard i/n --db ${source.label})`);
  if (run.status !== 'finished') {
    throw new ConfigError(`${source.label}: shard run ${run.id} is ${run.status}; finish it first (juror run --resume ${run.id} --db ${source.label})`);
  }
  return { label: source.label, store: source.store, run, shard: runConfig(run).shard! };
}

/** One line naming what differs, or nothing: the shards must be slices of the very same run. */
function checkSameRun(a: Picked, b: Picked): void {
  const differ = (what: string, x: unknown, y: unknown) => {
    throw new ConfigError(`${b.label} and ${a.label} are not shards of one run: ${what} differ (${show(y)} vs ${show(x)})`);
  };
  if (a.run.suiteName !== b.run.suiteName) differ('suites', a.run.suiteName, b.run.suiteName);
  if (a.shard.count !== b.shard.count) differ('shard counts', a.shard.count, b.shard.count);
  if (a.shard.fingerprint !== b.shard.fingerprint) differ('the suites\' cases', `${a.shard.suiteCases} cases`, `${b.shard.suiteCases} cases${a.shard.suiteCases === b.shard.suiteCases ? ', edited' : ''}`);
  if (a.run.provider !== b.run.provider) differ('providers', a.run.provider, b.run.provider);
  if ((a.run.judge ?? null) !== (b.run.judge ?? null)) differ('judges', a.run.judge, b.run.judge);
  if (a.run.gitCommit && b.run.gitCommit && a.run.gitCommit !== b.run.gitCommit) differ('git commits', a.run.gitCommit, b.run.gitCommit);
  const keys = new Set([...Object.keys(a.run.config), ...Object.keys(b.run.config)]);
  for (const k of [...keys].sort()) {
    if (FREE_KEYS.has(k)) continue;
    if (stable(a.run.config[k]) !== stable(b.run.config[k])) differ(`configs (${k})`, a.run.config[k], b.run.config[k]);
  }
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? 'none';
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** JSON with sorted keys, so equal configs compare equal whatever order they were built in. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0))) : x,
  ) ?? 'undefined';
}
