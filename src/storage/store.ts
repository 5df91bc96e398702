import type { BatchRecord, BatchRequestRecord, BatchResultUpdate, NewBatch, NewBatchRequest } from './batch-records.js';
import type { Case } from '../core/case.js';
import type { Reducer } from '../core/reducer.js';
import type { PairwiseChoice, Rubric } from '../core/rubric.js';
import type { Score, Usage } from '../core/score.js';

/**
 * The Store: everything juror persists. One SQLite implementation today (sqlite-store.ts);
 * test/storage/store-contract.ts is the contract every implementation must pass, so a Postgres
 * Store for team servers can be added by passing the same tests.
 *
 * Conventions: ids are strings for runs/reviews/annotators (newId), integers for rows that are
 * only ever referenced internally (outputs, scores, annotations). Timestamps are ISO-8601 strings.
 * Every method is synchronous (better-sqlite3 is), and every multi-row write is one transaction.
 */

export type RunStatus = 'running' | 'finished' | 'interrupted' | 'failed';
export type RunKind = 'run' | 'judge';

/** Cases that went wrong the same way: one message, how often, and a few case ids to look at. */
export interface ErrorGroup {
  /** `errored`: the case has no output; `unscored`: a score could not be given (judge failed, ...). */
  kind: 'errored' | 'unscored';
  message: string;
  count: number;
  /** Up to three (case, repeat) examples, as `caseId` or `caseId #2` for a later repeat. */
  examples: string[];
}

export interface RunSummary {
  /** (case, repeat) pairs that ran; `notRun` more were planned. */
  total: number;
  passed: number;
  failed: number;
  errored: number;
  unscored: number;
  /** Mean value per criterion over scored outputs, e.g. { "rubric.faithfulness": 4.2 }. */
  meanByCriterion: Record<string, number | null>;
  /**
   * 95% t interval of each mean and its n (clustered by case with repeats). Absent on runs stored
   * before it existed.
   */
  ciByCriterion?: Record<string, { n: number; ci95: [number, number] | null }>;
  usage: Usage;
  judgeUsage: Usage;
  costUsd: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  cachedCalls: number;
  retries: number;
  durationMs: number;
  /** Repeats per case (1 unless --repeat). Absent in runs stored before it was recorded. */
  repeats?: number;
  /** Planned (case, repeat) pairs never run: the run stopped on a fatal provider error. */
  notRun?: number;
  /** Errored cases and unscored scores, grouped by message, most frequent first. */
  errors?: ErrorGroup[];
  /** Models used that have no known price: the cost figure leaves them out. */
  unpricedModels?: string[];
  /** With --repeat N > 1: the verdicts after reducing each case's repeats, pass@k, unstable cases. */
  reduced?: RepeatSummary;
  /** With --judge-repeat K > 1: the judge's test-retest agreement per criterion. */
  judgeRetest?: JudgeRetest[];
  /** Calls went through the providers' batch APIs (--batch): how many batches, and the discount in `costUsd`. */
  batch?: { batches: number; discount: number };
  /** A matrix run: each (prompt, provider) column's own summary, in column order. */
  columns?: Array<{ provider: string; prompt: string; summary: RunSummary }>;
}

/** See src/runner/judge-retest.ts. */
export interface JudgeRetest {
  criterion: string;
  level: 'ordinal' | 'nominal';
  /** Asks per output (K). */
  repeats: number;
  /** Outputs with two or more scored verdicts (the units alpha can use). */
  outputs: number;
  /** Krippendorff's alpha, outputs as units and asks as raters; Gwet's SE and 95% CI when defined. */
  alpha: { value: number; se?: number; ci95?: [number, number] } | { value: null; reason: string };
}

/** See src/runner/repeats.ts. */
export interface RepeatSummary {
  /** Repeats per case (the run's --repeat). */
  repeats: number;
  reduce: Reducer;
  /** Distinct cases, and their verdicts after reducing (these sum to `cases`). */
  cases: number;
  passed: number;
  failed: number;
  errored: number;
  unscored: number;
  /**
   * Unbiased pass@k (Chen et al. 2021) and pass^k (τ-bench), k = 1..repeats, over the repeats that
   * reached a verdict; `value: null` with the reason when a case has fewer than k of them.
   */
  passAtK: Array<{ k: number; value: number | null; reason?: string }>;
  passHatK: Array<{ k: number; value: number | null; reason?: string }>;
  /** Cases whose verdict flips across repeats: some repeats passed and some failed. */
  unstable: string[];
  /** Per criterion: the mean over cases of the within-case standard deviation across repeats. */
  spread: Record<string, number | null>;
}

