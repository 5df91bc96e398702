import type { Case } from '../core/case.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { Score } from '../core/score.js';
import type { Migration } from './migrations.js';
import type {
  AnnotationBatchResult, AnnotationRecord, AnnotatorRecord, AssignmentView, CacheEntry, CacheStats, CurrentLabel, LabelPattern, NewAnnotation, NewOutput,
  NewReview, NewRun, OutputRecord, ReviewItemRecord, ReviewProgress, ReviewRecord, Role, RunRecord, RunStatus,
  RunSummary, ScoreRecord, SessionRecord, Store, ComparisonRecord, NewComparison, NewPairwiseVerdict, PairwiseVerdictRecord,
} from './store.js';
import { guard, openConnection, setBusyTimeout, type Sql } from './sqlite/connection.js';
import * as runs from './sqlite/runs.js';
import * as people from './sqlite/people.js';
import * as reviews from './sqlite/reviews.js';
import * as annotations from './sqlite/annotations.js';
import { labelPatterns } from './sqlite/label-patterns.js';
import * as batches from './sqlite/batches.js';
import type { BatchRecord, BatchRequestRecord, BatchResultUpdate, NewBatch, NewBatchRequest } from './batch-records.js';
import * as pairwise from './sqlite/pairwise.js';

export interface SqliteStoreOptions {
  /** Open without writing: no migrations, cache hits are not counted. */
  readonly?: boolean;
  /** Timestamps the store sets itself (createdAt of outputs, scores, annotations). */
  clock?: Clock;
  /** Tests only: the migration list to apply instead of the built-in one. */
  migrations?: readonly Migration[];
}

/**
 * Open (creating if needed) a juror database. Throws StorageError naming the path when the file
 * cannot be created or opened, was written by a newer juror, or a migration fails.
 */
export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): Store {
  const sql = openConnection(path, { readonly: opts.readonly, clock: opts.clock ?? systemClock, migrations: opts.migrations });
  return new SqliteStore(sql);
}

/**
 * The Store over better-sqlite3. Each method is a thin, guarded delegate: the SQL lives in
 * sqlite/*.ts by concern; anything SQLite throws reaches callers as a one-line StorageError.
 */
class SqliteStore implements Store {
  constructor(private readonly sql: Sql) {}

  private g<T>(what: string, fn: (sql: Sql) => T): T {
    return guard(this.sql, what, () => fn(this.sql));
  }

  // --- runs ---
  createRun(run: NewRun): RunRecord { return this.g('createRun', (s) => runs.createRun(s, run)); }
  getRun(id: string): RunRecord | undefined { return this.g('getRun', (s) => runs.getRun(s, id)); }
  listRuns(opts?: { limit?: number; suiteName?: string }): RunRecord[] { return this.g('listRuns', (s) => runs.listRuns(s, opts)); }
  latestUnfinishedRun(): RunRecord | undefined { return this.g('latestUnfinishedRun', (s) => runs.latestUnfinishedRun(s)); }
  setRunStatus(id: string, status: RunStatus, summary?: RunSummary | null, finishedAt?: string | null): void {
    this.g('setRunStatus', (s) => runs.setRunStatus(s, id, status, summary, finishedAt));
  }

  // --- cases and outputs ---
  saveCases(runId: string, cases: Case[], positions?: readonly number[]): void {
    this.g('saveCases', (s) => runs.saveCases(s, runId, cases, positions));
  }
  getCases(runId: string): Case[] { return this.g('getCases', (s) => runs.getCases(s, runId)); }
  getCase(runId: string, caseId: string): Case | undefined { return this.g('getCase', (s) => runs.getCase(s, runId, caseId)); }
  getPositionedCases(runId: string): Array<{ position: number; case: Case }> {
    return this.g('getPositionedCases', (s) => runs.getPositionedCases(s, runId));
  }
  saveResult(output: NewOutput, scores: Score[]): OutputRecord {
    return this.g('saveResult', (s) => runs.saveResults(s, [{ output, scores }])[0]!);
  }
  saveResults(results: Array<{ output: NewOutput; scores: Score[] }>): OutputRecord[] {
    return this.g('saveResults', (s) => runs.saveResults(s, results));
  }
  getOutputs(runId: string): OutputRecord[] { return this.g('getOutputs', (s) => runs.getOutputs(s, runId)); }
  getOutput(id: number): OutputRecord | undefined { return this.g('getOutput', (s) => runs.getOutput(s, id)); }
  saveScores(runId: string, outputId: number, scores: Score[]): ScoreRecord[] {
    return this.g('saveScores', (s) => runs.saveScores(s, runId, outputId, scores));
  }
  saveScoreBatch(runId: string, batch: Array<{ outputId: number; scores: Score[] }>): void {
    this.g('saveScoreBatch', (s) => runs.saveScoreBatch(s, runId, batch));
  }
  getScores(runId: string): ScoreRecord[] { return this.g('getScores', (s) => runs.getScores(s, runId)); }
  getScoresForOutputs(runId: string, outputIds: number[]): ScoreRecord[] {
    return this.g('getScoresForOutputs', (s) => runs.getScoresForOutputs(s, runId, outputIds));
  }

