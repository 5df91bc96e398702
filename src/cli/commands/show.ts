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
    .option('--by <field>', 'figures per slice: "tag" or "vars.FIELD" (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--db <file>', 'database file')
    .option('--json', 'print one JSON document')
    .option('--calibrated-with <review>', "also show the pass rate and criterion means corrected by this review's human labels (PPI)")
    .action(async (id: string, opts: { status?: string; db?: string; json?: boolean; by: string[]; calibratedWith?: string }) => {
      const { ConfigError } = await import('../../core/errors.js');
      const statuses = ['passed', 'failed', 'errored', 'unscored'];
      if (opts.status && !statuses.includes(opts.status)) throw new ConfigError(`--status must be one of ${statuses.join(', ')}`);
      const { openStore, findRun, loadReport } = await import('./run-common.js');
      const { parseBy } = await import('../../runner/slices.js');
      const by = opts.by.map(parseBy);
      const { store, path } = await openStore(ctx, opts.db, { mustExist: true });
      try {
        const run = findRun(store, id);
        // over every case, before --status narrows what is listed
        const calibrated = opts.calibratedWith ? await (await import('./calibrated-with.js')).calibratedWith(store, run, opts.calibratedWith) : undefined;
        const report = await loadReport(store, run);
        const { runSlices, summaryWithIntervals } = await import('../../runner/run-figures.js');
        report.summary = summaryWithIntervals(report);
        // Slices describe the whole run, so they are cut before --status narrows the case list.
        const slices = by.flatMap((b) => runSlices(report, b));
        if (opts.json) {
          const { toJsonDocument } = await import('../../reporters/json.js');
          const doc = toJsonDocument(report, { dbPath: path });
          if (opts.status) doc.cases = (doc.cases as Array<{ status: string }>).filter((c) => c.status === opts.status);
          writeJson(ctx, { ...doc, ...(by.length ? { slices } : {}), ...(calibrated ? { calibrated: calibrated.json } : {}) });
        } else {
          if (opts.status) report.cases = report.cases.filter((c) => c.status === opts.status);
          const { formatRunDetails } = await import('../../reporters/details.js');
          const { formatRunSlices } = await import('../../reporters/slices.js');
          ctx.stdout.write(formatRunDetails(report, path, formatRunSlices(slices)) + (calibrated ? `\n${calibrated.text}` : ''));
        }
      } finally {
        store.close();
      }
      setExit(EXIT.ok);
    });
};