export interface NewRun {
  id: string;
  kind: RunKind;
  suiteName: string;
  suitePath?: string | null;
  provider: string;
  judge?: string | null;
  /** Everything needed to reproduce/resume: resolved suite, options, rubric. */
  config: Record<string, unknown>;
  gitCommit?: string | null;
  /** For kind 'judge': the run whose outputs are re-scored. */
  parentRunId?: string | null;
  startedAt: string;
}

export interface RunRecord extends NewRun {
  status: RunStatus;
  finishedAt: string | null;
  summary: RunSummary | null;
}

export interface NewOutput {
  runId: string;
  caseId: string;
  repeat: number;
  /** The matrix column (0 in a one-column run), with the provider spec and prompt label that made it. */
  col?: number;
  provider?: string | null;
  promptLabel?: string | null;
  prompt: string;
  /** null when the call errored. */
  output: string | null;
  error: string | null;
  usage: Usage;
  latencyMs: number | null;
  costUsd: number | null;
  cached: boolean;
  attempts: number;
}

export interface OutputRecord extends NewOutput {
  id: number;
  col: number;
  createdAt: string;
}

export interface ScoreRecord extends Score {
  id: number;
  /** The run that produced the score (a 'judge' run for re-scores). */
  runId: string;
  outputId: number;
  createdAt: string;
}

export interface CacheEntry {
  key: string;
  provider: string;
  /** JSON of the CompletionResult (without `cached`). */
  value: string;
  createdAt: string;
}

export interface CacheStats {
  entries: number;
  bytes: number;
  hits: number;
}

export type Role = 'annotator' | 'admin';

export interface AnnotatorRecord {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
  /** When the current login link stops signing in (ISO); null: never (links from before v6 code). */
  tokenExpiresAt: string | null;
}

