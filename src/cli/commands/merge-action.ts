import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { NotFoundError } from '../../core/errors.js';
import { mergeShardRuns, type MergeSource } from '../../runner/merge-runs.js';
import { openSqliteStore } from '../../storage/sqlite-store.js';
import type { CliContext } from '../context.js';
import type { MergeFlags } from './merge.js';
import { openStore } from './run-common.js';
import { report } from './run-action.js';

export async function mergeCommand(ctx: CliContext, dbs: string[], flags: MergeFlags): Promise<number> {
  const sources: MergeSource[] = [];
  try {
    for (const db of dbs) {
      const path = resolve(ctx.cwd, db);
      if (!existsSync(path)) throw new NotFoundError(`${db}: no such shard database`);
      // labelled as the user typed them, so messages name files they recognise
      sources.push({ label: db, store: openSqliteStore(path, { readonly: true }) });
    }
    const { store, path: out } = await openStore(ctx, flags.db);
    try {
      const merged = mergeShardRuns(sources, store, { cache: flags.cache });
      const { count, shards, missing } = merged;
      ctx.stderr.write(
        `Merged ${shards.length === 1 ? 'shard' : 'shards'} ${shards.map((i) => `${i}/${count}`).join(', ')} of ${merged.suiteName} ` +
          `(${merged.summary.total} cases, ${merged.cacheEntries} cache entries) into ${merged.runId}\n`,
      );
      if (missing.length) {
        ctx.stderr.write(`warning: shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} not given: the merged run covers part of the suite\n`);
      }
      return await report(ctx, store, out, { runId: merged.runId, status: 'finished', summary: merged.summary, configErrors: 0, fatal: null }, flags);
    } finally {
      store.close();
    }
  } finally {
    for (const s of sources) s.store.close();
  }
}
