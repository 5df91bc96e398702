import type { Register } from './index.js';
import { writeJson } from '../context.js';
import { EXIT } from '../exit-codes.js';

/** `juror show RUN`: every case of a run with input, output, expected, scores and reasons. */
export const register: Register = (program, ctx, setExit) => {
  program
    .command('show')
    .argument('<run>', 'run id (or "latest")')
    .description('show a run case by case: input, output, expected, scores with the judge\'s reasoning')
    .option('--status <status>', 'only cases with this status: passed, failed, errored, unscored')
    .option('--db <file>', 'database file')
    .option('--json', 'print one JSON document')
    .action(async (id: string, opts: { status?: string; db?: string; json?: boolean }) => {
      const { ConfigError } = await import('../../core/errors.js');
      const statuses = ['passed', 'failed', 'errored', 'unscored'];
      if (opts.status && !statuses.includes(opts.status)) throw new ConfigError(`--status must be one of ${statuses.join(', ')}`);
      const { openStore, findRun, loadReport } = await import('./run-common.js');
      const { store, path } = await openStore(ctx, opts.db, { mustExist: true });
      try {
        const report = await loadReport(store, findRun(store, id));
        if (opts.status) report.cases = report.cases.filter((c) => c.status === opts.status);
        if (opts.json) {
          const { toJsonDocument } = await import('../../reporters/json.js');
          writeJson(ctx, toJsonDocument(report, { dbPath: path }));
        } else {
          const { formatRunDetails } = await import('../../reporters/details.js');
          ctx.stdout.write(formatRunDetails(report, path));
        }
      } finally {
        store.close();
      }
      setExit(EXIT.ok);
    });
};