export interface SessionRecord {
  /** sha256 of the session cookie value; the raw value is never stored. */
  idHash: string;
  annotatorId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface NewReview {
  id: string;
  name: string;
  runId: string;
  rubric: Rubric;
  overlap: number;
  blind: boolean;
  showExpected: boolean;
  createdAt: string;
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

export interface ReviewRecord {
  id: string;
  name: string;
  runId: string;
  rubric: Rubric;
  overlap: number;
  blind: boolean;
  showExpected: boolean;
  createdAt: string;
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

/** One side of a pairwise comparison: a run's outputs (later also one column of a matrix run). */
export interface PairwiseSource {
  /** How reports name it (the run id unless given). */
  label: string;
  runId: string;
}

export interface NewComparison {
  id: string;
  /** Only the rubric's pairwise criteria. */
  rubric: Rubric;
  judges: string[];
  sources: PairwiseSource[];
  createdAt: string;
}

export interface ComparisonRecord extends NewComparison {
  status: RunStatus;
  finishedAt: string | null;
  /** The pairwise summary (runner/pairwise-summary.ts) as JSON. */
  summary: Record<string, unknown> | null;
}

/** A pair's verdict after both orders (see scorers/judge/pairwise-judge.ts PairVerdict). */
export interface NewPairwiseVerdict {
  outputA: number;
  outputB: number;
  judge: string;
  criterion: string;
  caseId: string;
  /** In terms of the outputs (A = outputA); null: unscored (an order's answer was unusable). */
  verdict: PairwiseChoice | null;
  /** The two orders agreed; null when either was unusable. */
  consistent: boolean | null;
  /** What the judge said with A shown first / with B shown first (screen positions). */
  saidAB: PairwiseChoice | null;
  saidBA: PairwiseChoice | null;
  reasonAB: string;
  reasonBA: string;
}

export interface PairwiseVerdictRecord extends NewPairwiseVerdict {
  comparisonId: string;
  createdAt: string;
}

export interface Store {
  // --- runs ---
  createRun(run: NewRun): RunRecord;
  getRun(id: string): RunRecord | undefined;
  listRuns(opts?: { limit?: number; suiteName?: string }): RunRecord[];
  /** Most recent run with status running/interrupted (for `run --resume` with no id). */
  latestUnfinishedRun(): RunRecord | undefined;
  setRunStatus(id: string, status: RunStatus, summary?: RunSummary | null, finishedAt?: string | null): void;

  // --- cases and outputs ---
  /** `positions`: each case's place in the whole suite (a shard's slice); default 0, 1, 2, … */
  saveCases(runId: string, cases: Case[], positions?: readonly number[]): void;
  getCases(runId: string): Case[];
  /** The cases with their stored positions, in position order (`juror merge` interleaves shards by them). */
  getPositionedCases(runId: string): Array<{ position: number; case: Case }>;
  /** Store one output and its scores atomically; re-saving the same (run, case, repeat) is refused. */
  saveResult(output: NewOutput, scores: Score[]): OutputRecord;
  /** Many results in one transaction (batched writes). */
  saveResults(results: Array<{ output: NewOutput; scores: Score[] }>): OutputRecord[];
  getOutputs(runId: string): OutputRecord[];
  getOutput(id: number): OutputRecord | undefined;
  /** Scores written by a run (for 'judge' runs, scores on the parent's outputs). */
  saveScores(runId: string, outputId: number, scores: Score[]): ScoreRecord[];
  /** Scores of a run on many stored outputs in one transaction (a re-judge's batched writes). */
  saveScoreBatch(runId: string, batch: Array<{ outputId: number; scores: Score[] }>): void;
  getScores(runId: string): ScoreRecord[];
  /** Scores on given outputs written by given run (used by calibrate). */
  getScoresForOutputs(runId: string, outputIds: number[]): ScoreRecord[];

  // --- response cache ---
  cacheGet(key: string): CacheEntry | undefined;
  cachePut(entry: CacheEntry): void;
  /** Many entries in one transaction (as cachePut each); returns how many were written. */
  cachePutMany(entries: Iterable<CacheEntry>): number;
  /** Every cache entry, streamed in key order (`juror merge` copies them); hit counts are not part of it. */
  cacheEntries(): IterableIterator<CacheEntry>;
  cacheStats(): CacheStats;
  cacheClear(): number;

  // --- provider batches (juror run --batch) ---
  /** A batch and its requests, before anything is sent (status `submitting`). */
  createBatch(batch: NewBatch, requests: readonly NewBatchRequest[]): void;
  /** The provider accepted it: its id, status `in_progress`. */
  setBatchSubmitted(id: string, remoteId: string): void;
  setBatchProviderStatus(id: string, providerStatus: string): void;
  /** Forget a batch that was never accepted (a failed or cut-off submission). */
  deleteBatch(id: string): void;
  listBatches(runId: string): BatchRecord[];
  getBatchRequests(runId: string): BatchRequestRecord[];
  /** Every request's outcome and the batch's end, atomically. */
  saveBatchResults(id: string, results: readonly BatchResultUpdate[], providerStatus: string, endedAt: string): void;

  // --- annotators and sessions ---
  createAnnotator(a: { id: string; name: string; role: Role; tokenHash: string; createdAt: string; tokenExpiresAt?: string | null }): AnnotatorRecord;
  getAnnotator(id: string): AnnotatorRecord | undefined;
  getAnnotatorByName(name: string): AnnotatorRecord | undefined;
  getAnnotatorByTokenHash(tokenHash: string): AnnotatorRecord | undefined;
  listAnnotators(): AnnotatorRecord[];
  /** Replace an annotator's login token (a new link); the old one stops working and their sessions end. */
  setAnnotatorToken(id: string, tokenHash: string, tokenExpiresAt?: string | null): void;
  /** Disabling also ends every session of the annotator; a disabled annotator cannot sign in. */
  setAnnotatorDisabled(id: string, disabled: boolean): void;
  /** End every session of one annotator ("sign out everywhere"); returns how many ended. */
  deleteSessionsOf(annotatorId: string): number;
  /** Small facts about this database (e.g. `public_url`, written by `juror serve`). */
  getSetting(key: string): string | undefined;
  setSetting(key: string, value: string): void;
  createSession(s: SessionRecord): void;
  getSession(idHash: string): SessionRecord | undefined;
  deleteSession(idHash: string): void;

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

  // --- pairwise judging ---
  createComparison(c: NewComparison): ComparisonRecord;
  getComparison(id: string): ComparisonRecord | undefined;
  /** Newest first. */
  listComparisons(): ComparisonRecord[];
  setComparisonStatus(id: string, status: RunStatus, summary: Record<string, unknown> | null, finishedAt: string | null): void;
  /** Many verdicts in one transaction; the same (pair, judge, criterion) again replaces it. */
  savePairwiseVerdicts(comparisonId: string, rows: NewPairwiseVerdict[]): void;
  getPairwiseVerdicts(comparisonId: string): PairwiseVerdictRecord[];

  // --- agreement counts (computed in SQL; see src/stats) ---
  /** Per item and label, how many annotators chose it (latest labels only). */
  labelCountsByItem(reviewId: string, criterion: string): Array<{ itemId: number; label: string; count: number }>;
  /**
   * Distinct rating patterns of a criterion (latest labels only) with how many items share each:
   * GROUP BY item, then GROUP BY pattern, so a million labels arrive as a few thousand rows.
   * Feeds every agreement statistic, pairwise Cohen's kappa included (src/agreement).
   */
  labelPatterns(reviewId: string, criterion: string): LabelPattern[];

  /**
   * How long a write waits (synchronously) for another process's write lock before failing with
   * DatabaseBusyError. Default 5000 ms; the review server sets a few ms and retries asynchronously.
   */
  setBusyTimeout(ms: number): void;
  close(): void;
}
