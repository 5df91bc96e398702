import { labelToValue, scaleValues, type Criterion, type Rubric } from '../../core/rubric.js';

/** The judge's verdict on one criterion: a label on the scale, or unscored with what went wrong. */
export type CriterionVerdict =
  | { criterion: string; ok: true; label: string; value: number; reasoning: string }
  | { criterion: string; ok: false; reason: string; reasoning?: string };

/**
 * Parse the judge's answer. Accepts the structured object (tool input / json_schema content) or
 * JSON text, also inside a ```json fence or surrounded by prose. Per criterion: a missing entry,
 * a value not on the scale, or an unreadable answer is UNSCORED (never 0, never a pass), with a
 * reason quoting what the judge said.
 */
export function parseVerdict(rubric: Rubric, answer: unknown): CriterionVerdict[] {
  const obj = typeof answer === 'string' ? parseJsonText(answer) : answer;
  if (!isObject(obj)) {
    const said = typeof answer === 'string' ? quote(answer) : JSON.stringify(answer) ?? String(answer);
    return rubric.criteria.map((c) => ({ criterion: c.name, ok: false, reason: `judge answer is not a JSON verdict: ${said}` }));
  }
  const root = unwrapVerdict(obj, rubric);
  return rubric.criteria.map((c) => criterionVerdict(c, root));
}

function criterionVerdict(c: Criterion, root: Record<string, unknown>): CriterionVerdict {
  const key = Object.keys(root).find((k) => k === c.name) ?? Object.keys(root).find((k) => k.toLowerCase() === c.name.toLowerCase());
  if (key === undefined) return { criterion: c.name, ok: false, reason: `judge gave no score for "${c.name}"` };
  const entry = root[key];
  let raw: unknown = entry;
  let reasoning = '';
  if (isObject(entry)) {
    raw = entry.score ?? entry.label ?? entry.value ?? entry.rating;
    reasoning = typeof entry.reasoning === 'string' ? entry.reasoning : typeof entry.reason === 'string' ? entry.reason : '';
  }
  const label = matchLabel(c, raw);
  if (label === null) {
    const values = scaleValues(c.scale).join(', ');
    return {
      criterion: c.name,
      ok: false,
      reason: `judge answered ${JSON.stringify(raw) ?? 'nothing'} for "${c.name}", not on the scale (${values})`,
      reasoning: reasoning || undefined,
    };
  }
  return { criterion: c.name, ok: true, label, value: labelToValue(c.scale, label)!, reasoning };
}

/** Map what the judge wrote to a scale label: 4, "4", "4.0" for ordinal; a choice (any case) for nominal. */
function matchLabel(c: Criterion, raw: unknown): string | null {
  if (c.scale.type === 'ordinal') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
    return c.scale.levels.includes(n) ? String(n) : null;
  }
  if (typeof raw !== 'string' && typeof raw !== 'boolean') return null;
  const s = String(raw).trim();
  return c.scale.choices.find((choice) => choice === s) ?? c.scale.choices.find((choice) => choice.toLowerCase() === s.toLowerCase()) ?? null;
}

/** A `{ verdict: {...} }` or `{ scores: {...} }` wrapper around the criteria is tolerated. */
function unwrapVerdict(obj: Record<string, unknown>, rubric: Rubric): Record<string, unknown> {
  const names = new Set(rubric.criteria.map((c) => c.name.toLowerCase()));
  if (Object.keys(obj).some((k) => names.has(k.toLowerCase()))) return obj;
  const keys = Object.keys(obj);
  if (keys.length === 1 && isObject(obj[keys[0]!])) return obj[keys[0]!] as Record<string, unknown>;
  return obj;
}

/** JSON from text: the whole text, a ```json fence, or the outermost {...} inside prose. */
export function parseJsonText(text: string): unknown {
  const attempts: string[] = [text.trim()];
  const fence = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(text);
  if (fence) attempts.push(fence[1]!.trim());
  const first = text.indexOf('{');
  const last = text.lastIndexOf('}');
  if (first >= 0 && last > first) attempts.push(text.slice(first, last + 1));
  for (const a of attempts) {
    try {
      return JSON.parse(a);
    } catch {
      // try the next reading
    }
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function quote(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return JSON.stringify(one.length > 160 ? one.slice(0, 159) + '…' : one);
}
