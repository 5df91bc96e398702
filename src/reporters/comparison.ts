import type { CaseChange, Comparison, CriterionComparison, FigureSet, PassRateComparison, SliceComparison, Verdict } from '../runner/compare.js';
import type { PairedDiff } from '../stats/paired-bootstrap.js';
import type { MeanInterval } from '../stats/mean-ci.js';
import type { RateFigure } from '../runner/run-figures.js';
import { fmtInt } from './format.js';

/** `juror compare` as text: the verdict per figure first, then the evidence, then the flips. */
export function formatComparison(c: Comparison): string {
  const out: string[] = [];
  const suite = c.suite.baseline === c.suite.candidate ? `suite ${c.suite.baseline}` : `suites ${c.suite.baseline} / ${c.suite.candidate}`;
  out.push(`compare ${c.baseline} (baseline) → ${c.candidate} (candidate): ${suite}, ${fmtInt(c.paired)} paired cases, alpha ${c.alpha}\n`);
  if (c.reduce) {
    const how = c.reduce.baseline === c.reduce.candidate ? c.reduce.baseline : `${c.reduce.baseline} / ${c.reduce.candidate}`;
    out.push(`  ${c.repeats} repeats per case: each case's repeats reduced to one verdict (${how}) and mean scores; a pair is a case\n`);
  }
  if (c.unpaired.baseline_only || c.unpaired.candidate_only) {
    out.push(`  left out (no partner): ${c.unpaired.baseline_only} only in the baseline, ${c.unpaired.candidate_only} only in the candidate\n`);
  }
  out.push('\n', ...passRateBlock(c.pass_rate), '\n');
  if (c.criteria.length) out.push(...criteriaBlock(c));
  for (const group of groupSlices(c.slices)) out.push('\n', ...sliceBlock(group));
  out.push(...changesBlock(c.changes));
  out.push(`\nverdict: ${c.verdict}${verdictWhy(c)}\n`);
  return out.join('');
}

/** "worse (p = 0.012)", "better (p = 0.003)", "no significant difference (p = 0.41)". */
export function verdictText(verdict: Verdict, p: number | null): string {
  return p === null ? verdict : `${verdict} (p = ${fmtP(p)})`;
}

export function fmtP(p: number): string {
  if (p < 0.001) return '< 0.001';
  return p < 0.01 ? p.toFixed(4).replace(/0+$/, '') : p.toFixed(3);
}

export function fmtRate(r: RateFigure): string {
  if (r.value === null) return `– (${r.reason})`;
  return `${pct(r.value)} [${pct(r.ci95[0])}, ${pct(r.ci95[1])}] n=${fmtInt(r.n)}`;
}

export function fmtMean(m: MeanInterval): string {
  if (m.value === null) return `– (${m.reason})`;
  const ci = m.ci95 === null ? '[no interval]' : `[${m.ci95[0].toFixed(2)}, ${m.ci95[1].toFixed(2)}]`;
  return `${m.value.toFixed(2)} ${ci} n=${fmtInt(m.n)}`;
}

function fmtDiff(d: PairedDiff, scale: 'pts' | 'score'): string {
  if (d.value === null) return `– (${d.reason})`;
  const f = (x: number) => (scale === 'pts' ? signed(x * 100, 1) : signed(x, 2));
  const ci = d.ci95 === null ? '[no interval]' : `[${f(d.ci95[0])}, ${f(d.ci95[1])}]`;
  return `${f(d.value)}${scale === 'pts' ? ' pts' : ''} ${ci}`;
}

function passRateBlock(p: PassRateComparison): string[] {
  const m = p.mcnemar;
  const resamples = p.diff.value === null ? '' : ` (paired bootstrap, ${fmtInt(p.diff.resamples)} resamples, seed ${p.diff.seed})`;
  return [
    `pass rate: ${verdictText(p.verdict, m.b + m.c ? m.p_value : null)}\n`,
    `  baseline    ${fmtRate(p.baseline)}\n`,
    `  candidate   ${fmtRate(p.candidate)}\n`,
    `  difference  ${fmtDiff(p.diff, 'pts')}${resamples}\n`,
    `  McNemar     ${m.b} passed → not passed, ${m.c} not passed → passed: exact p = ${m.p_value < 0.001 ? m.p_value.toExponential(2) : m.p_value.toPrecision(3)}\n`,
  ];
}