  // --- pairwise judging ---
  createComparison(c: NewComparison): ComparisonRecord { return this.g('createComparison', (s) => pairwise.createComparison(s, c)); }
  getComparison(id: string): ComparisonRecord | undefined { return this.g('getComparison', (s) => pairwise.getComparison(s, id)); }
  listComparisons(): ComparisonRecord[] { return this.g('listComparisons', (s) => pairwise.listComparisons(s)); }
  setComparisonStatus(id: string, status: RunStatus, summary: Record<string, unknown> | null, finishedAt: string | null): void {
    this.g('setComparisonStatus', (s) => pairwise.setComparisonStatus(s, id, status, summary, finishedAt));
  }
  savePairwiseVerdicts(comparisonId: string, rows: NewPairwiseVerdict[]): void {
    this.g('savePairwiseVerdicts', (s) => pairwise.savePairwiseVerdicts(s, comparisonId, rows));
  }
  getPairwiseVerdicts(comparisonId: string): PairwiseVerdictRecord[] {
    return this.g('getPairwiseVerdicts', (s) => pairwise.getPairwiseVerdicts(s, comparisonId));
  }

  // --- response cache ---
  cacheGet(key: string): CacheEntry | undefined { return this.g('cacheGet', (s) => people.cacheGet(s, key)); }
  cachePut(entry: CacheEntry): void { this.g('cachePut', (s) => people.cachePut(s, entry)); }
  cachePutMany(entries: Iterable<CacheEntry>): number { return this.g('cachePutMany', (s) => people.cachePutMany(s, entries)); }
  cacheEntries(): IterableIterator<CacheEntry> { return this.g('cacheEntries', (s) => people.cacheEntries(s)); }
  cacheStats(): CacheStats { return this.g('cacheStats', (s) => people.cacheStats(s)); }
  cacheClear(): number { return this.g('cacheClear', (s) => people.cacheClear(s)); }

  // --- provider batches ---
  createBatch(batch: NewBatch, requests: readonly NewBatchRequest[]): void { this.g('createBatch', (s) => batches.createBatch(s, batch, requests)); }
  setBatchSubmitted(id: string, remoteId: string): void { this.g('setBatchSubmitted', (s) => batches.setBatchSubmitted(s, id, remoteId)); }
  setBatchProviderStatus(id: string, status: string): void { this.g('setBatchProviderStatus', (s) => batches.setBatchProviderStatus(s, id, status)); }
  deleteBatch(id: string): void { this.g('deleteBatch', (s) => batches.deleteBatch(s, id)); }
  listBatches(runId: string): BatchRecord[] { return this.g('listBatches', (s) => batches.listBatches(s, runId)); }
  getBatchRequests(runId: string): BatchRequestRecord[] { return this.g('getBatchRequests', (s) => batches.getBatchRequests(s, runId)); }
  saveBatchResults(id: string, results: readonly BatchResultUpdate[], providerStatus: string, endedAt: string): void {
    this.g('saveBatchResults', (s) => batches.saveBatchResults(s, id, results, providerStatus, endedAt));
  }

