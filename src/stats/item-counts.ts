/**
 * items x raters matrix of category indices (null = not rated) -> items x categories count table,
 * the input of percentAgreement, fleissKappa, gwetAc, brennanPrediger and krippendorffAlphaFromCounts.
 */
export function itemCategoryCounts(ratings: readonly (readonly (number | null)[])[], k: number): number[][] {
  const out: number[][] = [];
  for (const row of ratings) {
    const counts = new Array<number>(k).fill(0);
    for (const v of row) {
      if (v === null) continue;
      if (!Number.isInteger(v) || v < 0 || v >= k) throw new RangeError(`itemCategoryCounts: category index ${v} is outside 0..${k - 1}`);
      counts[v]!++;
    }
    out.push(counts);
  }
  return out;
}
