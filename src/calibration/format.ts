import { num, reading, table } from '../agreement/format.js';
import type { CalibrationReport, CriterionCalibration } from './compute.js';
import type { CalStat } from './pair-stats.js';
import { retestCell } from '../reporters/alpha-text.js';

/** The human `juror calibrate` output: per criterion the human ceiling, then the judges; then the ranking. */

function cell(s: CalStat, digits = 2): string {
  return s.value === null ? '—' : num(s.value, digits);
}

function withCi(s: CalStat): string {
  if (s.value === null) return '—';
  return s.ci95 ? `${num(s.value, 2)} [${num(s.ci95[0], 2)}, ${num(s.ci95[1], 2)}]` : num(s.value, 2);
}

export function formatCalibration(r: CalibrationReport): string {
  const out = [
    `review ${r.review}: bootstrap ${r.resamples} resamples, seed ${r.seed}`,
    `consensus: ${r.consensus}`,
    '',
  ];
  for (const c of r.criteria) out.push(formatCriterion(c), '');
  out.push('ranking (mean kappa against the human consensus):');
  const rows = [['#', 'judge', 'spec', 'mean kappa', 'criteria', 'vs human range']];
  for (const e of r.ranking) {
    rows.push([
      String(e.rank),
      e.judge,
      e.spec ?? '',
      num(e.mean_kappa, 3),
      String(e.criteria),
      `${e.within_human_range} within, ${e.above_human_range} above, ${e.below_human_range} below`,
    ]);
  }
  out.push(table(rows));
  out.push('', 'reading for a team lead:');
  for (const c of r.criteria) for (const line of calibrationReading(c)) out.push(`  ${line}`);
  return out.join('\n') + '\n';
}

/**
 * Plain words per criterion: how well the humans agree with each other, then for each judge where
 * it stands against them and what that means for using it.
 */
export function calibrationReading(c: CriterionCalibration): string[] {
  const range = c.human_ceiling.range.kappa;
  let humans: string;
  if (!range) humans = 'the humans cannot be compared with each other (each item needs two or more humans)';
  else {
    const [lo, hi] = [reading(range[0]), reading(range[1])];
    const how = (band: string) => (band === 'poor' ? 'no better than chance' : band === 'almost perfect' ? 'almost perfectly' : `${band}ly`);
    const span = lo === hi ? how(lo) : `${how(lo)} to ${how(hi)}`;
    humans = `humans agree ${span} (kappa ${num(range[0], 2)}..${num(range[1], 2)}, each against the others)`;
    if (range[1] <= 0.4) humans += '; with people this inconsistent, sharpen the rubric before judging the judge';
    const sorted = c.human_ceiling.raters.filter((h) => h.kappa.value !== null).sort((a, b) => a.kappa.value! - b.kappa.value!);
    if (sorted.length >= 3 && sorted[1]!.kappa.value! - sorted[0]!.kappa.value! > 0.3) {
      humans += `; ${sorted[0]!.rater} is far below the other humans: look at their labels (retrain, or leave them out) before trusting the range`;
    }
  }
  const lines = [`${c.criterion}: ${humans}.`];
  for (const j of c.judges) {
    const name = judgeName(j);
    const v = j.human_range;
    const k = v.verdict === null ? '' : ` (kappa ${withCi(j.kappa)} on ${j.scored} items)`;
    const what =
      v.verdict === 'below' ? 'is below the human range: do not trust it there yet'
      : v.verdict === 'within' ? 'is within the human range: it agrees with people about as well as they agree with each other'
      : v.verdict === 'above' ? 'is above the human range: at least as close to the pooled humans as one human is to the others'
      : `cannot be placed against the humans: ${'reason' in v ? v.reason : ''}`;
    const gaps = j.unscored + j.missing > 0 ? `; it gave no usable score on ${j.unscored + j.missing} of ${j.items} items` : '';
    lines.push(`  judge ${name}${k} ${what}${gaps}.`);
    const a = j.judge_retest?.alpha;
    // Krippendorff (2004, Content Analysis, 2nd ed.): below 0.667, not even tentative conclusions.
    if (a && a.value !== null && a.value < 0.667) {
      lines.push(`    it disagrees with itself: asked again about the same output it often answers differently (test-retest α ${num(a.value, 2)} < 0.667); its single verdicts are noisy.`);
    }
  }
  return lines;
}

