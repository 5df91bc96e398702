import { ConfigError } from '../core/errors.js';
import type { CaseReport } from './run-report.js';
import { compareIds } from './run-report.js';

/** What `--by` splits cases on: their tags, or one variable (`vars.lang`, `vars.meta.source`). */
export type SliceBy = { label: 'tag' } | { label: string; path: string[] };

/** Slices smaller than this are marked "small" in every output (kept, never hidden). */
export const SMALL_SLICE = 10;

export const UNTAGGED = '(untagged)';
export const MISSING = '(missing)';

export function parseBy(raw: string): SliceBy {
  const s = raw.trim();
  if (s === 'tag' || s === 'tags') return { label: 'tag' };
  const m = /^vars\.([A-Za-z0-9_$-]+(?:\.[A-Za-z0-9_$-]+)*)$/.exec(s);
  if (!m) throw new ConfigError(`--by must be "tag" or "vars.FIELD" (e.g. vars.lang), got "${raw}"`);
  return { label: s, path: m[1]!.split('.') };
}

/**
 * The one slice a case falls in, so that the slices of one `by` partition the cases and their
 * counts sum to the whole. A case with several tags goes to the slice of its tag COMBINATION
 * ("billing+hard"), not to each tag: counting it twice would break the sum and double its weight.
 */
export function sliceOf(c: Pick<CaseReport, 'tags' | 'input'>, by: SliceBy): string {
  if (!('path' in by)) return c.tags.length === 0 ? UNTAGGED : [...new Set(c.tags)].sort().join('+');
  let v: unknown = c.input;
  for (const k of by.path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  if (v === undefined || v === null) return MISSING;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Group items by slice, slices in natural order (the placeholder slices last). */
export function groupBySlice<T>(items: readonly T[], key: (item: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(it);
  }
  const last = (k: string) => (k === UNTAGGED || k === MISSING ? 1 : 0);
  return [...groups].sort(([a], [b]) => last(a) - last(b) || compareIds(a, b));
}
