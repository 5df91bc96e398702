import { existsSync } from 'node:fs';
import type { Register } from './index.js';
import { ConfigError, NotFoundError } from '../../core/errors.js';
import { dbPath, writeJson, type CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

interface CalibrateFlags {
  review: string;
  judges?: string;
  seed?: string;
  resamples?: string;
  json?: boolean;
  db?: string;
}

/** `juror calibrate --review ID [--judges RUN,...]`: judges against the review's humans, with the human ceiling. */
export const register: Register = (program, ctx, setExit) => {
  program
    .command('calibrate')
    .description("compare judges' scores with a review's human labels, next to human-human agreement")
    .requiredOption('--review <id>', 'review whose human labels are the reference')
    .option('--judges <runs>', "comma-separated judge run ids (default: the review's own run); a panel run is the panel and each of its judges, RUN[SPEC] one judge of it; for a pairwise review, comparison ids from juror judge-pairwise (default: every comparison of its two runs)")
    .option('--seed <n>', 'bootstrap seed', '1')
    .option('--resamples <n>', 'bootstrap resamples', '1000')
    .option('--json', 'print one JSON document')
    .option('--db <file>', 'database file (default .juror/juror.db or JUROR_DB)')
    .action(async (flags: CalibrateFlags) => {
      setExit(await runCalibrate(ctx, flags));
    });
};

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${flag} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

async function runCalibrate(ctx: CliContext, flags: CalibrateFlags): Promise<number> {
  const seed = wholeNumber('--seed', flags.seed ?? '1', 0, 2 ** 32 - 1);
  const resamples = wholeNumber('--resamples', flags.resamples ?? '1000', 1, 1_000_000);
  const judges = flags.judges?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (flags.judges !== undefined && (!judges || judges.length === 0)) throw new ConfigError('--judges needs at least one run id');
  const path = dbPath(ctx, flags.db);
  if (!existsSync(path)) throw new NotFoundError(`no juror database at ${path} (pass --db)`);
  const { openSqliteStore } = await import('../../storage/sqlite-store.js');
  const { computeCalibration } = await import('../../calibration/compute.js');
  const { formatCalibration } = await import('../../calibration/format.js');
  const store = openSqliteStore(path);
  let report;
  try {
    report = computeCalibration(store, flags.review, { judges, seed, resamples });
  } finally {
    store.close();
  }
  if (flags.json) writeJson(ctx, report);
  else ctx.stdout.write(formatCalibration(report));
  return EXIT.ok;
}
