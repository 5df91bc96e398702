import type { RunSlice } from '../runner/run-figures.js';
import { SMALL_SLICE } from '../runner/slices.js';
import { fmtInt } from './format.js';
import { fmtMean, fmtRate } from './comparison.js';

/** A run's slices as text: one line per slice, the means under it. Small slices are marked. */
export function formatRunSlices(slices: readonly RunSlice[]): string {
  if (!slices.length) return '';
  const out: string[] = [];
  let by = '';
  const width = Math.max(...slices.map((s) => s.value.length));
  for (const s of slices) {
    if (s.by !== by) {
      by = s.by;
      out.push(`\nby ${by} (slices sum to the whole; "small" = fewer than ${SMALL_SLICE} cases, read with care):\n`);
    }
    const { passed, failed, errored, unscored } = s.counts;
    const counts = `${fmtInt(passed)} passed, ${fmtInt(failed)} failed${errored ? `, ${errored} errored` : ''}${unscored ? `, ${unscored} unscored` : ''}`;
    out.push(`  ${s.value.padEnd(width)}  ${String(s.cases).padStart(5)} cases${s.small ? ' (small)' : '        '}  pass rate ${fmtRate(s.pass_rate)}  (${counts})\n`);
    for (const m of s.means) out.push(`  ${''.padEnd(width)}    mean ${m.criterion} ${fmtMean(m)}\n`);
  }
  return out.join('');
}
