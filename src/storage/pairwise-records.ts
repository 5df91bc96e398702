import type { PairwiseChoice, Rubric } from '../core/rubric.js';
import type { RunStatus } from './run-records.js';

/** Pairwise judging: comparisons of two or more sources and their verdicts (migration 010). */

/** One side of a pairwise comparison: a run's outputs, or one column of a matrix run (storage/run-columns.ts). */
export interface PairwiseSource {
  /** How reports name it (the run id unless given). */
  label: string;
  runId: string;
  /** A matrix column (1-based, as `RUN:N`), with the provider and prompt label that made it; absent: the whole (one-column) run. */
  column?: number;
  provider?: string;
  prompt?: string;
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

/** Pairwise comparisons in the Store (src/storage/sqlite/pairwise.ts). */
export interface PairwiseStore {
  createComparison(c: NewComparison): ComparisonRecord;
  getComparison(id: string): ComparisonRecord | undefined;
  /** Newest first. */
  listComparisons(): ComparisonRecord[];
  setComparisonStatus(id: string, status: RunStatus, summary: Record<string, unknown> | null, finishedAt: string | null): void;
  /** Many verdicts in one transaction; the same (pair, judge, criterion) again replaces it. */
  savePairwiseVerdicts(comparisonId: string, rows: NewPairwiseVerdict[]): void;
  getPairwiseVerdicts(comparisonId: string): PairwiseVerdictRecord[];
}
