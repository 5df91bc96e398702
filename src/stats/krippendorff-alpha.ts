import type { Coefficient } from './result.js';
import { notYet } from './not-yet.js';
export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';
/** Krippendorff's alpha on an items x raters matrix of numeric values (null = missing). */
export function krippendorffAlpha(ratings: readonly (readonly (number | null)[])[], opts: { level: AlphaLevel }): Coefficient {
  return notYet('krippendorffAlpha');
}
/** Krippendorff's alpha from an items x categories count table; `values[j]` is column j's value (default j). */
export function krippendorffAlphaFromCounts(
  counts: readonly (readonly number[])[],
  opts: { level: AlphaLevel; values?: readonly number[] },
): Coefficient {
  return notYet('krippendorffAlphaFromCounts');
}
