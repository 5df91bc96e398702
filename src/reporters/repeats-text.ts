import type { JudgeRetest, RepeatSummary } from '../storage/store.js';
import { fmtInt, fmtNum } from './format.js';
import { fmtRateCi } from './uncertainty.js';
import { retestCell } from './alpha-text.js';

/** Summary rows for a run with --repeat N > 1 (after the per-repeat counts). */
export function repeatRows(r: RepeatSummary): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['repeats', `${r.repeats} per case, reduced by ${r.reduce}`],
    ['cases (reduced)', `${fmtInt(r.cases)}: ${fmtInt(r.passed)} passed (${fmtRateCi(r.passed, r.cases)}), ${fmtInt(r.failed)} failed, ${fmtInt(r.errored)} errored, ${fmtInt(r.unscored)} unscored`],
    ['pass@k', kRow(r.passAtK, '@')],
    ['pass^k', kRow(r.passHatK, '^')],
    ['unstable', r.unstable.length === 0 ? 'none (every case gave the same verdict in each repeat)' : `${fmtInt(r.unstable.length)} ${r.unstable.length === 1 ? 'case flips' : 'cases flip'} across repeats: ${list(r.unstable)}`],
  ];
  // Only the criteria that vary: a suite with many steady scores would otherwise list each as 0.
  const varying = Object.entries(r.spread).filter(([, sd]) => sd !== 0);
  if (varying.length === 0) rows.push(['spread', 'none: every criterion scored the same in every repeat of a case']);
  for (const [criterion, sd] of varying) rows.push([`spread ${criterion}`, sd === null ? '– (fewer than 2 scored repeats)' : `sd ${fmtNum(sd, 3)} within a case`]);
  return rows;
}

/** With --judge-repeat K > 1: a "judge test-retest α" row, then one line per criterion (Krippendorff's alpha). */
export function retestRows(rows: readonly JudgeRetest[]): Array<[string, string]> {
  const width = Math.max(...rows.map((r) => r.criterion.length));
  return rows.map((r, i) => [i === 0 ? 'judge test-retest α' : '', `${r.criterion.padEnd(width)}  ${retestCell(r)}`]);
}

/** "k=1 62.5% · k=2 75.0% · k=5 90.0%": every k up to 5, then only the last. */
function kRow(values: RepeatSummary['passAtK'], sym: string): string {
  const shown = values.filter((v) => v.k <= 5 || v.k === values.length);
  return shown.map((v) => `${sym}${v.k} ${v.value === null ? '–' : `${(100 * v.value).toFixed(1)}%`}`).join(' · ');
}

function list(ids: string[], max = 8): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} … (+${ids.length - max})`;
}
