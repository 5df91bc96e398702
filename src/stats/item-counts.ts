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

/**
 * Collapse a count table into its distinct rows and how many items share each (first-appearance
 * order): the weighted input of the `*FromPatterns` statistics. With k categories and r ratings
 * per item there are at most C(r + k - 1, k - 1) distinct rows (35 for 3 ratings on a 5-point
 * scale), however many items there are.
 */
export function countPatterns(counts: readonly (readonly number[])[]): { counts: number[][]; freq: number[] } {
  const index = new Map<string, number>();
  const rows: number[][] = [];
  const freq: number[] = [];
  for (const row of counts) {
    const key = row.join(',');
    const j = index.get(key);
    if (j === undefined) {
      index.set(key, rows.length);
      rows.push([...row]);
      freq.push(1);
    } else freq[j]! += 1;
  }
  return { counts: rows, freq };
}
