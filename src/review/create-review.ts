import { ConfigError, NotFoundError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { rubricOfMode, type Rubric } from '../core/rubric.js';
import { pairOutputs } from '../storage/pair-outputs.js';
import { pairwiseSource, sameSource, sourceRef } from '../storage/run-columns.js';
import type { ReviewRecord, Store } from '../storage/store.js';
import { assignItems, sampleIds } from './assign.js';

export interface CreateReviewOptions {
  runId: string;
  /** Review one column of a matrix run (1-based, as `RUN:N`); absent: every output of the run. */
  column?: number;
  rubric: Rubric;
  overlap: number;
  /** Review only this many outputs (seeded sample). */
  sample?: number;
  /** Seed for sampling and assignment tie-breaks; random when absent (and returned). */
  seed?: number;
  /** Annotator names; default: every enabled annotator with the 'annotator' role. */
  annotators?: string[];
  blind?: boolean;
  showExpected?: boolean;
  name?: string;
  now?: Date;
  /**
   * Make a pairwise review: each item is this run's output and `pairWith`'s output for the same
   * case, judged on the rubric's pairwise criteria. Always blind (no model names, no judge). A
   * matrix run takes part by one column: `column` for `runId`, `pairWithColumn` for this one.
   */
  pairWith?: string;
  pairWithColumn?: number;
}

export interface CreatedReview {
  review: ReviewRecord;
  items: number;
  seed: number;
  annotators: string[];
}

/**
 * Build a review queue from a stored run: pick the outputs (errored ones have nothing to score),
 * sample, assign with overlap, and store it in one transaction (Store.createReview).
 * Shared by `juror review create` and the admin page.
 */
export function createReviewFromRun(store: Store, opts: CreateReviewOptions): CreatedReview {
  const run = store.getRun(opts.runId);
  if (!run) throw new NotFoundError(`no run "${opts.runId}" (see juror runs)`);
  const other = opts.pairWith === undefined ? undefined : store.getRun(opts.pairWith);
  if (opts.pairWith !== undefined && !other) throw new NotFoundError(`no run "${opts.pairWith}" (see juror runs)`);
  const rubric = rubricOfMode(opts.rubric, other ? 'pairwise' : 'pointwise');
  if (!rubric) {
    throw new ConfigError(other
      ? `rubric "${opts.rubric.name}" has no criterion with mode: pairwise (a pairwise review needs one)`
      : `rubric "${opts.rubric.name}" has only pairwise criteria: pass --pair-with RUN to review two runs side by side`);
  }
  // The same column resolution as compare and judge-pairwise (storage/run-columns.ts).
  const sources = other ? [pairwiseSource(run, opts.column, 'A'), pairwiseSource(other, opts.pairWithColumn, 'B')] as const : undefined;
  if (sources && sameSource(sources[0], sources[1])) {
    throw new ConfigError(`a pairwise review compares two different runs or columns (got ${sourceRef(sources[0])} twice)`);
  }
  const own = opts.column === undefined ? undefined : pairwiseSource(run, opts.column);
  const pairs = sources ? pairOutputs(store, [...sources]).pairs : undefined;
  const outputs = pairs ? pairs.map((p) => p.outputA) : store.getOutputs(run.id).filter((o) => o.output !== null && (!own || o.col === own.column! - 1));
  if (outputs.length === 0) {
    throw new ConfigError(sources ? `${sourceRef(sources[0])} and ${sourceRef(sources[1])} have no case with an output in both` : `${own ? `column ${sourceRef(own)}` : `run ${run.id}`} has no outputs to review`);
  }

  const names = opts.annotators?.length
    ? opts.annotators
    : store.listAnnotators().filter((a) => !a.disabled && a.role === 'annotator').map((a) => a.name);
  if (names.length === 0) {
    throw new ConfigError('no annotators to assign: add some with `juror annotators add NAME`');
  }
  const ids = names.map((name) => {
    const a = store.getAnnotatorByName(name);
    if (!a) throw new ConfigError(`no annotator named "${name}" (see juror annotators list)`);
    if (a.disabled) throw new ConfigError(`annotator "${name}" is disabled`);
    return a.id;
  });

  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const outputIds = sampleIds(
    outputs.map((o) => o.id),
    opts.sample,
    seed,
  );
  // Recorded so a judge-corrected estimate can check the items are a uniform sample of the run.
  const sampling = { method: outputIds.length === outputs.length ? 'all' : 'uniform', population: outputs.length, seed } as const;
  const assignments = assignItems(outputIds.length, ids, opts.overlap, seed);
  const now = opts.now ?? new Date();
  const bOf = pairs && new Map(pairs.map((p) => [p.outputA.id, p.outputB.id]));
  const review = store.createReview({
    id: newId('rv', now),
    name: opts.name?.trim() || `${run.suiteName} / ${opts.rubric.name}`,
    runId: run.id,
    rubric,
    overlap: opts.overlap,
    // pairwise: blind always (which side is which model, or the judge's pick, would bias the choice)
    blind: other ? true : (opts.blind ?? true),
    ...(bOf && sources ? { kind: 'pairwise' as const, outputBIds: outputIds.map((id) => bOf.get(id)!), pair: { a: sources[0]!, b: sources[1]! } } : {}),
    showExpected: opts.showExpected ?? false,
    createdAt: now.toISOString(),
    outputIds,
    assignments,
    sampling,
  });
  return { review, items: outputIds.length, seed, annotators: names };
}
