import type { CorrectedEntry, CorrectedReport } from './corrected-estimate.js';

/**
 * The judge-corrected block of `juror show RUN --calibrated-with REVIEW` (and of reports):
 * "judge says 82.0% [79.4, 84.3]; corrected with 120 human labels: 76.1% [70.2, 81.9]".
 */

function fmt(e: CorrectedEntry, v: number): string {
  return e.kind === 'proportion' ? `${(v * 100).toFixed(1)}%` : v.toFixed(2);
}

function interval(e: CorrectedEntry, ci: [number, number] | undefined): string {
  if (!ci) return '';
  const f = (v: number) => (e.kind === 'proportion' ? (v * 100).toFixed(1) : v.toFixed(2));
  return ` [${f(ci[0])}, ${f(ci[1])}]`;
}

export function correctedLine(e: CorrectedEntry): string {
  const judge = e.judge.value === null ? `judge: — (${e.judge.reason})` : `judge says ${fmt(e, e.judge.value)}${interval(e, e.judge.ci95)} (n ${e.judge.n})`;
  const c = e.corrected;
  const corr = c.value === null ? `corrected: — (${c.reason})` : `corrected with ${c.labelled} human labels: ${fmt(e, c.value)}${interval(e, c.ci95)}`;
  return `${judge}; ${corr}`;
}

export function formatCorrected(r: CorrectedReport): string {
  const s = r.sampling;
  const how = s.method === 'all' ? 'every output' : `a uniform random sample (seed ${s.seed})`;
  const lines = [`judge-corrected estimates from review ${r.review}: ${s.sampled} of ${s.population} outputs, ${how}; PPI++, 95% CIs`];
  const entries = [r.pass_rate, ...r.criteria];
  const width = Math.max(...entries.map((e) => e.name.length));
  for (const e of entries) lines.push(`  ${e.name.padEnd(width)}  ${correctedLine(e)}`);
  return lines.join('\n') + '\n';
}
