import type { CaseChange, Comparison, CriterionComparison, FigureSet, SliceComparison, Verdict } from '../runner/compare.js';
import type { CriterionBounds } from '../runner/criterion-bounds.js';
import type { CaseReport, RunReport } from '../runner/run-report.js';
import type { PairedDiff } from '../stats/paired-bootstrap.js';
import { fmtP } from './comparison.js';
import { fmtInt } from './format.js';
import { caseRows, casesSection, type CaseRow } from './html-cases.js';
import { type Figure, figureOf } from './html-model.js';
import { fmtCi, fmtRate, intervalChart } from './html.js';
import { htmlPage } from './html-page.js';
import { escapeXml as esc } from './xml.js';

/** What the page needs besides the comparison: both runs' cases (for the flips) and the criteria's ranges. */
export interface CompareHtmlInput {
  comparison: Comparison;
  baseline: RunReport;
  candidate: RunReport;
  /** Extra sections (the judge-corrected estimates), already escaped markup. */
  extra?: string | undefined;
}

/**
 * `juror compare BASE CAND --html FILE`: one self-contained file (no network when opened), built from
 * the same Comparison object as the console and --json output: both pass rates with their
 * intervals, a forest plot of the paired differences (one per scale, since a difference on 1–5 and
 * one on 0–1 share no axis), the verdict per criterion with Holm-adjusted p, the slices, and every
 * flipped case (regressions first), searchable and filterable. Every charted number is in a table.
 */
export function toCompareHtml(input: CompareHtmlInput): string {
  const { comparison: c, baseline, candidate } = input;
  const bounds = { ...baseline.bounds, ...candidate.bounds };
  const charts: unknown[] = [];
  const rows = flipRows(c.changes, baseline.cases, candidate.cases);
  const suite = c.suite.baseline === c.suite.candidate ? c.suite.baseline : `${c.suite.baseline} / ${c.suite.candidate}`;
  const body = `<main>
<header>
<h1>${esc(suite)}: compare</h1>
<p class="meta">baseline <code>${esc(c.baseline)}</code> → candidate <code>${esc(c.candidate)}</code> · ${fmtInt(c.paired)} paired cases${c.repeats > 1 ? ` (${c.repeats} repeats per case: intervals resample whole cases)` : ''} · alpha ${c.alpha}${unpairedNote(c)}</p>
</header>
<div class="cards">
<div class="card lead v-${verdictClass(c.verdict)}" id="verdict"><div class="k">verdict</div><div class="v">${esc(c.verdict)}</div><div class="ci">${esc(verdictWhy(c))}</div></div>
${passCards(c)}
</div>
${passRateSection(c, charts)}
${criteriaSection(c, bounds, charts)}
${slicesSection(c.slices, charts)}
${input.extra ?? ''}
${flipsSection(c, rows)}
</main>`;
  return htmlPage({ title: `juror · compare ${c.baseline} → ${c.candidate}`, body, data: { charts, cases: rows } });
}

function passCards(c: Comparison): string {
  const p = c.pass_rate;
  const card = (id: string, k: string, v: string, ci: string) => `<div class="card" id="${id}"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div><div class="ci">${esc(ci)}</div></div>`;
  const rate = (r: typeof p.baseline) => figureOf(r, r.n);
  const b = rate(p.baseline);
  const k = rate(p.candidate);
  return [
    card('pass-baseline', 'baseline pass rate', fmtRate(b.value), `${fmtCi(b, fmtRate)} · n = ${fmtInt(b.n)}`),
    card('pass-candidate', 'candidate pass rate', fmtRate(k.value), `${fmtCi(k, fmtRate)} · n = ${fmtInt(k.n)}`),
    card('pass-diff', 'difference (paired)', fmtPts(p.diff.value), diffCi(p.diff, fmtPoints)),
    card('mcnemar', 'McNemar exact p', mcnemarP(p.mcnemar.p_value), `${p.mcnemar.b} pass → not, ${p.mcnemar.c} not → pass`),
  ].join('\n');
}

