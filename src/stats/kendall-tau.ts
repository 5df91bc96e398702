import type { StatResult } from './result.js';
import { notYet } from './not-yet.js';
/** Kendall's tau-b (ties handled); pairs with a null side are dropped. */
export function kendallTau(x: readonly (number | null)[], y: readonly (number | null)[]): StatResult {
  return notYet('kendallTau');
}
