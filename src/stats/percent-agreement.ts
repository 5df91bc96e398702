/**
 * Percent agreement: for each item with r >= 2 ratings, the share of agreeing rater pairs
 * sum_k n_k (n_k - 1) / (r (r - 1)); averaged over those items. This is the observed agreement pa
 * of Fleiss (1971) and of Gwet (Handbook, 4th ed., §2.3; irrCAC `pa`).
 */
import { type StatResult, undefinedResult } from './result.js';
import { type CountPatterns, type CountTable, prepareTable } from './multi-rater.js';

export function percentAgreement(counts: CountTable): StatResult {
  return percentAgreementFromPatterns({ counts });
}

/** The same from distinct count rows and how many items share each (see `countPatterns`). */
export function percentAgreementFromPatterns(table: CountPatterns): StatResult {
  const t = prepareTable(table, undefined, 'percentAgreement');
  if ('reason' in t) return t;
  return Number.isFinite(t.pa) ? { value: t.pa } : undefinedResult('percent agreement is not a finite number');
}
