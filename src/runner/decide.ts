import type { Score } from '../core/score.js';

/**
 * The verdict for a case when the suite names no `pass:` thresholds: every score that says
 * passed/failed counts. A definite failure fails the case; otherwise an unscored score
 * (value null) leaves the case unscored, never passed.
 */
export function defaultDecide(scores: Score[]): 'passed' | 'failed' | 'unscored' {
  if (scores.some((s) => s.value !== null && s.passed === false)) return 'failed';
  if (scores.some((s) => s.value === null)) return 'unscored';
  return 'passed';
}
