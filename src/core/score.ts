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
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0 };
