import type { Register } from './index.js';
import { writeJson } from '../context.js';
import { EXIT } from '../exit-codes.js';

/** `juror cache stats|clear`: the response cache in the database. */
export const register: Register = (program, ctx, setExit) => {
  const cmd = program.command('cache').description('inspect or clear the response cache');
  cmd
    .command('stats')
    .description('entries, size and hits of the response cache')
    .option('--db <file>', 'database file')
    .option('--json', 'print one JSON document')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const { withStore } = await import('./run-common.js');
      await withStore(ctx, opts.db, (store, path) => {
        const s = store.cacheStats();
        if (opts.json) writeJson(ctx, { db: path, ...s });
        else ctx.stdout.write(`cache in ${path}: ${s.entries} entries, ${(s.bytes / 1024).toFixed(1)} KiB, ${s.hits} hits\n`);
      }, { mustExist: true });
      setExit(EXIT.ok);
    });
  cmd
    .command('clear')
    .description('delete every cached response (the next run calls the providers again)')
    .option('--db <file>', 'database file')
    .option('--json', 'print one JSON document')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const { withStore } = await import('./run-common.js');
      await withStore(ctx, opts.db, (store, path) => {
        const removed = store.cacheClear();
        if (opts.json) writeJson(ctx, { db: path, removed });
        else ctx.stdout.write(`removed ${removed} cached responses from ${path}\n`);
      }, { mustExist: true });
      setExit(EXIT.ok);
    });
};