  // --- annotators and sessions ---
  createAnnotator(a: { id: string; name: string; role: Role; tokenHash: string; createdAt: string; tokenExpiresAt?: string | null }): AnnotatorRecord {
    return this.g('createAnnotator', (s) => people.createAnnotator(s, a));
  }
  getAnnotator(id: string): AnnotatorRecord | undefined { return this.g('getAnnotator', (s) => people.getAnnotator(s, id)); }
  getAnnotatorByName(name: string): AnnotatorRecord | undefined {
    return this.g('getAnnotatorByName', (s) => people.getAnnotatorByName(s, name));
  }
  getAnnotatorByTokenHash(tokenHash: string): AnnotatorRecord | undefined {
    return this.g('getAnnotatorByTokenHash', (s) => people.getAnnotatorByTokenHash(s, tokenHash));
  }
  listAnnotators(): AnnotatorRecord[] { return this.g('listAnnotators', (s) => people.listAnnotators(s)); }
  setAnnotatorToken(id: string, tokenHash: string, tokenExpiresAt?: string | null): void {
    this.g('setAnnotatorToken', (s) => people.setAnnotatorToken(s, id, tokenHash, tokenExpiresAt));
  }
  setAnnotatorDisabled(id: string, disabled: boolean): void {
    this.g('setAnnotatorDisabled', (s) => people.setAnnotatorDisabled(s, id, disabled));
  }
  deleteSessionsOf(annotatorId: string): number { return this.g('deleteSessionsOf', (s) => people.deleteSessionsOf(s, annotatorId)); }
  getSetting(key: string): string | undefined { return this.g('getSetting', (s) => people.getSetting(s, key)); }
  setSetting(key: string, value: string): void { this.g('setSetting', (s) => people.setSetting(s, key, value)); }
  createSession(session: SessionRecord): void { this.g('createSession', (s) => people.createSession(s, session)); }
  getSession(idHash: string): SessionRecord | undefined { return this.g('getSession', (s) => people.getSession(s, idHash)); }
  deleteSession(idHash: string): void { this.g('deleteSession', (s) => people.deleteSession(s, idHash)); }

  // --- reviews ---
  createReview(review: NewReview): ReviewRecord { return this.g('createReview', (s) => reviews.createReview(s, review)); }
  getReview(id: string): ReviewRecord | undefined { return this.g('getReview', (s) => reviews.getReview(s, id)); }
  listReviews(): ReviewRecord[] { return this.g('listReviews', (s) => reviews.listReviews(s)); }
  getReviewItems(reviewId: string): ReviewItemRecord[] {
    return this.g('getReviewItems', (s) => reviews.getReviewItems(s, reviewId));
  }
  getItemAssignees(itemId: number): string[] { return this.g('getItemAssignees', (s) => reviews.getItemAssignees(s, itemId)); }
  isAssigned(itemId: number, annotatorId: string): boolean {
    return this.g('isAssigned', (s) => reviews.isAssigned(s, itemId, annotatorId));
  }
  getAssignments(reviewId: string, annotatorId: string): AssignmentView[] {
    return this.g('getAssignments', (s) => reviews.getAssignments(s, reviewId, annotatorId));
  }
  getAssignment(reviewId: string, itemId: number, annotatorId: string): AssignmentView | undefined {
    return this.g('getAssignment', (s) => reviews.getAssignment(s, reviewId, itemId, annotatorId));
  }
  addAnnotation(a: NewAnnotation): AnnotationRecord {
    return this.g('addAnnotation', (s) => annotations.addAnnotations(s, [a])[0]!);
  }
  addAnnotations(a: NewAnnotation[]): AnnotationRecord[] {
    return this.g('addAnnotations', (s) => annotations.addAnnotations(s, a));
  }
  addAnnotationBatch(batch: NewAnnotation[][]): AnnotationBatchResult[] {
    return this.g('addAnnotationBatch', (s) => annotations.addAnnotationBatch(s, batch));
  }
  getAnnotationHistory(reviewId: string): AnnotationRecord[] {
    return this.g('getAnnotationHistory', (s) => annotations.getAnnotationHistory(s, reviewId));
  }
  getCurrentLabels(reviewId: string, criterion?: string): CurrentLabel[] {
    return this.g('getCurrentLabels', (s) => annotations.getCurrentLabels(s, reviewId, criterion));
  }
  getReviewProgress(reviewId: string, annotatorId?: string): ReviewProgress[] {
    return this.g('getReviewProgress', (s) => annotations.getReviewProgress(s, reviewId, annotatorId));
  }

  // --- agreement counts ---
  labelCountsByItem(reviewId: string, criterion: string): Array<{ itemId: number; label: string; count: number }> {
    return this.g('labelCountsByItem', (s) => annotations.labelCountsByItem(s, reviewId, criterion));
  }
  labelPatterns(reviewId: string, criterion: string): LabelPattern[] {
    return this.g('labelPatterns', (s) => labelPatterns(s, reviewId, criterion));
  }

  setBusyTimeout(ms: number): void { this.g('setBusyTimeout', (s) => setBusyTimeout(s, ms)); }

  close(): void {
    if (this.sql.db.open) this.sql.db.close();
  }
}
