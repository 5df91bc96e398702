import type { Register } from './index.js';
import { resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { dbPath, writeJson } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { ConfigError } from '../../core/errors.js';
import { printable } from '../printable.js';
import { describeSource as describe, pairwiseSource } from '../../storage/run-columns.js';

function int(flag: string, min: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new ConfigError(`${flag} must be an integer >= ${min}, got "${v}"`);
    return n;
  };
}

interface CreateOpts {
  run: string;
  rubric: string;
  overlap: number;
  sample?: number;
  seed?: number;
  annotators?: string;
  blind: boolean;
  showExpected?: boolean;
  name?: string;
  pairWith?: string;
  db?: string;
  json?: boolean;
}

/** `juror review create | list | export`: review queues over stored runs. */
export const register: Register = (program, ctx, setExit) => {
  const cmd = program.command('review').description('human review queues');

  cmd
    .command('create')
    .description('create a review queue from a stored run')
    .requiredOption('--run <id>', 'run whose outputs are reviewed (or "latest"; RUN:N = column N of a matrix run)')
    .requiredOption('--rubric <file>', 'rubric file (YAML)')
    .requiredOption('--overlap <k>', 'how many different annotators see each item', int('--overlap', 1))
    .option('--sample <n>', 'review a seeded sample of n outputs', int('--sample', 1))
    .option('--seed <s>', 'seed for sampling and assignment (default: random, printed)', int('--seed', 0))
    .option('--annotators <a,b,c>', 'annotator names (default: every annotator without the admin role)')
    .option('--no-blind', "let annotators see the judge's scores")
    .option('--show-expected', 'show the golden answer to annotators')
    .option('--name <name>', 'queue name shown to annotators')
    .option('--pair-with <run>', 'pairwise review: each item shows this run\'s (or matrix column\'s, RUN:N) and --run\'s outputs for one case side by side (rubric criteria with mode: pairwise; always blind)')
    .option('--db <file>', 'database file')
    .option('--json', 'print one JSON document')
    .action(async (opts: CreateOpts) => {
      const { openSqliteStore } = await import('../../storage/sqlite-store.js');
      const { loadRubric } = await import('../../loader/load-rubric.js');
      const { createReviewFromRun } = await import('../../review/create-review.js');
      const { findRunColumn } = await import('./run-common.js');
      const rubric = loadRubric(resolve(ctx.cwd, opts.rubric));
      const store = openSqliteStore(dbPath(ctx, opts.db));
      try {
        // RUN:N as compare reads it; createReviewFromRun checks the columns (a whole matrix run cannot be a pairwise side).
        const own = await findRunColumn(store, opts.run);
        const other = opts.pairWith === undefined ? undefined : await findRunColumn(store, opts.pairWith);
        const created = createReviewFromRun(store, {
          runId: own.run.id,
          column: own.column,
          rubric,
          overlap: opts.overlap,
          sample: opts.sample,
          seed: opts.seed,
          annotators: opts.annotators?.split(',').map((s) => s.trim()).filter(Boolean),
          blind: opts.blind,
          showExpected: opts.showExpected ?? false,
          name: opts.name,
          pairWith: other?.run.id,
          pairWithColumn: other?.column,
        });
        const { review } = created;
        if (opts.json) {
          writeJson(ctx, { id: review.id, name: review.name, kind: review.kind, runId: review.runId, ...(own.column === undefined || review.pair ? {} : { column: own.column }), ...(review.pair ? { pairWith: review.pair.b.runId, pair: review.pair } : {}), items: created.items, overlap: review.overlap, blind: review.blind, showExpected: review.showExpected, seed: created.seed, annotators: created.annotators });
        } else {
          ctx.stdout.write(
            `${review.kind === 'pairwise' ? 'Pairwise review' : 'Review'} ${review.id} "${review.name}": ${created.items} ${review.kind === 'pairwise' ? `pairs (A = ${describe(review.pair!.a)}, B = ${describe(review.pair!.b)})` : own.column === undefined ? 'items' : `items of ${describe(pairwiseSource(own.run, own.column))}`}, overlap ${review.overlap}, ` +
              `${created.annotators.length} annotators (${created.annotators.join(', ')}), seed ${created.seed}` +
              `${review.blind ? ', blind' : ''}${review.showExpected ? ', expected answers shown' : ''}.\n`,
          );
        }
      } finally {
        store.close();
      }
      setExit(EXIT.ok);
    });

  cmd
    .command('list')
    .description('list review queues with progress')
    .option('--db <file>', 'database file')
    .option('--json', 'print one JSON document')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const { withStore } = await import('./run-common.js');
      await withStore(ctx, opts.db, (store) => {
        const rows = store.listReviews().map((r) => {
          const progress = store.getReviewProgress(r.id);
          return {
            id: r.id, name: r.name, kind: r.kind, runId: r.runId, ...(r.pair ? { pair: r.pair } : {}), rubric: r.rubric.name, overlap: r.overlap, blind: r.blind,
            items: store.getReviewItems(r.id).length, createdAt: r.createdAt,
            assigned: progress.reduce((s, p) => s + p.assigned, 0),
            done: progress.reduce((s, p) => s + p.done, 0),
            progress,
          };
        });
        if (opts.json) writeJson(ctx, { reviews: rows });
        else if (rows.length === 0) ctx.stdout.write('No review queues yet. Create one with: juror review create --run RUN --rubric FILE --overlap K\n');
        else {
          for (const r of rows) {
            const people = r.progress.map((p) => `${printable(p.annotatorName)} ${p.done}/${p.assigned}`).join(', ');
            ctx.stdout.write(`${printable(r.id)}  ${printable(r.name)}  ${r.pair ? `pairwise ${printable(describe(r.pair.a))} vs ${printable(describe(r.pair.b))}` : `run ${printable(r.runId)}`}  ${r.items} items  overlap ${r.overlap}${r.blind ? '  blind' : ''}  done ${r.done}/${r.assigned}  [${people}]\n`);
          }
        }
      });
      setExit(EXIT.ok);
    });

  cmd
    .command('export')
    .argument('<review>', 'review id')
    .description('export labels (item,rater,label,criterion,...) for juror agreement --labels')
    .option('--format <fmt>', 'csv or jsonl', 'csv')
    .option('--history', 'include superseded rows, skips and flags')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--db <file>', 'database file')
    .action(async (reviewId: string, opts: { format: string; history?: boolean; out?: string; db?: string }) => {
      if (opts.format !== 'csv' && opts.format !== 'jsonl') throw new ConfigError(`--format must be csv or jsonl, got "${opts.format}"`);
      const { openSqliteStore } = await import('../../storage/sqlite-store.js');
      const { exportReview } = await import('../../review/export.js');
      const { NotFoundError } = await import('../../core/errors.js');
      const store = openSqliteStore(dbPath(ctx, opts.db));
      try {
        if (!store.getReview(reviewId)) throw new NotFoundError(`no review "${reviewId}" (see juror review list)`);
        const text = exportReview(store, reviewId, opts.format, { history: opts.history });
        if (opts.out) writeFileSync(resolve(ctx.cwd, opts.out), text);
        else ctx.stdout.write(text);
      } finally {
        store.close();
      }
      setExit(EXIT.ok);
    });
};
