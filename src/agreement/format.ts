import { landisKoch, type KappaWeights } from '../stats/index.js';
import type { AgreementReport, CriterionAgreement } from './report.js';

/**
 * The human `juror agreement` output: one aligned block per criterion, each chance-corrected
 * number next to its Landis & Koch reading ("moderate") so a reader need not remember the bands.
 * Undefined statistics print "—" and the reason instead of a number.
 */

export function num(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined ? '—' : v.toFixed(digits);
}

/** Band of the value as printed (3 decimals), so "0.600" never reads as the band above 0.6. */
function reading(v: number | null): string {
  const band = landisKoch(v === null ? null : Number(v.toFixed(3)));
  return band ? band.toLowerCase() : '';
}

/** Pad columns to their widest cell. */
export function table(rows: string[][], indent = '  '): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** `weights` is the --weights option (the report only carries it inside a defined Cohen's kappa). */
export function formatAgreement(report: AgreementReport, weights: KappaWeights = 'none'): string {
  if (report.criteria.length === 0) return 'No criteria to report.\n';
  return report.criteria.map((c) => formatCriterion(c, weights)).join('\n');
}

function formatCriterion(c: CriterionAgreement, weights: KappaWeights): string {
  const lines = [`${c.criterion}: ${c.items} items, ${c.raters} raters, ${c.labels} labels (scale ${c.scale})`];
  const rows: string[][] = [['statistic', 'value', 'uncertainty', 'reading']];
  const stat = (name: string, s: { value: number | null; reason?: string }, extra = '', band = true) => {
    if (s.value === null) rows.push([name, '—', '', s.reason ?? '']);
    else rows.push([name, num(s.value), extra, band ? reading(s.value) : '']);
  };
  stat('percent agreement', c.percent_agreement, '', false);
  const ck = c.cohen_kappa;
  const weighted = weights !== 'none' ? ` (${weights})` : '';
  stat(
    `Cohen's kappa${weighted}`,
    ck,
    ck.value !== null && ck.ci95 ? `95% CI ${num(ck.ci95[0])}..${num(ck.ci95[1])}` : '',
  );
  stat("Fleiss' kappa", c.fleiss_kappa);
  stat(`Krippendorff's alpha (${c.scale})`, c.krippendorff_alpha);
  const g = c.gwet_ac1;
  stat(weighted ? "Gwet's AC2" : "Gwet's AC1", g, g.value !== null && g.se !== undefined ? `se ${num(g.se)}` : '');
  lines.push(table(rows));
  if (c.pairwise.length > 0 && c.raters > 2) {
    lines.push('  pairwise Cohen\'s kappa:');
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
