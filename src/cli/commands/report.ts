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
    .action(async (id: string, opts: { html?: string; junit?: string; json?: boolean; by: string[]; db?: string }) => {
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
          const report = await loadReport(store, findRun(store, id));
          const { summaryWithIntervals } = await import('../../runner/run-figures.js');
          report.summary = summaryWithIntervals(report);
          if (opts.junit) {
            const { toJUnit } = await import('../../reporters/junit.js');
            writeFileSync(resolve(ctx.cwd, opts.junit), toJUnit(report));
            ctx.stderr.write(`JUnit report: ${opts.junit}\n`);
          }
          if (opts.html) {
            const { toHtml } = await import('../../reporters/html.js');
            writeFileSync(resolve(ctx.cwd, opts.html), toHtml(report));
            ctx.stderr.write(`HTML report: ${opts.html}\n`);
          }
          if (opts.json) {
            const { toJsonDocument } = await import('../../reporters/json.js');
            writeJson(ctx, toJsonDocument(report, { dbPath: path, by }));
          }
        },
        { mustExist: true },
      );
      setExit(EXIT.ok);
    });
};
