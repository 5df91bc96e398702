import type { RunReport } from '../runner/run-report.js';
import { fmtCost, fmtInt, fmtMs, fmtNum } from './format.js';
import { caseRows, casesSection } from './html-cases.js';
import { errorsSection } from './html-errors.js';
import { type Figure, criterionViews, passFigure, sliceViews } from './html-model.js';
import { correctedTable, judgeHumanSection, type JudgeHumanData } from './html-judge-human.js';
import { htmlPage } from './html-page.js';
import type { CorrectedReport } from '../calibration/corrected-estimate.js';
import { repeatsSection } from './html-repeats.js';
import { matrixSection } from './html-matrix.js';
import { panelSection } from './html-panel.js';
import { escapeXml as esc } from './xml.js';

/**
 * `juror run --html FILE`: one self-contained file (no network when opened) with the pass rate
 * and its 95% interval, the pass rate per tag, the distribution of every criterion, and every
 * case, searchable and filterable. Every number shown in a chart is also printed in a table.
 */
export function toHtml(report: RunReport, extra: { judgeHuman?: JudgeHumanData; calibrated?: CorrectedReport } = {}): string {
  const { run, summary: s, cases } = report;
  const pass = passFigure(cases);
  const criteria = criterionViews(cases, report.bounds);
  const slices = sliceViews(cases);
  const cards: Array<[string, string]> = [
    ['failed', fmtInt(cases.filter((c) => c.status === 'failed').length)],
    ['errored', fmtInt(cases.filter((c) => c.status === 'errored').length)],
    ['unscored', fmtInt(cases.filter((c) => c.status === 'unscored').length)],
  ];
  if (s) {
    cards.push(
      ['latency p50 / p95', `${fmtMs(s.latencyP50Ms)} / ${fmtMs(s.latencyP95Ms)}`],
      ['tokens in / out', `${fmtInt(s.usage.inputTokens + s.judgeUsage.inputTokens)} / ${fmtInt(s.usage.outputTokens + s.judgeUsage.outputTokens)}`],
      ['est. cost', fmtCost(s.costUsd)],
      ['cached calls', fmtInt(s.cachedCalls)],
      ['retries', fmtInt(s.retries)],
    );
  }
  const charts: unknown[] = [];
  const body = `<main>
<header>
<h1>${esc(run.suiteName)}</h1>
<p class="meta">run <code>${esc(run.id)}</code> · ${esc(run.kind)} · <span class="st st-${esc(run.status)}">${esc(run.status)}</span>
 · provider <code>${esc(run.provider)}</code>${run.judge ? ` · judge <code>${esc(run.judge)}</code>` : ''}
 · started ${esc(run.startedAt)}${run.gitCommit ? ` · commit <code>${esc(run.gitCommit.slice(0, 12))}</code>` : ''}</p>
</header>
<div class="cards">
<div class="card lead" id="pass-rate"><div class="k">pass rate (95% CI, Wilson)</div><div class="v">${esc(fmtRate(pass.value))}</div><div class="ci">${esc(fmtCi(pass, fmtRate))} · ${fmtInt(pass.passed)} of ${fmtInt(pass.n)} passed</div></div>
${cards.map(([k, v]) => `<div class="card"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div></div>`).join('\n')}
</div>
${errorsSection(s?.errors ?? [], s?.notRun ?? 0)}
${matrixSection(report)}
${slicesSection(pass, slices, charts)}
${s?.reduced ? repeatsSection(s.reduced, charts) : ''}
${criteriaSection(criteria, charts)}
${s?.panel ? panelSection(s.panel) : ''}
${humanSection(extra, charts)}
${casesSection(cases, s?.reduced ? ['unstable'] : [])}
</main>`;
  const unstable = new Set(s?.reduced?.unstable ?? []);
  const rows = caseRows(cases).map((row, i) => (unstable.has(cases[i]!.caseId) ? { ...row, unstable: true } : row));
  return htmlPage({ title: `juror · ${run.suiteName} · ${run.id}`, body, data: { charts, cases: rows } });
}

