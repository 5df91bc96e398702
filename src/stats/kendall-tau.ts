/**
 * Kendall's tau-b (Kendall 1945, ties in both variables), computed in O(n log n) with Knight's (1966)
 * algorithm as in scipy.stats.kendalltau:
 *   tau_b = (n0 - n1 - n2 + n3 - 2 D) / sqrt((n0 - n1)(n0 - n2)),
 * n0 = n(n-1)/2, n1/n2 = pairs tied in x/y, n3 = pairs tied in both, D = discordant pairs
 * (counted as merge-sort swaps of y after sorting by x then y).
 */
import { type StatResult, undefinedResult } from './result.js';
import { completePairs } from './paired.js';

export function kendallTau(x: readonly (number | null)[], y: readonly (number | null)[]): StatResult {
  const [a, b] = completePairs(x, y, 'kendallTau');
  const n = a.length;
  if (n < 2) return undefinedResult('fewer than two items have both scores');
  const order = a.map((_, i) => i).sort((i, j) => a[i]! - a[j]! || b[i]! - b[j]!);
  const xs = order.map((i) => a[i]!);
  const ys = order.map((i) => b[i]!);
  const tiePairs = (runs: (i: number) => boolean): number => {
    let total = 0;
    let run = 1;
    for (let i = 1; i <= n; i++) {
      if (i < n && runs(i)) run++;
      else {
        total += (run * (run - 1)) / 2;
        run = 1;
      }
    }
    return total;
  };
  const n1 = tiePairs((i) => xs[i] === xs[i - 1]);
  const n3 = tiePairs((i) => xs[i] === xs[i - 1] && ys[i] === ys[i - 1]);
  const discordant = mergeCountSwaps(ys);
  const sortedY = ys; // sorted in place by the merge sort
  const n2 = tiePairs((i) => sortedY[i] === sortedY[i - 1]);
  const n0 = (n * (n - 1)) / 2;
  if (n0 === n1 || n0 === n2) return undefinedResult('one side gives every item the same score, so there is no ordering to correlate');
  const tau = (n0 - n1 - n2 + n3 - 2 * discordant) / Math.sqrt((n0 - n1) * (n0 - n2));
  return { value: Math.max(-1, Math.min(1, tau)) };
}

/** Sorts `v` ascending in place; returns the number of strictly inverted pairs. */
function mergeCountSwaps(v: number[]): number {
  const buf = new Array<number>(v.length);
  let swaps = 0;
  for (let width = 1; width < v.length; width *= 2) {
    for (let lo = 0; lo < v.length - width; lo += 2 * width) {
      const mid = lo + width;
      const hi = Math.min(lo + 2 * width, v.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (v[j]! < v[i]!) {
          swaps += mid - i;
          buf[k++] = v[j++]!;
        } else buf[k++] = v[i++]!;
      }
      while (i < mid) buf[k++] = v[i++]!;
      while (j < hi) buf[k++] = v[j++]!;
      for (let t = lo; t < hi; t++) v[t] = buf[t]!;
    }
  }
  return swaps;
}