function formatCriterion(c: CriterionCalibration): string {
  const scale = c.scale === 'ordinal' ? `ordinal ${c.labels[0]}..${c.labels[c.labels.length - 1]}` : `nominal ${c.labels.join('/')}`;
  const weights = c.kappa_weights === 'none' ? 'unweighted kappa' : `kappa weights ${c.kappa_weights} over the rubric's levels`;
  const lines = [`${c.criterion} (${scale}; ${weights}): ${c.items} reviewed items, ${c.humans} humans`];
  lines.push(`  human ceiling: each human against the others, on the ${c.items_multi} items with 2+ humans`);
  const h = [['rater', 'n', 'kappa', 'spearman', 'kendall', 'exact', 'within-1', 'bias']];
  for (const x of c.human_ceiling.raters) {
    h.push([x.rater, String(x.n), cell(x.kappa), cell(x.spearman), cell(x.kendall), cell(x.exact), cell(x.within_one), cell(x.bias)]);
  }
  const range = c.human_ceiling.range;
  const rr = (k: keyof typeof range) => (range[k] ? `${num(range[k]![0], 2)}..${num(range[k]![1], 2)}` : '—');
  h.push(['range', '', rr('kappa'), rr('spearman'), rr('kendall'), rr('exact'), rr('within_one'), rr('bias')]);
  lines.push(table(h, '    '));
  lines.push("  judges (95% bootstrap CI), on the items each scored:");
  const j = [['#', 'judge', 'scored', 'unscored', 'missing', 'kappa', 'spearman', 'kendall', 'exact', 'within-1', 'bias', 'vs humans']];
  for (const x of c.judges) {
    j.push([
      x.rank === null ? '-' : String(x.rank),
      judgeName(x),
      `${x.scored}/${x.items}`,
      String(x.unscored),
      String(x.missing),
      withCi(x.kappa),
      withCi(x.spearman),
      withCi(x.kendall),
      withCi(x.exact),
      withCi(x.within_one),
      withCi(x.bias),
      x.human_range.verdict ?? `— ${x.human_range.reason}`,
    ]);
  }
  lines.push(table(j, '    '));
  lines.push('  length bias (Spearman rho of score vs output length in characters, 95% CI; judge vs humans on the same items):');
  for (const x of c.judges) {
    const lb = x.length_bias;
    const side = (s: CalStat) => (s.value === null ? `— (${s.reason})` : withCi(s));
    const both = lb.judge.value === null && lb.humans.value === null ? side(lb.judge) : `judge ${side(lb.judge)}, humans ${side(lb.humans)}`;
    lines.push(`    ${judgeName(x)}: ${both}, ${lb.n} items`);
  }
  const retested = c.judges.filter((x) => x.judge_retest !== null);
  if (retested.length) {
    lines.push("  judge test-retest α (Krippendorff; the judge asked K times about each output of its run, 95% CI):");
    for (const x of retested) lines.push(`    ${judgeName(x)}: ${retestCell(x.judge_retest!)}`);
  }
  return lines.join('\n');
}

/**
 * "RUN (SPEC)"; a panel's judge (RUN[SPEC]) and a comparison's judge (COMPARISON/SPEC) carry the
 * spec in their name already, so it is not said twice.
 */
function judgeName(j: { judge: string; spec: string | null }): string {
  return j.spec && !j.judge.endsWith(`[${j.spec}]`) && !j.judge.endsWith(`/${j.spec}`) ? `${j.judge} (${j.spec})` : j.judge;
}
