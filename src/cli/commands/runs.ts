import type { Register } from './index.js';
import { writeJson } from '../context.js';
import { EXIT } from '../exit-codes.js';

/** `juror runs`: the runs in the database, newest first. */
export const register: Register = (program, ctx, setExit) => {
  program
    .command('runs')
    .description('list runs, newest first')
    .option('--limit <n>', 'at most N runs (default 20)')
    .option('--suite <name>', 'only runs of this suite')
    .option('--db <file>', 'database file')
    .option('--json', 'print one JSON document')
    .action(async (opts: { limit?: string; suite?: string; db?: string; json?: boolean }) => {
      const { intOption, openStore } = await import('./run-common.js');
      const { existsSync } = await import('node:fs');
      const { dbPath } = await import('../context.js');
      const limit = intOption('--limit', opts.limit, 20, 1, 1_000_000);
      // No database yet simply means no runs (and `juror runs` must not create one).
      const runs = existsSync(dbPath(ctx, opts.db))
        ? await (async () => {
            const { store } = await openStore(ctx, opts.db);
            try {
              return store.listRuns({ limit, suiteName: opts.suite });
            } finally {
              store.close();
            }
          })()
        : [];
      if (opts.json) {
        writeJson(ctx, {
          runs: runs.map((r) => ({
            id: r.id,
            kind: r.kind,
            status: r.status,
            suite: r.suiteName,
            provider: r.provider,
            judge: r.judge ?? null,
            parentRunId: r.parentRunId ?? null,
            gitCommit: r.gitCommit ?? null,
            startedAt: r.startedAt,
            finishedAt: r.finishedAt,
            summary: r.summary,
          })),
        });
      } else if (runs.length === 0) {
        ctx.stdout.write('no runs yet: juror run suites/NAME.yaml\n');
      } else {
        const { fmtPct } = await import('../../reporters/format.js');
        const rows = runs.map((r) => [
          r.id,
          r.kind === 'judge' ? `judge of ${r.parentRunId}` : r.suiteName,
          r.status,
          r.summary ? `${r.summary.passed}/${r.summary.total}` : '–',
          r.summary ? fmtPct(r.summary.passed, r.summary.total) : '–',
          r.kind === 'judge' ? (r.judge ?? '') : r.provider + (r.judge ? ` (judge ${r.judge})` : ''),
          r.startedAt.replace('T', ' ').slice(0, 19),
        ]);
        const head = ['RUN', 'SUITE', 'STATUS', 'PASSED', 'RATE', 'PROVIDER', 'STARTED'];
        const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
        const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd() + '\n';
        ctx.stdout.write(line(head));
        for (const row of rows) ctx.stdout.write(line(row));
      }
      setExit(EXIT.ok);
    });
};
