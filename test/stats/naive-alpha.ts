/**
 * Independent reference for tests: Krippendorff's alpha straight from the definition,
 * alpha = 1 - D_o / D_e, by enumerating every ordered pair of pairable values (O(n^2)), with the
 * metrics exactly as printed in Krippendorff (2011) §5 (ordinal via the explicit sum over categories).
 */
import type { AlphaLevel } from '../../src/stats/krippendorff-alpha.js';

export function naiveAlpha(items: readonly (readonly (number | null)[])[], level: AlphaLevel): number {
  const units = items.map((row) => row.filter((v): v is number => v !== null)).filter((u) => u.length >= 2);
  const all = units.flat();
  const n = all.length;
  const freq = new Map<number, number>();
  for (const v of all) freq.set(v, (freq.get(v) ?? 0) + 1);
  const sorted = [...freq.keys()].sort((a, b) => a - b);
  const delta = (c: number, k: number): number => {
    if (level === 'nominal') return c === k ? 0 : 1;
    if (level === 'interval') return (c - k) ** 2;
    if (level === 'ratio') return c + k === 0 ? 0 : ((c - k) / (c + k)) ** 2;
    const [lo, hi] = c < k ? [c, k] : [k, c];
    let s = 0;
    for (const g of sorted) if (g >= lo && g <= hi) s += freq.get(g)!;
    return (s - (freq.get(c)! + freq.get(k)!) / 2) ** 2;
  };
  let dO = 0;
  for (const u of units) {
    for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j) dO += delta(u[i]!, u[j]!) / (u.length - 1);
  }
  dO /= n;
  let dE = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) dE += delta(all[i]!, all[j]!);
  dE /= n * (n - 1);
  return 1 - dO / dE;
}