function passRateSection(c: Comparison, charts: unknown[]): string {
  const p = c.pass_rate;
  const rows: Array<[string, Figure]> = [
    ['baseline', figureOf(p.baseline, p.baseline.n)],
    ['candidate', figureOf(p.candidate, p.candidate.n)],
  ];
  charts.push(intervalChart('chart-pass', rows.map(([k]) => k), rows.map(([, f]) => f), fmtRate, true));
  return `<section id="pass-rate">
<h2>Pass rate, with 95% intervals (Wilson): ${esc(p.mcnemar.b + p.mcnemar.c ? `${p.verdict} (McNemar p = ${mcnemarP(p.mcnemar.p_value)})` : p.verdict)}</h2>
<div class="chart tall"><canvas id="chart-pass" role="img" aria-label="pass rate of both runs with 95% intervals"></canvas></div>
<p class="note">The two intervals describe each run on its own; whether the candidate differs is read from the paired difference
(${esc(fmtPts(p.diff.value))} ${esc(diffCi(p.diff, fmtPoints))}, paired bootstrap${p.diff.value === null ? '' : `, ${fmtInt(p.diff.resamples)} resamples, seed ${p.diff.seed}`})
and McNemar's exact test on the ${p.mcnemar.b + p.mcnemar.c} cases that changed (p = ${esc(mcnemarP(p.mcnemar.p_value))}).</p>
</section>`;
}

function criteriaSection(c: FigureSet, bounds: CriterionBounds, charts: unknown[]): string {
  if (c.criteria.length === 0) return '';
  // One forest per range: differences on 0–1 (with the pass rate, in points) and on each rubric scale.
  const groups = new Map<string, { axis: string; percent: boolean; rows: Array<{ label: string; diff: PairedDiff; verdict: Verdict }> }>();
  const unit = { axis: 'candidate − baseline (0–1 scores; pass rate in points)', percent: false, rows: [{ label: 'pass rate', diff: c.pass_rate.diff, verdict: c.pass_rate.verdict }] };
  groups.set('0,1', unit);
  for (const k of c.criteria) {
    const b = bounds[k.criterion];
    const key = b ? `${b[0]},${b[1]}` : 'none';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { axis: b ? `candidate − baseline (scale ${b[0]}–${b[1]})` : 'candidate − baseline', percent: false, rows: [] }));
    g.rows.push({ label: `${k.criterion}${k.gating ? ' *' : ''}`, diff: k.diff, verdict: k.verdict });
  }
  const forests = [...groups.values()].map((g, i) => {
    const id = `chart-forest-${i}`;
    charts.push({
      canvas: id,
      kind: 'forest',
      labels: g.rows.map((r) => r.label),
      values: g.rows.map((r) => r.diff.value),
      lo: g.rows.map((r) => (r.diff.value !== null && r.diff.ci95 ? r.diff.ci95[0] : null)),
      hi: g.rows.map((r) => (r.diff.value !== null && r.diff.ci95 ? r.diff.ci95[1] : null)),
      verdicts: g.rows.map((r) => verdictClass(r.verdict)),
      tips: g.rows.map((r) => `${r.label}: ${fmtScore(r.diff.value)} ${diffCi(r.diff, fmtScore)} (${r.verdict})`),
      axis: g.axis,
    });
    return `<div class="figure"><h3>${esc(g.axis)}</h3><div class="chart tall"><canvas id="${id}" role="img" aria-label="forest plot: ${esc(g.axis)}, with 95% intervals"></canvas></div></div>`;
  });
  const gating = c.criteria.some((k) => k.gating);
  return `<section id="criteria">
<h2>Paired differences per criterion, with 95% intervals</h2>
<div class="forests">
${forests.join('\n')}
</div>
<p class="note">Each dot is the mean of candidate − baseline over the cases scored in both runs; the line is its 95% paired-bootstrap
interval and the dashed line is no difference. Green: significantly better, red: significantly worse (Holm-adjusted), grey: no significant difference.</p>
<table class="criteria">
<thead><tr><th>criterion</th><th class="num">baseline (95% CI)</th><th class="num">candidate (95% CI)</th><th class="num">difference (95% CI)</th><th class="num">better / same / worse</th><th class="num">p</th><th class="num">p (Holm)</th><th>verdict</th></tr></thead>
<tbody>
${c.criteria.map(criterionRow).join('\n')}
</tbody>
</table>
<p class="note">Wilcoxon signed-rank test on the paired differences; p-values Holm-adjusted across the ${c.criteria.length} criteria, and the verdict reads the adjusted p.${gating ? ' * = gating (named in the suite\'s <code>pass:</code> rules): a significant drop there makes the whole verdict "worse".' : ''} Means' intervals stay inside each criterion's range.</p>
</section>`;
}

