import type { PanelSummary } from '../storage/store.js';
import { alphaCell } from '../calibration/retest-text.js';
import { fmtInt, fmtMeanValue } from './format.js';
import { fmtCi } from './uncertainty.js';

/**
 * Summary rows for a judge panel's run: per criterion the rule, the judges' agreement with each
 * other (Krippendorff's alpha), then the panel's mean and each judge's own, with their intervals.
 */
export function panelRows(p: PanelSummary): Array<[string, string]> {
  const width = Math.max('panel'.length, ...p.judges.map((j) => j.length));
  const rows: Array<[string, string]> = [];
  for (const c of p.criteria) {
    const what = `${c.level}, ${fmtInt(c.outputs)} outputs × ${c.members.length} judges`;
    rows.push([rows.length === 0 ? 'judge panel' : '', `${c.criterion}: ${c.aggregate} of ${c.members.length} judges; inter-judge α ${alphaCell(c.alpha, what)}`]);
    rows.push(['', `  ${'panel'.padEnd(width)}  ${fmtMeanValue(c.panel.mean)}${fmtCi(c.panel)}`]);
    for (const m of c.members) {
      const unscored = m.unscored > 0 ? `, ${fmtInt(m.unscored)} unscored` : '';
      rows.push(['', `  ${m.judge.padEnd(width)}  ${fmtMeanValue(m.mean)}${fmtCi(m)}${unscored}`]);
    }
  }
  return rows;
}
