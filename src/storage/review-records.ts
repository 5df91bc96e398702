import type { Case } from '../core/case.js';
import type { Rubric } from '../core/rubric.js';
import type { PairwiseSource } from './pairwise-records.js';

/** Reviews, their items and assignments, append-only annotations, and the label counts agreement reads. */

/** What a review is, as created and as read back. */
export interface ReviewFields {
  id: string;
  name: string;
  runId: string;
  rubric: Rubric;
  overlap: number;
  blind: boolean;
  showExpected: boolean;
  createdAt: string;
}

export interface NewReview extends ReviewFields {
  /** Output ids in presentation order. */
  outputIds: number[];
  /** For each output id (same order), the annotator ids it is assigned to. */
  assignments: string[][];
  /** How the outputs were chosen from the run (absent: unknown, e.g. a hand-picked subset). */
  sampling?: ReviewSampling | null;
  /** 'pairwise': each item is two outputs of one case (outputIds are A, outputBIds are B). */
  kind?: ReviewKind;
  outputBIds?: number[];
  /** Pairwise: where A and B come from. */
  pair?: ReviewPair | null;
}

export type ReviewKind = 'pointwise' | 'pairwise';

export interface ReviewPair {
  a: PairwiseSource;
  b: PairwiseSource;
}

/** Which output an annotator saw on the left: 'AB' A left, B right; 'BA' swapped. */
export type ShownOrder = 'AB' | 'BA';

/**
 * 'all': every output of the run that has text; 'uniform': a seeded simple random sample of them
 * (review/assign.ts `sampleIds`). `population` is how many outputs it was drawn from.
 */
export interface ReviewSampling {
  method: 'all' | 'uniform';
  population: number;
  seed: number;
}

export interface ReviewRecord extends ReviewFields {
  /** null: not recorded (reviews created before schema v8, or not by sampling). */
  sampling: ReviewSampling | null;
  kind: ReviewKind;
  pair: ReviewPair | null;
}

export interface ReviewItemRecord {
  id: number;
  reviewId: string;
  outputId: number;
  /** Pairwise reviews: output B of the pair (outputId is A). */
  outputBId: number | null;
  position: number;
}

/** An item as an annotator sees it: the output, its case, and their own latest labels. */
export interface AssignmentView {
  itemId: number;
  position: number;
  caseId: string;
  case: Case;
  prompt: string;
  output: string | null;
  /** Pairwise reviews: output B's text (`output` is A's). */
  outputB?: string | null;
  /** This annotator's latest annotation per criterion (never anyone else's). */
  mine: AnnotationRecord[];
  status: 'todo' | 'done' | 'skipped' | 'flagged';
}

export interface NewAnnotation {
  reviewId: string;
  itemId: number;
  annotatorId: string;
  criterion: string;
  /** Label as on the scale ("4", "pass"); null for skip/flag-only rows. */
  label: string | null;
  value: number | null;
  comment?: string | null;
  flagged?: boolean;
  skipped?: boolean;
  /**
   * Client-generated idempotency key: resubmitting the same key stores nothing new. Unique per
   * (annotator, criterion), so one submission may use a single key for all its criteria.
   */
  clientKey?: string | null;
  /** Pairwise reviews: the left/right order the annotator saw (the label itself is A / tie / B of the outputs). */
  shown?: ShownOrder | null;
}

/** One submission's outcome in Store.addAnnotationBatch: its saved rows, or why it was refused. */
export type AnnotationBatchResult = { saved: AnnotationRecord[]; error?: undefined } | { error: Error; saved?: undefined };

export interface AnnotationRecord extends Required<Omit<NewAnnotation, 'clientKey' | 'shown'>> {
  id: number;
  clientKey: string | null;
  /** Pairwise reviews only (absent or null otherwise). */
  shown?: ShownOrder | null;
  /** id of the annotation this one replaced, if any. */
  supersedes: number | null;
  createdAt: string;
}

/** The latest label of one annotator on one item and criterion (what agreement uses). */
export interface CurrentLabel {
  itemId: number;
  outputId: number;
  annotatorId: string;
  annotatorName: string;
  criterion: string;
  label: string;
  value: number | null;
}

/** One distinct rating pattern: which annotators gave which labels, on how many items. */
export interface LabelPattern {
  /** Annotator ids in ascending order, one per label. */
  annotatorIds: string[];
  /** Labels aligned with annotatorIds. */
  labels: string[];
  items: number;
}

export interface ReviewProgress {
  annotatorId: string;
  annotatorName: string;
  assigned: number;
  done: number;
  skipped: number;
  flagged: number;
}

/** Reviews and annotations in the Store (src/storage/sqlite/reviews.ts, annotations.ts, label-patterns.ts). */
export interface ReviewStore {
  // --- reviews ---
  createReview(review: NewReview): ReviewRecord;
  getReview(id: string): ReviewRecord | undefined;
  listReviews(): ReviewRecord[];
  getReviewItems(reviewId: string): ReviewItemRecord[];
  /** Annotator ids assigned to an item. */
  getItemAssignees(itemId: number): string[];
  isAssigned(itemId: number, annotatorId: string): boolean;
  /** An annotator's queue, in order. */
  getAssignments(reviewId: string, annotatorId: string): AssignmentView[];
  getAssignment(reviewId: string, itemId: number, annotatorId: string): AssignmentView | undefined;
  /** Append an annotation; it supersedes this annotator's previous one on the same item+criterion. */
  addAnnotation(a: NewAnnotation): AnnotationRecord;
  /** Several criteria of one submission, atomically. */
  addAnnotations(a: NewAnnotation[]): AnnotationRecord[];
  /**
   * Several submissions (each as addAnnotations) committed in ONE transaction: results in the same
   * order; a refused submission rolls back alone (its slot holds the error, the others commit).
   * Throws, with nothing written, only when the transaction itself fails. For group commit.
   */
  addAnnotationBatch(batch: NewAnnotation[][]): AnnotationBatchResult[];
  /** Every annotation ever written on a review, superseded ones included, in id order. */
  getAnnotationHistory(reviewId: string): AnnotationRecord[];
  /** Latest non-null label per (item, annotator, criterion). */
  getCurrentLabels(reviewId: string, criterion?: string): CurrentLabel[];
  /** Per assigned annotator, ordered by name; with `annotatorId`, only that annotator's row (cheap). */
  getReviewProgress(reviewId: string, annotatorId?: string): ReviewProgress[];

  // --- agreement counts (computed in SQL; see src/stats) ---
  /** Per item and label, how many annotators chose it (latest labels only). */
  labelCountsByItem(reviewId: string, criterion: string): Array<{ itemId: number; label: string; count: number }>;
  /**
   * Distinct rating patterns of a criterion (latest labels only) with how many items share each:
   * GROUP BY item, then GROUP BY pattern, so a million labels arrive as a few thousand rows.
   * Feeds every agreement statistic, pairwise Cohen's kappa included (src/agreement).
   */
  labelPatterns(reviewId: string, criterion: string): LabelPattern[];
}
