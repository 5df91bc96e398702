import type { Case } from '../core/case.js';
import type { Score } from '../core/score.js';

/** What a custom scorer function receives. */
export interface CustomScorerInput {
  output: string;
  case: Case;
  vars: Record<string, unknown>;
  expected: unknown;
  /** The case's retrieved chunks. */
  context: Case['context'];
  signal?: AbortSignal;
}

export type CustomScorerFn = (input: CustomScorerInput) => unknown;

interface Shape {
  /** The scorer's own criterion (`as:` or the file's stem). */
  criterion: string;
  /** Every criterion the scorer declares. */
  criteria: string[];
  threshold?: number;
  shown: string;
}

/**
 * Turn what a custom function returned into Scores. Accepted: a number, a boolean (pass = 1,
 * fail = 0), null (unscored), `{ value|score, pass|passed?, reason?, label? }`, or a list of such
 * objects each with a `name`. Anything else leaves the scorer's criteria UNSCORED with a reason that
 * says what came back: a bad return value is never read as 0 or as a pass.
 */
export function customScores(result: unknown, s: Shape): Score[] {
  if (Array.isArray(result)) {
    if (result.length === 0) return invalid(s, 'returned an empty list');
    const out: Score[] = [];
    for (const [i, item] of result.entries()) {
      const name = item && typeof item === 'object' ? (item as { name?: unknown }).name : undefined;
      if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(name)) return invalid(s, `returned a list whose item ${i} has no "name" (each score in a list needs one)`);
      const one = single(item, `${s.criterion}.${name}`, s);
      if (typeof one === 'string') return invalid(s, `item ${i}: ${one}`);
      out.push(one);
    }
    // A declared score the function did not give is unscored, so a pass rule on it never passes silently.
    const seen = new Set(out.map((o) => o.criterion));
    for (const cr of s.criteria.slice(1)) if (!seen.has(cr)) out.push({ scorer: 'file', criterion: cr, value: null, reason: `${s.shown} gave no score named "${cr.slice(s.criterion.length + 1)}"` });
    return out;
  }
  const one = single(result, s.criterion, s);
  return typeof one === 'string' ? invalid(s, one) : [one];
}

function single(v: unknown, criterion: string, s: Shape): Score | string {
  const base = { scorer: 'file', criterion };
  if (v === null) return { ...base, value: null, reason: `${s.shown} returned null (unscored)` };
  if (typeof v === 'boolean') return { ...base, value: v ? 1 : 0, passed: v };
  if (typeof v === 'number') return number(v, undefined, undefined, undefined, base, s);
  if (!v || typeof v !== 'object') return `returned ${describe(v)}; expected a number, a boolean or { value, pass, reason }`;
  const o = v as Record<string, unknown>;
  const raw = 'value' in o ? o.value : o.score;
  const pass = 'pass' in o ? o.pass : o.passed;
  const reason = o.reason;
  if (pass !== undefined && typeof pass !== 'boolean') return `"pass" must be true or false, got ${describe(pass)}`;
  if (reason !== undefined && typeof reason !== 'string') return `"reason" must be text, got ${describe(reason)}`;
  const label = typeof o.label === 'string' ? o.label : undefined;
  if (raw === null) return { ...base, value: null, reason: (reason as string | undefined) ?? `${s.shown} left it unscored` };
  if (raw === undefined && typeof pass === 'boolean') return { ...base, value: pass ? 1 : 0, passed: pass, ...(reason ? { reason } : {}), ...(label ? { label } : {}) };
  if (typeof raw === 'boolean') return { ...base, value: raw ? 1 : 0, passed: (pass as boolean | undefined) ?? raw, ...(reason ? { reason } : {}) };
  if (typeof raw !== 'number') return `"value" must be a number, got ${describe(raw)}`;
  return number(raw, pass as boolean | undefined, reason as string | undefined, label, base, s);
}

function number(value: number, pass: boolean | undefined, reason: string | undefined, label: string | undefined, base: { scorer: string; criterion: string }, s: Shape): Score | string {
  if (!Number.isFinite(value)) return `returned the value ${value}; a score must be a finite number`;
  const passed = pass ?? (s.threshold !== undefined ? value >= s.threshold : undefined);
  const score: Score = { ...base, value };
  if (passed !== undefined) score.passed = passed;
  if (reason !== undefined) score.reason = reason;
  if (label !== undefined) score.label = label;
  return score;
}

function invalid(s: Shape, what: string): Score[] {
  return s.criteria.map((criterion) => ({ scorer: 'file', criterion, value: null, reason: `${s.shown} ${what}` }));
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing (undefined)';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 39) + '…' : v)}`;
  if (typeof v === 'function') return 'a function';
  const json = JSON.stringify(v);
  return json === undefined ? String(v) : json.length > 60 ? json.slice(0, 59) + '…' : json;
}
