import type { RunReport } from '../runner/run-report.js';
import { matrixGrid } from '../runner/matrix-grid.js';
import { wilsonInterval } from '../stats/wilson.js';
import { fmtCost, fmtInt, fmtMs, fmtNum } from './format.js';
import { escapeXml as esc } from './xml.js';

/**
 * The "Columns" section of a matrix run's report: each (prompt, provider) column side by side
 * (pass rate with its Wilson 95% CI, mean per criterion, cost, tokens, latency p50/p95), then the
 * per-case grid with the rows where the columns disagree marked.
 */
export function matrixSection(report: RunReport): string {
  const columns = report.summary?.columns;
  if (!columns) return '';
  const criteria = [...new Set(columns.flatMap((c) => Object.keys(c.summary.meanByCriterion)))].sort();
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const head = `<tr><th></th>${columns.map((c, i) => `<th class="num" title="${esc(`${c.provider} × ${c.prompt}`)}">${i + 1}. ${esc(c.provider)}<br><small>${esc(c.prompt)}</small></th>`).join('')}</tr>`;
  const row = (label: string, cells: string[]) => `<tr><th>${esc(label)}</th>${cells.map((v) => `<td class="num">${esc(v)}</td>`).join('')}</tr>`;
  const rates = columns.map((c) => wilsonInterval(c.summary.passed, c.summary.total));
  const figures = [
    row('pass rate', rates.map((r) => (r.value === null ? '–' : pct(r.value)))),
    row('95% CI (Wilson)', rates.map((r) => (r.value === null ? '–' : `[${pct(r.ci95[0])}, ${pct(r.ci95[1])}]`))),
    row('cases', columns.map((c) => fmtInt(c.summary.total))),
    ...criteria.map((k) => row(`mean ${k}`, columns.map((c) => fmtNum(c.summary.meanByCriterion[k], 3)))),
    row('est. cost', columns.map((c) => fmtCost(c.summary.costUsd))),
    row('tokens in / out', columns.map((c) => `${fmtInt(c.summary.usage.inputTokens)} / ${fmtInt(c.summary.usage.outputTokens)}`)),
    row('latency p50 / p95', columns.map((c) => `${fmtMs(c.summary.latencyP50Ms)} / ${fmtMs(c.summary.latencyP95Ms)}`)),
  ];
  const grid = matrixGrid(report.cases, columns.length);
  const split = grid.filter((r) => r.disagree).length;
  const cell = (s: string | null) => (s === null ? '<td>–</td>' : `<td class="st st-${esc(s)}">${esc(s)}</td>`);
  return `<section id="columns">
<h2>Columns: ${columns.length} (provider × prompt), side by side</h2>
<table class="columns">
<thead>${head}</thead>
<tbody>
${figures.join('\n')}
</tbody>
</table>
<h3>Per case (${fmtInt(split)} of ${fmtInt(grid.length)} where the columns disagree, marked)</h3>
<table class="grid-cases">
<thead><tr><th>case</th>${columns.map((_, i) => `<th>${i + 1}</th>`).join('')}</tr></thead>
<tbody>
${grid.map((r) => `<tr${r.disagree ? ' class="disagree"' : ''} data-case="${esc(r.caseId)}"><th>${r.disagree ? '≠ ' : ''}${esc(r.caseId)}${r.repeat > 0 ? ` #${r.repeat + 1}` : ''}</th>${r.statuses.map(cell).join('')}</tr>`).join('\n')}
</tbody>
</table>
<p class="note">Compare two columns with the paired statistics: <code>juror compare ${esc(report.run.id)}:1 ${esc(report.run.id)}:2</code>.</p>
</section>`;
}
