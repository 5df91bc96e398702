import type { Comparison, CaseChange } from '../runner/compare.js';
import { fmtNum, table } from './format.js';

/** `juror compare` as text. */
export function formatComparison(c: Comparison): string {
  const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
  const signed = (x: number | null, f: (v: number) => string) => (x === null ? '–' : `${x > 0 ? '+' : x < 0 ? '−' : '±'}${f(Math.abs(x))}`);
  const rows: Array<[string, string]> = [
    ['pass rate', `${pct(c.a.passRate)} → ${pct(c.b.passRate)} (${signed(c.passRateDelta, (v) => `${(v * 100).toFixed(1)} pts`)})`],
    ['passed', `${c.a.passed}/${c.a.total} → ${c.b.passed}/${c.b.total}`],
  ];
  for (const k of c.criteria) rows.push([`mean ${k.criterion}`, `${fmtNum(k.a)} → ${fmtNum(k.b)} (${signed(k.delta, (v) => fmtNum(v))})`]);
  rows.push(['regressions', String(c.regressions.length)], ['fixes', String(c.fixes.length)]);
  if (c.otherChanges.length) rows.push(['other changes', String(c.otherChanges.length)]);
  if (c.onlyInA || c.onlyInB) rows.push(['unmatched', `${c.onlyInA} only in A, ${c.onlyInB} only in B`]);
  const out = [`compare ${c.a.runId} → ${c.b.runId}\n`, table(rows), '\n'];
  const list = (title: string, changes: CaseChange[]) => {
    if (!changes.length) return;
    out.push(`\n${title}:\n`);
    for (const ch of changes) {
      out.push(`  ${ch.caseId}${ch.repeat ? ` #${ch.repeat + 1}` : ''}: ${ch.a} → ${ch.b}\n`);
      for (const r of ch.reasons) out.push(`      ${r.replace(/\s+/g, ' ').slice(0, 200)}\n`);
    }
  };
  list('Regressions (passed in A, failed in B)', c.regressions);
  list('Fixes (failed in A, passed in B)', c.fixes);
  list('Other changes', c.otherChanges);
  return out.join('');
}
