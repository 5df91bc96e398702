/**
 * What "the humans said" about one item, as a single category, so a judge can be compared with it.
 *
 * - Ordinal scales: the median of the humans' levels. With an even number of humans the two middle
 *   levels may differ; we take the LOWER one (the median must stay on the scale, and rounding down
 *   is the conservative choice for a "pass" threshold). Two humans saying 3 and 4 give 3.
 * - Nominal scales: the most frequent choice; a tie goes to the choice listed first in the rubric.
 *
 * Bias is measured against the humans' MEAN value instead: the lower-median rule would itself add a
 * downward bias of up to half a level, which is not the judge's doing.
 */

/** Category index of the consensus; `indices` non-empty. */
export function consensusIndex(indices: readonly number[], ordinal: boolean): number {
  if (ordinal) {
    const sorted = [...indices].sort((a, b) => a - b);
    return sorted[Math.ceil(sorted.length / 2) - 1]!;
  }
  const counts = new Map<number, number>();
  for (const c of indices) counts.set(c, (counts.get(c) ?? 0) + 1);
  let best = -1;
  let bestCount = 0;
  for (const [c, n] of counts) if (n > bestCount || (n === bestCount && c < best)) [best, bestCount] = [c, n];
  return best;
}

export function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

export const CONSENSUS_RULE =
  'median of the humans (lower middle level when their number is even); nominal: most frequent choice, ties to the first choice in the rubric; bias is against the humans\' mean';
