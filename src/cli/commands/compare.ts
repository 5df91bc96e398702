import type { Register } from './index.js';
import { writeJson } from '../context.js';
import { EXIT } from '../exit-codes.js';

/** `juror compare RUN_A RUN_B`: what changed from A to B. Exit 1 when B regressed a case. */
export const register: Register = (program, ctx, setExit) => {
  program
    .command('compare')
    .argument('<runA>', 'baseline run id (or "latest")')
    .argument('<runB>', 'new run id (or "latest")')
    .description('compare two runs: pass-rate delta, per-criterion mean delta, regressions and fixes (exit 1 on regressions)')
    .option('--db <file>', 'database file')
    .option('--json', 'print one JSON document')
    .action(async (a: string, b: string, opts: { db?: string; json?: boolean }) => {
      const { openStore, findRun, loadReport } = await import('./run-common.js');
      const { compareReports } = await import('../../runner/compare.js');
      const { store } = await openStore(ctx, opts.db, { mustExist: true });
      let cmp;
      try {
        const ra = await loadReport(store, findRun(store, a));
        const rb = await loadReport(store, findRun(store, b));
        cmp = compareReports(ra, rb);
      } finally {
        store.close();
      }
      if (opts.json) writeJson(ctx, cmp);
      else {
        const { formatComparison } = await import('../../reporters/comparison.js');
        ctx.stdout.write(formatComparison(cmp));
      }
      setExit(cmp.regressions.length > 0 ? EXIT.failures : EXIT.ok);
    });
};
