import type { PanelVerdict } from './judge-panel.js';

/**
 * What a scorer returns. `value: null` means UNSCORED (judge refused, unparseable verdict,
 * provider error): it is reported as such, never counted as 0 and never as a pass.
 */
export interface Score {
  /** Scorer name, e.g. `contains`, `rubric`. */
  scorer: string;
  /** Criterion name; deterministic scorers use their own name. */
  criterion: string;
  value: number | null;
  /** Scale label for rubric scores (e.g. "4", "pass"). */
  label?: string;
  passed?: boolean;
  /** Human-readable explanation (the judge's reasoning, or why a check failed). */
  reason?: string;
  /** Judge provider spec, for judge scores. */
  judge?: string;
  /** Anything else worth keeping (raw verdict, token usage of the judge call). */
  meta?: Record<string, unknown>;
  /**
   * The intermediate verdicts a RAG metric's value is computed from (each claim of the answer, each
   * statement of the golden answer, each retrieved chunk), so a number can be traced to evidence.
   */
  claims?: ClaimVerdict[];
  /**
   * A judge panel's score: each member's own verdict (the score's value is the panel's aggregate
   * of them; core/judge-panel.ts). Stored beside the score, never as scores of their own.
   */
  panel?: PanelVerdict[];
}

export type ClaimKind = 'claim' | 'statement' | 'chunk';
export type Verdict = 'supported' | 'contradicted' | 'not_found' | 'relevant' | 'irrelevant';
export const VERDICTS: readonly Verdict[] = ['supported', 'contradicted', 'not_found', 'relevant', 'irrelevant'];

/** One judged piece of evidence behind a RAG score. */
export interface ClaimVerdict {
  /** `claim`: of the answer; `statement`: of the golden answer; `chunk`: a retrieved passage. */
  kind: ClaimKind;
  text: string;
  verdict: Verdict;
  /** The judge's reason for this verdict. */
  reason: string;
  /** The chunk the verdict rests on: its id, or `#N` (rank) when it has none; null when none. */
  chunk: string | null;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0 };
