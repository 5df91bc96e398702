import type { ChoiceShare, PanelCriterion, PanelFigure, PanelSummary } from '../storage/store.js';
import { alphaCell } from './alpha-text.js';
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
    const what = `${c.level}, ${fmtInt(c.outputs)} outputs × ${judgesText(gaveVerdicts(c))}`;
    rows.push([rows.length === 0 ? 'judge panel' : '', `${c.criterion}: ${c.aggregate} of ${judgesGaveVerdicts(c)}; inter-judge α ${alphaCell(c.alpha, what)}`]);
    rows.push(['', `  ${'panel'.padEnd(width)}  ${figureText(c.panel)}`]);
    for (const m of c.members) {
      const failed = m.failed > 0 ? ` (${fmtInt(m.failed)} failed calls)` : '';
      const unscored = m.unscored > 0 ? `, ${fmtInt(m.unscored)} unscored${failed}` : '';
      rows.push(['', `  ${m.judge.padEnd(width)}  ${figureText(m)}${unscored}`]);
    }
  }
  return rows;
}

/** "3 judges", or "2 of 3 judges gave verdicts" when a judge gave none on the criterion (its calls failed). */
export function judgesGaveVerdicts(c: Pick<PanelCriterion, 'members'>): string {
  const gave = gaveVerdicts(c);
  return gave === c.members.length ? judgesText(gave) : `${gave} of ${c.members.length} judges gave verdicts`;
}

/** The judges with a verdict on some output (the raters alpha has). */
export function gaveVerdicts(c: Pick<PanelCriterion, 'members'>): number {
  return c.members.filter((m) => m.n > 0).length;
}

/** "4.33 [3.72, 4.69], n=12", or for a nominal criterion "yes 60% [23%, 88%] · no 40% [12%, 77%], n=5". */
export function figureText(f: PanelFigure): string {
  if (!f.choices) return `${fmtMeanValue(f.mean)}${fmtCi(f)}`;
  if (f.choices.length === 0) return `–, n=0`;
  return `${f.choices.map(shareText).join(' · ')}, n=${fmtInt(f.n)}`;
}

/** "yes 60% [23%, 88%]": a choice's share with its 95% interval. */
export function shareText(c: ChoiceShare): string {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return `${c.choice} ${pct(c.share)} [${pct(c.ci95[0])}, ${pct(c.ci95[1])}]`;
}

/** "1 judge", "3 judges". */
export function judgesText(n: number): string {
  return `${fmtInt(n)} ${n === 1 ? 'judge' : 'judges'}`;
}
