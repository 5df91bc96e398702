import type { Reducer } from '../core/reducer.js';
import type { CaseSource } from '../loader/suite.js';
import type { Case } from '../core/case.js';
import type { Score, Usage } from '../core/score.js';
import type { ChatMessage } from '../providers/provider.js';
import type { Scorer } from '../scorers/scorer.js';
import type { CaseMetrics } from '../scorers/thresholds.js';

/** How one (case, repeat) ended. Every case ends in exactly one of these. */
export type CaseStatus = 'passed' | 'failed' | 'errored' | 'unscored';

/**
 * What the runner needs from a scorer: the name and score() of src/scorers' Scorer, its
 * criteria (so a crash leaves each of them unscored under its own name) and its pre-flight check.
 */
export type RunScorer = Pick<Scorer, 'name' | 'score'> & Partial<Pick<Scorer, 'criteria' | 'check' | 'bounds'>>;

/**
 * A suite made runnable: everything the runner needs, already resolved. Built from the loader's
 * Suite by `plan-from-suite.ts`; tests can build one by hand.
 */
export interface RunPlan {
  suiteName: string;
  suitePath: string | null;
  cases: Case[];
  /** Instead of `cases`: the suite's case files, read case by case (a large suite is never held whole). */
  caseSource?: CaseSource;
  render(c: Case): ChatMessage[];
  params: { temperature?: number; maxTokens?: number };
  scorers: RunScorer[];
  /** passed / failed / unscored from a case's scores and measurements (the suite's `pass:` rules). */
  decide(scores: Score[], metrics?: CaseMetrics): Exclude<CaseStatus, 'errored'>;
  /** How the repeats of a case become its verdict (default majority). */
  reduce?: Reducer;
}

/** One finished (case, repeat), as the summary and reporters see it. */
export interface CaseOutcome {
  caseId: string;
  repeat: number;
  /** The matrix column (absent in a one-column run). */
  col?: number;
  status: CaseStatus;
  scores: Score[];
  usage: Usage;
  judgeUsage: Usage;
  latencyMs: number | null;
  costUsd: number | null;
  cached: boolean;
  attempts: number;
  error: string | null;
}

/**
 * One column of a matrix run: a (prompt, provider) pair. Every case runs in every column; a run
 * with one column is an ordinary run (its outputs carry no column).
 */
export interface RunColumn {
  /** Provider spec as recorded (`openai:gpt-4o-mini`). */
  provider: string;
  /** The prompt's label (the file as written in the suite, or `prompt N`). */
  prompt: string;
}

/** Turn messages into the one readable prompt string stored with the output and shown to reviewers. */
export function promptText(messages: ChatMessage[]): string {
  if (messages.length === 1 && messages[0]!.role === 'user') return messages[0]!.content;
  return messages.map((m) => `[${m.role}]\n${m.content}`).join('\n\n');
}
