import type { Case } from '../core/case.js';
import type { Reducer } from '../core/reducer.js';
import type { Score, Usage } from '../core/score.js';

/** Runs, their cases, outputs and scores: what the Store keeps of `juror run` and `juror judge`. */

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
  /** A judge panel's run: each judge's means, the panel's, and the inter-judge agreement per criterion. */
  panel?: PanelSummary;
  /** Calls went through the providers' batch APIs (--batch): how many batches, and the discount in `costUsd`. */
  batch?: { batches: number; discount: number };
  /** A matrix run: each (prompt, provider) column's own summary, in column order. */
  columns?: Array<{ provider: string; prompt: string; summary: RunSummary }>;
}

/** An agreement coefficient: the value with Gwet's SE and 95% CI when defined; null with the reason otherwise. */
export type AlphaFigure = { value: number; se?: number; ci95?: [number, number] } | { value: null; reason: string };

/** A mean with its 95% interval (bounded by the criterion's range) over n scored values. */
export interface MeanFigureSummary {
  mean: number | null;
  ci95: [number, number] | null;
  n: number;
}

/** One choice of a nominal criterion: how many verdicts chose it, their share and its Wilson 95% interval. */
export interface ChoiceShare {
  choice: string;
  count: number;
  share: number;
  ci95: [number, number];
}

/**
 * A panel's or a judge's figure on a criterion: the mean for an ordinal scale; for a nominal one
 * the share of each choice instead (`mean` and `ci95` null: a mean of choice indices means nothing).
 */
export type PanelFigure = MeanFigureSummary & { choices?: ChoiceShare[] };

/** See src/runner/panel-summary.ts. */
export interface PanelSummary {
  /** The judges' provider specs, in panel order. */
  judges: string[];
  criteria: PanelCriterion[];
}

export interface PanelCriterion {
  criterion: string;
  level: 'ordinal' | 'nominal';
  /** How the members' verdicts became the criterion's score. */
  aggregate: 'mean' | 'median' | 'majority';
  /** The criterion's score (the aggregate): its mean and interval, as in meanByCriterion. */
  panel: PanelFigure;
  /**
   * Each judge's own verdicts, in panel order; `unscored` = outputs it gave no usable verdict on,
   * `failed` = those of them lost to its failed call (a provider failure: the run exits 3).
   */
  members: Array<PanelFigure & { judge: string; unscored: number; failed: number }>;
  /** Outputs scored by two or more judges (the units alpha can use). */
  outputs: number;
  /** Krippendorff's alpha: outputs as units, judges as raters (ordinal or nominal metric). */
  alpha: AlphaFigure;
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
  alpha: AlphaFigure;
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

/** The run half of the Store (src/storage/sqlite/runs.ts). */
export interface RunStore {
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
  /** One stored case (a run streams its cases back one by one instead of holding them all). */
  getCase(runId: string, caseId: string): Case | undefined;
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
}
