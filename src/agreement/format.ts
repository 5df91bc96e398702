import { landisKoch } from '../stats/index.js';
import { PAIRWISE_RULE, type AgreementReport, type CriterionAgreement } from './report.js';

/**
 * The human `juror agreement` output: one aligned block per criterion, each chance-corrected
 * number next to its Landis & Koch reading ("moderate") so a reader need not remember the bands,
 * and the number of items it was computed on; then a plain-language reading for a team lead.
 * Undefined statistics print "—" and the reason instead of a number.
 */

export function num(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined ? '—' : v.toFixed(digits);
}

/** Band of the value as printed (3 decimals), so "0.600" never reads as the band above 0.6. */
export function reading(v: number | null): string {
  const band = landisKoch(v === null ? null : Number(v.toFixed(3)));
  return band ? band.toLowerCase() : '';
}

/** Pad columns to their widest cell. */
export function table(rows: string[][], indent = '  '): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

export function formatAgreement(report: AgreementReport): string {
  if (report.criteria.length === 0) return 'No criteria to report.\n';
  const blocks = report.criteria.map(formatCriterion);
  const lines = ['reading for a team lead:', ...report.criteria.map((c) => `  ${agreementReading(c)}`)];
  return blocks.join('\n') + '\n' + lines.join('\n') + '\n';
}

function formatCriterion(c: CriterionAgreement): string {
  const weighted = c.weights !== 'none';
  const over = c.weights_over === 'declared' ? 'positions on the declared scale' : 'positions of the observed categories';
  const lines = [
    `${c.criterion}: ${c.items} items (${c.paired_items} rated by 2+ raters), ${c.raters} raters, ${c.labels} labels (scale ${c.scale}` +
      (weighted ? `; ${c.weights} weights over ${over})` : ')'),
  ];
  const rows: string[][] = [['statistic', 'value', 'items', 'uncertainty', 'reading']];
  const stat = (name: string, s: { value: number | null; reason?: string }, items: number, extra = '', band = true) => {
    if (s.value === null) rows.push([name, '—', '', '', s.reason ?? '']);
    else rows.push([name, num(s.value), String(items), extra, band ? reading(s.value) : '']);
  };
  stat('percent agreement', c.percent_agreement, c.paired_items, '', false);
  const ck = c.cohen_kappa;
  stat(
    `Cohen's kappa${weighted ? ` (${c.weights})` : ''}`,
    ck,
    ck.value !== null ? ck.n : 0,
    ck.value !== null && ck.ci95 ? `95% CI ${num(ck.ci95[0])}..${num(ck.ci95[1])}` : '',
  );
  stat("Fleiss' kappa", c.fleiss_kappa, c.paired_items);
  stat(`Krippendorff's alpha (${c.scale})`, c.krippendorff_alpha, c.paired_items);
  const g = c.gwet_ac1;
  stat(weighted ? "Gwet's AC2" : "Gwet's AC1", g, c.paired_items, g.value !== null && g.se !== undefined ? `se ${num(g.se)}` : '');
  lines.push(table(rows));
  if (c.pairwise.length > 0 && c.raters > 2) {
    const capped = c.pairwise_capped ? ` (${c.pairwise.length} of ${c.pairwise_total} pairs: ${PAIRWISE_RULE}; --pairwise all for every pair)` : '';
    lines.push(`  pairwise Cohen's kappa${capped}:`);
    const pr: string[][] = [['raters', 'n', 'kappa', 'agree', 'reading']];
    for (const p of c.pairwise) {
      pr.push([
        `${p.raters[0]} – ${p.raters[1]}`,
        String(p.n),
        num(p.cohen_kappa),
        num(p.percent_agreement),
        p.cohen_kappa === null ? (p.reason ?? '') : reading(p.cohen_kappa),
      ]);
    }
    lines.push(table(pr, '    '));
  }
  return lines.join('\n') + '\n';
}

/**
 * One sentence per criterion that a team lead can act on: how well the humans agree, on which
 * figure and how many items, and what to do about it. The figure is Cohen's kappa for two raters
 * (its CI says how settled it is) and Krippendorff's alpha for more (it allows missing ratings).
 */

/** Below this many compared items, or with a CI wider than this, a kappa can still move a lot. */
const FEW_ITEMS = 30;
const WIDE_CI = 0.4;

export function agreementReading(c: CriterionAgreement): string {
  const ck = c.cohen_kappa;
  const alpha = c.krippendorff_alpha;
  let figure: string;
  let value: number;
  let items: number;
  let ci: [number, number] | undefined;
  if (c.raters === 2 && ck.value !== null) {
    [figure, value, items, ci] = [`Cohen's kappa${c.weights === 'none' ? '' : ` (${c.weights})`}`, ck.value, ck.n, ck.ci95];
  } else if (alpha.value !== null) {
    [figure, value, items] = [`Krippendorff's alpha (${c.scale})`, alpha.value, c.paired_items];
  } else {
    const why = c.raters === 2 && ck.value === null ? ck.reason : alpha.value === null ? alpha.reason : '';
    return `${c.criterion}: agreement cannot be measured yet (${why}); get two or more people to label the same items.`;
  }
  const band = reading(value);
  const parts = [`${c.criterion}: humans agree ${phrase(band)} (${figure} ${num(value)} over ${items} items)`];
  if (value <= 0.4) parts.push('too inconsistent to calibrate a judge against: sharpen the rubric anchors or train the annotators first');
  else if (value <= 0.6) parts.push('usable with care as a reference for a judge; check the pairwise table for one outlying rater');
  else parts.push('good enough to serve as the reference for a judge');
  const pct = c.percent_agreement.value;
  if (pct !== null && pct >= 0.8 && value <= 0.4) {
    parts.push(`they give the same label on ${Math.round(pct * 100)}% of item pairs, but mostly the same category, which chance alone would often produce (Gwet's AC1/AC2 is less affected)`);
  }
  if (items < FEW_ITEMS || (ci && ci[1] - ci[0] > WIDE_CI)) {
    parts.push(`with ${items} items ${ci ? `the 95% CI runs ${num(ci[0])} to ${num(ci[1])}, so ` : ''}the figure can still move a lot: label more items before deciding`);
  }
  return parts.join('; ') + '.';
}

function phrase(band: string): string {
  if (band === 'poor') return 'no better than chance';
  return band === 'almost perfect' ? 'almost perfectly' : band === 'slight' ? 'only slightly' : `${band}ly`;
}
