import type { StatResult } from './result.js';
import { notYet } from './not-yet.js';
/** Spearman rank correlation (ties -> average ranks); pairs with a null side are dropped. */
export function spearman(x: readonly (number | null)[], y: readonly (number | null)[]): StatResult {
  return notYet('spearman');
}