function criterionRow(k: CriterionComparison): string {
  const mean = (m: CriterionComparison['baseline']) => (m.value === null ? esc(m.reason) : `${m.value.toFixed(2)} ${m.ci95 ? `[${m.ci95[0].toFixed(2)}, ${m.ci95[1].toFixed(2)}]` : '(no interval)'} n=${fmtInt(m.n)}`);
  const p = (x: number | null) => (x === null ? '–' : esc(fmtP(x)));
  return `<tr data-criterion="${esc(k.criterion)}"><th>${esc(k.criterion)}${k.gating ? ' *' : ''}</th><td class="num">${mean(k.baseline)}</td><td class="num">${mean(k.candidate)}</td><td class="num">${esc(fmtScore(k.diff.value))} ${esc(diffCi(k.diff, fmtScore))}</td><td class="num">${k.wins} / ${k.ties} / ${k.losses}</td><td class="num">${p(k.test.p_value)}</td><td class="num">${p(k.test.p_holm)}</td><td><span class="st v-${verdictClass(k.verdict)}" title="${esc(k.test.reason ?? '')}">${esc(k.verdict)}</span></td></tr>`;
}

function slicesSection(slices: readonly SliceComparison[], charts: unknown[]): string {
  if (slices.length === 0) return '';
  const by = [...new Set(slices.map((s) => s.by))];
  const parts = by.map((name, i) => {
    const group = slices.filter((s) => s.by === name);
    const id = `chart-slices-${i}`;
    charts.push({
      canvas: id,
      kind: 'forest',
      labels: group.map((s) => `${s.value}${s.small ? ' (small)' : ''}`),
      values: group.map((s) => s.pass_rate.diff.value),
      lo: group.map((s) => (s.pass_rate.diff.value !== null && s.pass_rate.diff.ci95 ? s.pass_rate.diff.ci95[0] : null)),
      hi: group.map((s) => (s.pass_rate.diff.value !== null && s.pass_rate.diff.ci95 ? s.pass_rate.diff.ci95[1] : null)),
      verdicts: group.map((s) => verdictClass(s.pass_rate.verdict)),
      tips: group.map((s) => `${s.value}: ${fmtPts(s.pass_rate.diff.value)} ${diffCi(s.pass_rate.diff, fmtPoints)}, ${s.paired} pairs`),
      axis: 'pass rate, candidate − baseline',
      percent: true,
    });
    const rows = group.map((s) => {
      const p = s.pass_rate;
      const flagged = s.criteria.filter((k) => k.verdict !== 'no significant difference').map((k) => `${k.criterion}: ${verdictWithP(k.verdict, k.test.p_holm)}`);
      return `<tr data-slice="${esc(s.value)}"><th>${esc(s.value)}${s.small ? ' <span class="small" title="fewer than 10 pairs: wide intervals">small</span>' : ''}</th><td class="num">${fmtInt(s.paired)}</td><td class="num">${esc(rateCell(p.baseline))}</td><td class="num">${esc(rateCell(p.candidate))}</td><td class="num">${esc(fmtPts(p.diff.value))} ${esc(diffCi(p.diff, fmtPoints))}</td><td class="num">${p.mcnemar.b} / ${p.mcnemar.c}</td><td><span class="st v-${verdictClass(p.verdict)}">${esc(verdictWithP(p.verdict, p.mcnemar.b + p.mcnemar.c ? p.mcnemar.p_value : null))}</span>${flagged.length ? `<div class="note">${esc(flagged.join('; '))}</div>` : ''}</td></tr>`;
    });
    return `<h3>by ${esc(name)}</h3>
<div class="chart tall"><canvas id="${id}" role="img" aria-label="pass rate difference per ${esc(name)} slice"></canvas></div>
<table class="slices">
<thead><tr><th>slice</th><th class="num">pairs</th><th class="num">baseline</th><th class="num">candidate</th><th class="num">difference (95% CI)</th><th class="num">pass → not / not → pass</th><th>pass rate verdict</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  });
  return `<section id="slices">
<h2>Slices</h2>
${parts.join('\n')}
<p class="note">Each case is in exactly one slice of a breakdown, so the slices add up to the whole. Slices are for finding where a change hurts:
each is a test of its own, and the verdict and the gate never look at them.</p>
</section>`;
}

function flipsSection(c: Comparison, rows: readonly CaseRow[]): string {
  const regress = c.changes.filter((x) => x.baseline === 'passed').length;
  const fixes = c.changes.filter((x) => x.baseline !== 'passed' && x.candidate === 'passed').length;
  const title = `Flipped cases: ${regress} regression${regress === 1 ? '' : 's'}, ${fixes} fix${fixes === 1 ? '' : 'es'}, ${c.changes.length - regress - fixes} other`;
  if (c.changes.length === 0) return `<section id="case-list"><h2>Flipped cases</h2><p class="note">No case changed status.</p></section>`;
  return casesSection(rows, [], {
    title,
    statuses: ['all', 'regression', 'fix', 'other'],
    columns: ['case', 'baseline → candidate', 'tags', 'candidate scores', 'candidate output', 'latency'],
  });
}

/** The flipped cases as the page's case table rows: the candidate's side, with the baseline's beside it in the detail. */
function flipRows(changes: readonly CaseChange[], baseline: readonly CaseReport[], candidate: readonly CaseReport[]): CaseRow[] {
  const key = (id: string, repeat: number) => `${id}\u0000${repeat}`;
  const base = new Map(baseline.map((c) => [key(c.caseId, c.repeat), c]));
  const cand = new Map(candidate.map((c) => [key(c.caseId, c.repeat), c]));
  const rows: CaseRow[] = [];
  for (const ch of changes) {
    const b = base.get(key(ch.case_id, ch.repeat));
    const k = cand.get(key(ch.case_id, ch.repeat));
    if (!b || !k) continue;
    const [row] = caseRows([k]);
    const [was] = caseRows([b]);
    const kind = ch.baseline === 'passed' ? 'regression' : ch.candidate === 'passed' ? 'fix' : 'other';
    rows.push({
      ...row!,
      status: kind,
      shownStatus: `${ch.baseline} → ${ch.candidate}${ch.repeats_passed ? ` (${ch.repeats_passed.baseline} → ${ch.repeats_passed.candidate} repeats passed)` : ''}`,
      baseline: { status: ch.baseline, output: was!.output, error: was!.error, scores: was!.scores },
      text: `${row!.text}\n${was!.output ?? ''}\n${was!.error ?? ''}\n${ch.reasons.join('\n')}`,
    });
  }
  return rows;
}

function unpairedNote(c: Comparison): string {
  const { baseline_only: b, candidate_only: k } = c.unpaired;
  return b || k ? ` · left out (no partner): ${b} only in the baseline, ${k} only in the candidate` : '';
}

function verdictWhy(c: Comparison): string {
  const worse = [c.pass_rate.verdict === 'worse' ? 'the pass rate' : null, ...c.criteria.filter((k) => k.gating && k.verdict === 'worse').map((k) => k.criterion)].filter(Boolean);
  if (c.verdict === 'worse') return `significantly worse on ${worse.join(', ')}`;
  if (c.verdict === 'better') return 'significantly better; nothing gating is worse';
  const m = c.pass_rate.mcnemar;
  return m.b > m.c ? `the pass rate dropped (${m.b} vs ${m.c} flips), not significantly` : 'on the pass rate and every gating criterion';
}

/** As the console prints it: three significant digits ("0.0118"). */
function mcnemarP(p: number): string {
  return p < 0.001 ? p.toExponential(2) : p.toPrecision(3);
}

function verdictClass(v: Verdict): 'better' | 'worse' | 'same' {
  return v === 'better' ? 'better' : v === 'worse' ? 'worse' : 'same';
}

function verdictWithP(v: Verdict, p: number | null): string {
  return p === null ? v : `${v} (p = ${fmtP(p)})`;
}

function rateCell(r: Comparison['pass_rate']['baseline']): string {
  const f = figureOf(r, r.n);
  return `${fmtRate(f.value)} ${fmtCi(f, fmtRate)}`;
}

function diffCi(d: PairedDiff, fmt: (x: number | null) => string): string {
  if (d.value === null) return d.reason;
  return d.ci95 === null ? '(no interval)' : `[${fmt(d.ci95[0])}, ${fmt(d.ci95[1])}]`;
}

/** A difference of proportions in percentage points: "−15.0 pts". */
function fmtPts(x: number | null): string {
  return x === null ? '–' : `${signed(100 * x, 1)} pts`;
}

/** Points without the unit, inside an interval: "[−26.3, −5.0]". */
function fmtPoints(x: number | null): string {
  return x === null ? '–' : signed(100 * x, 1);
}

function fmtScore(x: number | null): string {
  return x === null ? '–' : signed(x, 2);
}

function signed(x: number, digits: number): string {
  const r = Number(x.toFixed(digits));
  return `${r > 0 ? '+' : r < 0 ? '−' : ''}${Math.abs(r).toFixed(digits)}`;
}
