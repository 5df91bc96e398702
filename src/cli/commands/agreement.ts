import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Register } from './index.js';
import { ConfigError, NotFoundError } from '../../core/errors.js';
import { normaliseLabel } from '../../core/label-spelling.js';
import { dbPath, writeJson, type CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

const SCALES = ['nominal', 'ordinal', 'interval', 'ratio'] as const;
const WEIGHTS = ['none', 'linear', 'quadratic'] as const;

interface AgreementFlags {
  review?: string;
  labels?: string;
  scale?: string;
  weights?: string;
  order?: string;
  levels?: string;
  pairwise?: string;
  criterion?: string;
  json?: boolean;
  db?: string;
}

/**
 * `juror agreement (--review ID | --labels FILE)`: human-human agreement per criterion.
 * With both, the label file is checked against the review's rubric (criteria, scale, order).
 */
export const register: Register = (program, ctx, setExit) => {
  program
    .command('agreement')
    .description('inter-rater agreement per criterion, from a review or a label file (CSV/JSONL)')
    .option('--review <id>', 'review whose current labels to use')
    .option('--labels <file>', 'label file: CSV with header or JSONL; fields item, rater, label[, criterion]')
    .option('--scale <level>', `Krippendorff's alpha level: ${SCALES.join('|')} (default nominal; a review's rubric sets ordinal)`)
    .option('--weights <w>', `Cohen's kappa / Gwet AC2 weights: ${WEIGHTS.join('|')} (default quadratic for an ordinal criterion, else none)`)
    .option('--order <a,b,c>', 'category order (and the allowed labels)')
    .option('--levels <1,2,3>', 'label files: the levels of an ordinal scale, unused ones included (weights go by position over them)')
    .option('--pairwise <n|all>', 'list at most N rater pairs, those sharing the most items (default 100), or all')
    .option('--criterion <name>', 'only this criterion')
    .option('--json', 'print one JSON document')
    .option('--db <file>', 'database file (default .juror/juror.db or JUROR_DB)')
    .action(async (flags: AgreementFlags) => {
      setExit(await runAgreement(ctx, flags));
    });
};

/** `--order` / `--levels`: categories as labels are compared ("4.0" is "4", NFC). */
export function parseOrder(raw: string | undefined, flag = '--order'): string[] | undefined {
  if (raw === undefined) return undefined;
  const order = raw.split(',').map(normaliseLabel);
  if (order.some((s) => s === '')) throw new ConfigError(`${flag} has an empty category: "${raw}"`);
  if (new Set(order).size !== order.length) throw new ConfigError(`${flag} lists a category twice: "${raw}"`);
  if (order.length < 2) throw new ConfigError(`${flag} needs at least two categories`);
  return order;
}

function parsePairwise(raw: string | undefined): number | 'all' | undefined {
  if (raw === undefined || raw === 'all') return raw;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1) throw new ConfigError(`--pairwise must be a positive whole number or "all", got "${raw}"`);
  return n;
}

function oneOf<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(`${flag} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

async function runAgreement(ctx: CliContext, flags: AgreementFlags): Promise<number> {
  if (!flags.review && !flags.labels) throw new ConfigError('juror agreement needs --review ID or --labels FILE');
  if (flags.levels !== undefined && flags.order !== undefined) throw new ConfigError('give --levels or --order, not both');
  if (flags.levels !== undefined && flags.review) throw new ConfigError("--levels is for label files; a review's rubric declares its levels");
  const opts = {
    scale: oneOf('--scale', flags.scale, SCALES),
    weights: oneOf('--weights', flags.weights, WEIGHTS),
    order: parseOrder(flags.order),
    levels: parseOrder(flags.levels, '--levels'),
    pairwise: parsePairwise(flags.pairwise),
    criterion: flags.criterion,
    // warnings go to stderr, so --json stdout stays one document
    onWarning: (w: { where: string; message: string }) => ctx.stderr.write(`warning: ${w.where}: ${w.message}\n`),
  };
  const { computeReviewAgreement, computeLabelFileAgreement } = await import('../../agreement/compute.js');
  const { formatAgreement } = await import('../../agreement/format.js');

  let report;
  if (flags.review) {
    const path = dbPath(ctx, flags.db);
    if (!existsSync(path)) throw new NotFoundError(`no juror database at ${path} (pass --db)`);
    const { openSqliteStore } = await import('../../storage/sqlite-store.js');
    const store = openSqliteStore(path);
    try {
      if (flags.labels) {
        const review = store.getReview(flags.review);
        if (!review) throw new NotFoundError(`review ${flags.review} not found`);
        report = computeLabelFileAgreement(resolve(ctx.cwd, flags.labels), { ...opts, rubric: review.rubric, displayName: flags.labels });
      } else {
        report = computeReviewAgreement(store, flags.review, opts);
      }
    } finally {
      store.close();
    }
  } else {
    report = computeLabelFileAgreement(resolve(ctx.cwd, flags.labels!), { ...opts, displayName: flags.labels });
  }
  if (opts.criterion !== undefined && report.criteria.length === 0) {
    throw new ConfigError(`no criterion "${opts.criterion}" in the ${flags.review ? 'review' : 'label file'}`);
  }
  if (flags.json) writeJson(ctx, report);
  else ctx.stdout.write(formatAgreement(report));
  return EXIT.ok;
}