function criteriaBlock(c: FigureSet): string[] {
  const gating = c.criteria.some((k) => k.gating);
  const out = [`criteria (Wilcoxon signed-rank, Holm-adjusted across ${c.criteria.length}${gating ? '; * = gating, from the suite\'s pass: rules' : ''}):\n`];
  const width = Math.max(...c.criteria.map((k) => k.criterion.length + (k.gating ? 1 : 0)));
  for (const k of c.criteria) out.push(`  ${`${k.criterion}${k.gating ? '*' : ''}`.padEnd(width)}  ${verdictText(k.verdict, k.test.p_holm)}\n`, ...criterionLines(k));
  return out;
}

function criterionLines(k: CriterionComparison): string[] {
  return [
    `      ${fmtMean(k.baseline)} → ${fmtMean(k.candidate)}; difference ${fmtDiff(k.diff, 'score')}\n`,
    `      ${k.wins} better, ${k.ties} same, ${k.losses} worse${k.test.p_value === null ? `; no test: ${k.test.reason}` : `; p = ${fmtP(k.test.p_value)} before Holm`}\n`,
  ];
}

function groupSlices(slices: readonly SliceComparison[]): SliceComparison[][] {
  const by = new Map<string, SliceComparison[]>();
  for (const s of slices) by.set(s.by, [...(by.get(s.by) ?? []), s]);
  return [...by.values()];
}

function sliceBlock(group: SliceComparison[]): string[] {
  const width = Math.max(...group.map((s) => s.value.length));
  const out = [`by ${group[0]!.by} (slices sum to the whole; "small" = fewer than 10 pairs, read with care):\n`];
  for (const s of group) {
    const p = s.pass_rate;
    const rates = p.baseline.value === null || p.candidate.value === null ? '–' : `${pct(p.baseline.value)} → ${pct(p.candidate.value)}`;
    const verdict = verdictText(p.verdict, p.mcnemar.b + p.mcnemar.c ? p.mcnemar.p_value : null);
    out.push(`  ${s.value.padEnd(width)}  ${String(s.paired).padStart(5)} pairs${s.small ? ' (small)' : '        '}  ${rates}  ${fmtDiff(p.diff, 'pts')}  ${verdict}\n`);
    for (const k of s.criteria.filter((x) => x.verdict !== 'no significant difference')) {
      out.push(`  ${''.padEnd(width)}    ${k.criterion}: ${verdictText(k.verdict, k.test.p_holm)}\n`);
    }
  }
  return out;
}

function changesBlock(changes: readonly CaseChange[]): string[] {
  if (!changes.length) return [];
  const title = (ch: CaseChange) =>
    ch.baseline === 'passed' ? 'Regressions (passed in the baseline, not in the candidate)' : ch.candidate === 'passed' ? 'Fixes (not passed in the baseline, passed in the candidate)' : 'Other status changes';
  const out: string[] = [];
  let current = '';
  let shown = 0;
  for (const ch of changes) {
    if (title(ch) !== current) {
      if (shown > MAX_LISTED) out.push(`  … and ${shown - MAX_LISTED} more (all of them in --json)\n`);
      current = title(ch);
      shown = 0;
      out.push(`\n${current}:\n`);
    }
    if (++shown > MAX_LISTED) continue;
    const passes = ch.repeats_passed ? ` (repeats passed ${ch.repeats_passed.baseline} → ${ch.repeats_passed.candidate})` : '';
    out.push(`  ${ch.case_id}${ch.repeat ? ` #${ch.repeat + 1}` : ''}: ${ch.baseline} → ${ch.candidate}${passes}\n`);
    for (const r of ch.reasons) out.push(`      ${r.replace(/\s+/g, ' ').slice(0, 200)}\n`);
  }
  if (shown > MAX_LISTED) out.push(`  … and ${shown - MAX_LISTED} more (all of them in --json)\n`);
  return out;
}

/** Flipped cases listed per group on the console; --json has every one. */
const MAX_LISTED = 25;

function verdictWhy(c: Comparison): string {
  const worse = [c.pass_rate.verdict === 'worse' ? 'the pass rate' : null, ...c.criteria.filter((k) => k.gating && k.verdict === 'worse').map((k) => k.criterion)].filter(Boolean);
  if (c.verdict === 'worse') return ` — significantly worse on ${worse.join(', ')}`;
  if (c.verdict === 'better') return ' — significantly better, nothing gating is worse';
  const drop = c.pass_rate.mcnemar.b > c.pass_rate.mcnemar.c;
  return drop ? ` — the pass rate dropped (${c.pass_rate.mcnemar.b} vs ${c.pass_rate.mcnemar.c} flips), but not significantly (p = ${fmtP(c.pass_rate.mcnemar.p_value)})` : '';
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function signed(x: number, digits: number): string {
  const r = Number(x.toFixed(digits));
  return `${r > 0 ? '+' : r < 0 ? '−' : ''}${Math.abs(r).toFixed(digits)}`;
}
