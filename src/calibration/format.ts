import { num, table } from '../agreement/format.js';
import type { CalibrationReport, CriterionCalibration } from './compute.js';
import type { CalStat } from './pair-stats.js';

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
  return out.join('\n') + '\n';
}

function formatCriterion(c: CriterionCalibration): string {
  const scale = c.scale === 'ordinal' ? `ordinal ${c.labels[0]}..${c.labels[c.labels.length - 1]}` : `nominal ${c.labels.join('/')}`;
  const lines = [`${c.criterion} (${scale}; kappa weights ${c.kappa_weights}): ${c.items} items, ${c.humans} humans`];
  lines.push('  human ceiling: each human against the others');
  const h = [['rater', 'n', 'kappa', 'spearman', 'kendall', 'exact', 'within-1', 'bias']];
  for (const x of c.human_ceiling.raters) {
    h.push([x.rater, String(x.n), cell(x.kappa), cell(x.spearman), cell(x.kendall), cell(x.exact), cell(x.within_one), cell(x.bias)]);
  }
  const range = c.human_ceiling.range;
  const rr = (k: keyof typeof range) => (range[k] ? `${num(range[k]![0], 2)}..${num(range[k]![1], 2)}` : '—');
  h.push(['range', '', rr('kappa'), rr('spearman'), rr('kendall'), rr('exact'), rr('within_one'), rr('bias')]);
  lines.push(table(h, '    '));
  lines.push('  judges (95% bootstrap CI):');
  const j = [['#', 'judge', 'scored', 'unscored', 'missing', 'kappa', 'spearman', 'kendall', 'exact', 'within-1', 'bias', 'vs humans']];
  for (const x of c.judges) {
    j.push([
      x.rank === null ? '-' : String(x.rank),
      x.spec ? `${x.judge} (${x.spec})` : x.judge,
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
  return lines.join('\n');
}
