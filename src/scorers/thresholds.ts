import type { Score } from '../core/score.js';
import type { PassRule } from '../loader/suite.js';

export type CaseVerdict = 'passed' | 'failed' | 'unscored';

/** What a case measured besides its scores, for `cost` / `latency_ms` pass rules. */
export interface CaseMetrics {
  /** Estimated USD of the case's calls (system and judge); null when a price is unknown. */
  costUsd: number | null;
  /** Latency of the call to the system under test; null when it errored. */
  latencyMs: number | null;
}

export interface RuleResult {
  criterion: string;
  rule: string;
  status: CaseVerdict;
  /** Why it failed or is unscored. */
  reason?: string;
}

export interface ThresholdResult {
  status: CaseVerdict;
  rules: RuleResult[];
}

/**
 * Decide a case from its scores. With `pass:` rules, only the named criteria count; without,
 * every score must pass. A required score that is missing or unscored makes the case UNSCORED
 * (unless another required score definitively failed: then the case failed whatever the
 * missing score would have said). Unscored never counts as a pass or as 0.
 */
export function evaluateThresholds(rules: readonly PassRule[], scores: readonly Score[], metrics?: CaseMetrics): ThresholdResult {
  const results: RuleResult[] =
    rules.length > 0 ? rules.map((r) => (r.metric ? evaluateMetric(r, metrics) : evaluateRule(r, scores))) : scores.map((s) => defaultRule(s));
  if (results.length === 0) return { status: 'unscored', rules: [] };
  const status: CaseVerdict = results.some((r) => r.status === 'failed')
    ? 'failed'
    : results.some((r) => r.status === 'unscored')
      ? 'unscored'
      : 'passed';
  return { status, rules: results };
}

/** Just the verdict (what the runner's plan.decide needs). */
export function decideCase(rules: readonly PassRule[], scores: readonly Score[], metrics?: CaseMetrics): CaseVerdict {
  return evaluateThresholds(rules, scores, metrics).status;
}

/** A `cost` / `latency_ms` rule: an unknown measurement is unscored (never a pass, never a 0). */
function evaluateMetric(r: PassRule, metrics: CaseMetrics | undefined): RuleResult {
  const base = { criterion: r.criterion, rule: r.text };
  const v = r.metric === 'cost' ? metrics?.costUsd : metrics?.latencyMs;
  if (v === null || v === undefined) {
    const why = r.metric === 'cost' ? 'cost unknown (no price for the model in the pricing table)' : 'no latency (the call did not finish)';
    return { ...base, status: 'unscored', reason: why };
  }
  if (compare(v, r.op, r.target as number)) return { ...base, status: 'passed' };
  const got = r.metric === 'cost' ? `$${+v.toPrecision(3)}` : `${v} ms`;
  return { ...base, status: 'failed', reason: `${r.criterion} is ${got}, needs ${r.text}` };
}

function defaultRule(s: Score): RuleResult {
  const rule = 'passed';
  if (s.value === null) return { criterion: s.criterion, rule, status: 'unscored', reason: s.reason ?? 'unscored' };
  if (s.passed === undefined) return { criterion: s.criterion, rule, status: 'passed' };
  return s.passed
    ? { criterion: s.criterion, rule, status: 'passed' }
    : { criterion: s.criterion, rule, status: 'failed', reason: s.reason };
}

function evaluateRule(r: PassRule, scores: readonly Score[]): RuleResult {
  const base = { criterion: r.criterion, rule: r.text };
  const s = scores.find((x) => x.criterion === r.criterion);
  if (!s) return { ...base, status: 'unscored', reason: `no score for "${r.criterion}"` };
  if (s.value === null) return { ...base, status: 'unscored', reason: s.reason ?? 'unscored' };
  let ok: boolean;
  let got: string;
  if (r.op === 'passed') {
    ok = s.passed === true;
    got = s.passed ? 'passed' : 'failed';
  } else if (typeof r.target === 'string') {
    got = s.label ?? String(s.value);
    ok = r.op === '==' ? got === r.target : got !== r.target;
  } else {
    got = s.label !== undefined && s.label !== String(s.value) ? `${s.value} (${s.label})` : String(s.value);
    ok = compare(s.value, r.op, r.target!);
  }
  return ok ? { ...base, status: 'passed' } : { ...base, status: 'failed', reason: `${r.criterion} is ${got}, needs ${r.text}` };
}

function compare(v: number, op: PassRule['op'], t: number): boolean {
  switch (op) {
    case '>=': return v >= t;
    case '>': return v > t;
    case '<=': return v <= t;
    case '<': return v < t;
    case '==': return v === t;
    case '!=': return v !== t;
    default: return false;
  }
}