function slicesSection(pass: ReturnType<typeof passFigure>, slices: ReturnType<typeof sliceViews>, charts: unknown[]): string {
  const rows = [{ value: 'all cases', pass, small: false }, ...slices];
  charts.push(intervalChart('chart-slices', rows.map((r) => r.value), rows.map((r) => r.pass), fmtRate, true));
  return `<section id="slices">
<h2>Pass rate by tag, with 95% intervals</h2>
<div class="chart tall"><canvas id="chart-slices" role="img" aria-label="pass rate per tag with 95% intervals"></canvas></div>
<table class="slices">
<thead><tr><th>slice</th><th class="num">cases</th><th class="num">passed</th><th class="num">pass rate</th><th class="num">95% CI</th></tr></thead>
<tbody>
${rows.map((r) => `<tr data-slice="${esc(r.value)}"><th>${esc(r.value)}${r.small ? ' <span class="small" title="fewer than 10 cases: a wide interval">small</span>' : ''}</th><td class="num">${fmtInt(r.pass.n)}</td><td class="num">${fmtInt(r.pass.passed)}</td><td class="num">${esc(fmtRate(r.pass.value))}</td><td class="num">${esc(fmtCi(r.pass, fmtRate))}</td></tr>`).join('\n')}
</tbody>
</table>
<p class="note">A case with several tags counts in each of its slices. Errored and unscored cases count as not passed.</p>
</section>`;
}

function criteriaSection(criteria: ReturnType<typeof criterionViews>, charts: unknown[]): string {
  if (criteria.length === 0) return '';
  const figures = criteria.map((c, i) => {
    const id = `chart-crit-${i}`;
    charts.push({
      canvas: id,
      kind: 'bars',
      labels: c.bins.map((b) => b.label),
      values: c.bins.map((b) => b.count),
      tips: c.bins.map((b) => `${b.count} case${b.count === 1 ? '' : 's'} at ${b.label}`),
      axis: 'score',
    });
    return `<div class="figure" data-criterion="${esc(c.criterion)}"><h3>${esc(c.criterion)}</h3><div class="chart"><canvas id="${id}" role="img" aria-label="distribution of ${esc(c.criterion)}"></canvas></div></div>`;
  });
  return `<section id="criteria">
<h2>Scores per criterion</h2>
<table class="criteria">
<thead><tr><th>criterion</th><th class="num">scored</th><th class="num">mean</th><th class="num">95% CI</th><th class="num">unscored</th></tr></thead>
<tbody>
${criteria.map((c) => `<tr data-criterion="${esc(c.criterion)}"><th>${esc(c.criterion)}</th><td class="num">${fmtInt(c.mean.n)}</td><td class="num">${esc(fmtNum(c.mean.value, 3))}</td><td class="num">${esc(fmtCi(c.mean, (x) => fmtNum(x, 3)))}</td><td class="num">${fmtInt(c.unscored)}</td></tr>`).join('\n')}
</tbody>
</table>
<div class="grid">
${figures.join('\n')}
</div>
</section>`;
}

/** Judge vs human when a review over the run has labels; else the corrected estimates alone, if asked for. */
function humanSection(extra: { judgeHuman?: JudgeHumanData; calibrated?: CorrectedReport }, charts: unknown[]): string {
  if (extra.judgeHuman) return judgeHumanSection(extra.judgeHuman, charts);
  return extra.calibrated ? `<section id="corrected">\n<h2>Judge-corrected estimates</h2>\n${correctedTable(extra.calibrated)}\n</section>` : '';
}

/** A horizontal chart of values with their interval whiskers (pass rates, means). */
export function intervalChart(canvas: string, labels: string[], figures: Figure[], fmt: (x: number | null) => string, percent: boolean): unknown {
  return {
    canvas,
    kind: 'interval',
    labels,
    values: figures.map((f) => f.value),
    lo: figures.map((f) => f.lo),
    hi: figures.map((f) => f.hi),
    tips: figures.map((f) => `${fmt(f.value)} ${fmtCi(f, fmt)}, n = ${f.n}`),
    percent,
  };
}

export function fmtRate(x: number | null): string {
  return x === null ? '–' : `${(100 * x).toFixed(1)}%`;
}

/** "[47.0%, 75.8%]", or why there is no interval. */
export function fmtCi(f: Figure, fmt: (x: number | null) => string): string {
  if (f.value === null) return f.reason ?? '–';
  if (f.lo === null || f.hi === null) return `n = ${f.n}: no interval`;
  return `[${fmt(f.lo)}, ${fmt(f.hi)}]`;
}

