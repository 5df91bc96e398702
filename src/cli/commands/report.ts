import type { Register } from './index.js';
import { writeJson } from '../context.js';
import { EXIT } from '../exit-codes.js';

/**
 * `juror report RUN --html F | --junit F | --json`: any report for a stored run, without running
 * it again (e.g. the HTML for `latest` after a CI job, or JUnit for an old run). Exit 0.
 */
export const register: Register = (program, ctx, setExit) => {
  program
    .command('report')
    .argument('<run>', 'run id ("latest", "latest~1", ...)')
    .description('write reports for a stored run: --html FILE, --junit FILE, --json (stdout)')
    .option('--html <file>', 'write the HTML report')
    .option('--junit <file>', 'write JUnit XML')
    .option('--json', 'print the JSON document')
    .option('--by <field>', 'slices in the JSON report: "tag" or "vars.FIELD" (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--db <file>', 'database file')
    .option('--calibrated-with <review>', "add the pass rate and criterion means corrected by this review's human labels (PPI) to the JSON and HTML")
    .action(async (id: string, opts: { html?: string; junit?: string; json?: boolean; by: string[]; db?: string; calibratedWith?: string }) => {
      const { ConfigError } = await import('../../core/errors.js');
      if (!opts.html && !opts.junit && !opts.json) throw new ConfigError('say which report: --html FILE, --junit FILE and/or --json');
      const { withStore, findRun, loadReport } = await import('./run-common.js');
      const { parseBy } = await import('../../runner/slices.js');
      const by = opts.by.map(parseBy);
      const { writeFileSync } = await import('node:fs');
      const { resolve } = await import('node:path');
      await withStore(
        ctx,
        opts.db,
        async (store, path) => {
          const run = findRun(store, id);
          // refuses (exit 2, with the reason) when the review is not a uniform sample of this run
          const calibrated = opts.calibratedWith ? await (await import('./calibrated-with.js')).calibratedWith(store, run, opts.calibratedWith) : undefined;
          const report = await loadReport(store, run);
          const { summaryWithIntervals } = await import('../../runner/run-figures.js');
          report.summary = summaryWithIntervals(report);
          if (opts.junit) {
            const { toJUnit } = await import('../../reporters/junit.js');
            writeFileSync(resolve(ctx.cwd, opts.junit), toJUnit(report));
            ctx.stderr.write(`JUnit report: ${opts.junit}\n`);
          }
          if (opts.html) {
            const { toHtml } = await import('../../reporters/html.js');
            // judge vs human when a review over the run has labels (the one given, else the newest)
            const judgeHuman = await (await import('./judge-human.js')).judgeHumanFor(store, run, opts.calibratedWith);
            writeFileSync(resolve(ctx.cwd, opts.html), toHtml(report, { judgeHuman, calibrated: calibrated?.json }));
            ctx.stderr.write(`HTML report: ${opts.html}\n`);
          }
          if (opts.json) {
            const { toJsonDocument } = await import('../../reporters/json.js');
            writeJson(ctx, { ...toJsonDocument(report, { dbPath: path, by }), ...(calibrated ? { calibrated: calibrated.json } : {}) });
          }
        },
        { mustExist: true },
      );
      setExit(EXIT.ok);
    });
};
