import type { CalStat } from '../calibration/pair-stats.js';
import type { CriterionCalibration } from '../calibration/compute.js';
import type { CorrectedEntry, CorrectedReport } from '../calibration/corrected-estimate.js';
import { calibrationReading } from '../calibration/format.js';
import { fmtInt } from './format.js';
import { escapeXml as esc } from './xml.js';

/**
 * Judge vs human in the run report: what the cli gathered from a review over the run (the
 * calibration figures of src/calibration for this run's judge, and the judge-corrected estimates
 * when the review is a uniform sample). Nothing here reads the store.
 */
export interface JudgeHumanData {
  review: string;
  /** computeCalibration(...).criteria with this run as the only judge. */
  criteria: CriterionCalibration[];
  /** The corrected estimates, or why there are none (the review is not a uniform sample, ...). */
  corrected: CorrectedReport | { reason: string };
}

export function judgeHumanSection(d: JudgeHumanData, charts: unknown[]): string {
  const rows = d.criteria.flatMap((c) => c.judges.slice(0, 1).map((j) => ({ c, j })));
  const labels: string[] = [];
  const values: Array<number | null> = [];
  const lo: Array<number | null> = [];
  const hi: Array<number | null> = [];
  const verdicts: string[] = [];
  const tips: string[] = [];
  for (const { c, j } of rows) {
    labels.push(`${c.criterion}: judge`);
    values.push(j.kappa.value);
    lo.push(j.kappa.value !== null ? (j.kappa.ci95?.[0] ?? null) : null);
    hi.push(j.kappa.value !== null ? (j.kappa.ci95?.[1] ?? null) : null);
    verdicts.push('judge');
    tips.push(`judge vs the humans' consensus: kappa ${stat(j.kappa)} on ${j.scored} items`);
    const range = c.human_ceiling.range.kappa;
    labels.push(`${c.criterion}: humans`);
    values.push(range ? (range[0] + range[1]) / 2 : null);
    lo.push(range ? range[0] : null);
    hi.push(range ? range[1] : null);
    verdicts.push('same');
    tips.push(range ? `humans, each against the others: kappa ${range[0].toFixed(2)} to ${range[1].toFixed(2)}` : 'no item with two or more humans');
  }
  if (rows.length) charts.push({ canvas: 'chart-judge-human', kind: 'forest', labels, values, lo, hi, verdicts, tips, axis: "Cohen's kappa (0 = chance agreement, 1 = perfect)" });
  const table = rows.map(({ c, j }) => {
    const range = c.human_ceiling.range.kappa;
    const v = j.human_range;
    return `<tr data-criterion="${esc(c.criterion)}"><th>${esc(c.criterion)}</th><td class="num">${fmtInt(c.items)}</td><td class="num">${fmtInt(j.scored)}</td><td class="num">${esc(stat(j.kappa))}</td><td class="num">${esc(range ? `${range[0].toFixed(2)} to ${range[1].toFixed(2)}` : '–')}</td><td class="num">${esc(stat(j.exact, true))}</td><td class="num">${esc(stat(j.spearman))}</td><td class="num">${esc(stat(j.bias))}</td><td>${esc(v.verdict ?? '–')}</td></tr>`;
  });
  const readings = d.criteria.flatMap((c) => calibrationReading(c));
  return `<section id="judge-human">
<h2>Judge vs human (review <code>${esc(d.review)}</code>)</h2>
${rows.length ? `<div class="chart tall"><canvas id="chart-judge-human" role="img" aria-label="judge-human kappa per criterion with 95% intervals, beside the humans' range"></canvas></div>` : ''}
<table class="judge-human">
<thead><tr><th>criterion</th><th class="num">reviewed</th><th class="num">judged</th><th class="num">kappa (95% CI)</th><th class="num">humans' kappa</th><th class="num">exact agreement</th><th class="num">Spearman</th><th class="num">bias (judge − human)</th><th>against the humans</th></tr></thead>
<tbody>
${table.join('\n')}
</tbody>
</table>
<p class="note">The judge against the humans' consensus on the reviewed outputs, beside each human against the others (the human range),
as <code>juror calibrate --review ${esc(d.review)}</code> computes them. ${rows[0] ? `Kappa weights: ${esc(rows[0].c.kappa_weights)} for ordinal scales.` : ''}</p>
<ul class="readings">${readings.map((r) => `<li>${esc(r.trim())}</li>`).join('')}</ul>
${'reason' in d.corrected ? `<p class="note" id="corrected-none">No judge-corrected estimate: ${esc(d.corrected.reason)}</p>` : correctedTable(d.corrected)}
</section>`;
}

/** The judge-corrected estimates of a run as a table (also used by the compare report). */
export function correctedTable(r: CorrectedReport, title?: string): string {
  const s = r.sampling;
  const how = s.method === 'all' ? 'every output' : `a uniform random sample (seed ${s.seed})`;
  const row = (e: CorrectedEntry) => {
    const j = e.judge;
    const c = e.corrected;
    return `<tr data-corrected="${esc(e.name)}"><th>${esc(e.name)}</th><td class="num">${j.value === null ? esc(j.reason) : `${fmt(e, j.value)} ${ci(e, j.ci95)}`}</td><td class="num">${c.value === null ? esc(c.reason) : `${fmt(e, c.value)} ${ci(e, c.ci95)}`}</td><td class="num">${c.value === null ? '–' : fmtInt(c.labelled)}</td></tr>`;
  };
  return `<div class="corrected" data-run="${esc(r.run)}">
<h3>${esc(title ?? 'Corrected by the human labels')} (review <code>${esc(r.review)}</code>: ${fmtInt(s.sampled)} of ${fmtInt(s.population)} outputs, ${esc(how)})</h3>
<table>
<thead><tr><th>figure</th><th class="num">judge says (95% CI)</th><th class="num">corrected (95% CI)</th><th class="num">human labels</th></tr></thead>
<tbody>
${[r.pass_rate, ...r.criteria].map(row).join('\n')}
</tbody>
</table>
<p class="note">Prediction-powered inference (PPI++): the judge's figure over every output, corrected by the judge's measured error on the human-labelled sample.</p>
</div>`;
}

function stat(s: CalStat, percent = false): string {
  if (s.value === null) return `– (${s.reason})`;
  const f = (x: number) => (percent ? `${(100 * x).toFixed(1)}%` : x.toFixed(2));
  return `${f(s.value)}${s.ci95 ? ` [${f(s.ci95[0])}, ${f(s.ci95[1])}]` : ''}`;
}

function fmt(e: CorrectedEntry, v: number): string {
  return e.kind === 'proportion' ? `${(100 * v).toFixed(1)}%` : v.toFixed(2);
}

function ci(e: CorrectedEntry, c: [number, number] | undefined): string {
  return c ? `[${fmt(e, c[0])}, ${fmt(e, c[1])}]` : '';
}
