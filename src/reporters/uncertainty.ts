import { wilsonInterval } from '../stats/wilson.js';
import { fmtInt } from './format.js';

/** "75.0% [64.5%, 83.2%], n=80": a pass rate always with its 95% Wilson interval and its n. */
export function fmtRateCi(passed: number, total: number): string {
  const r = wilsonInterval(passed, total);
  if (r.value === null) return '–, n=0';
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return `${pct(r.value)} [${pct(r.ci95[0])}, ${pct(r.ci95[1])}], n=${fmtInt(total)}`;
}

/** " [3.90, 4.30], n=80" after a mean (nothing for runs stored before intervals were kept). */
export function fmtCi(ci: { n: number; ci95: [number, number] | null } | undefined): string {
  if (!ci) return '';
  return ci.ci95 ? ` [${ci.ci95[0].toFixed(2)}, ${ci.ci95[1].toFixed(2)}], n=${fmtInt(ci.n)}` : `, n=${fmtInt(ci.n)} (no interval)`;
}
