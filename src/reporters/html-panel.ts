import type { PanelFigure, PanelSummary } from '../storage/store.js';
import { alphaCell } from './alpha-text.js';
import { fmtInt, fmtNum } from './format.js';
import { gaveVerdicts, judgesGaveVerdicts, judgesText, shareText } from './panel-text.js';
import { escapeXml as esc } from './xml.js';

/**
 * The "Judge panel" section of a run report: per criterion, the panel's mean and each judge's own
 * with their 95% intervals, and the judges' agreement with each other (Krippendorff's alpha).
 */
export function panelSection(p: PanelSummary): string {
  const mean = (f: PanelFigure) =>
    f.choices ? (f.choices.length ? f.choices.map(shareText).join(' · ') : '–') : f.mean === null ? '–' : `${fmtNum(f.mean, 2)}${f.ci95 ? ` [${fmtNum(f.ci95[0], 2)}, ${fmtNum(f.ci95[1], 2)}]` : ''}`;
  const tables = p.criteria.map((c) => {
    const what = `${c.level}, ${fmtInt(c.outputs)} outputs × ${judgesText(gaveVerdicts(c))}`;
    return `<h3>${esc(c.criterion)}</h3>
<p class="note">score = the <b>${esc(c.aggregate)}</b> of the verdicts of ${esc(judgesGaveVerdicts(c))} · inter-judge α <span class="panel-alpha">${esc(alphaCell(c.alpha, what))}</span></p>
<table class="panel" data-criterion="${esc(c.criterion)}">
<thead><tr><th>judge</th><th class="num">${c.level === 'nominal' ? 'share of each choice [95% CI]' : 'mean [95% CI]'}</th><th class="num">n</th><th class="num">unscored</th></tr></thead>
<tbody>
<tr class="panel-aggregate"><th>panel (${esc(c.aggregate)})</th><td class="num">${esc(mean(c.panel))}</td><td class="num">${fmtInt(c.panel.n)}</td><td class="num"></td></tr>
${c.members.map((m) => `<tr data-judge="${esc(m.judge)}"><th><code>${esc(m.judge)}</code></th><td class="num">${esc(mean(m))}</td><td class="num">${fmtInt(m.n)}</td><td class="num">${fmtInt(m.unscored)}</td></tr>`).join('\n')}
</tbody>
</table>`;
  });
  return `<section id="panel">
<h2>Judge panel: ${p.judges.length} judges</h2>
<p class="note">Every output was scored by each judge (${p.judges.map((j) => `<code>${esc(j)}</code>`).join(', ')}); the criterion's score is the panel's aggregate. Krippendorff's alpha takes the outputs as units and the judges as raters (1 = the judges always agree; 95% CI after Gwet).</p>
${tables.join('\n')}
</section>`;
}
