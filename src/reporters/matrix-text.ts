import type { RunSummary } from '../storage/store.js';
import type { GridRow } from '../runner/matrix-grid.js';
import { fmtCost, fmtInt, fmtMs, fmtNum } from './format.js';
import type { Paint } from './colour.js';
import { wilsonInterval } from '../stats/wilson.js';

type Columns = NonNullable<RunSummary['columns']>;

/** How many disagreeing cases the console lists (the HTML report shows every case). */
const MAX_ROWS = 20;

/**
 * A matrix run side by side: a legend naming each numbered column, one row per figure (pass rate
 * with its Wilson 95% CI, mean per criterion, cost, tokens, latency p50/p95), then the cases where
 * the columns disagree.
 */
export function formatMatrix(columns: Columns, grid: readonly GridRow[], runId: string, p: Paint): string {
  const legend = columns.map((c, i) => `  ${p.bold(String(i + 1))}  ${c.provider} × ${c.prompt}`).join('\n');
  const criteria = [...new Set(columns.flatMap((c) => Object.keys(c.summary.meanByCriterion)))].sort();
  const rows: string[][] = [
    ['', ...columns.map((_, i) => String(i + 1))],
    ['pass rate', ...columns.map((c) => rate(c.summary))],
    ['95% CI', ...columns.map((c) => rateCi(c.summary))],
    ...criteria.map((k) => [`mean ${k}`, ...columns.map((c) => fmtNum(c.summary.meanByCriterion[k]))]),
    ['errored', ...columns.map((c) => fmtInt(c.summary.errored))],
    ['unscored', ...columns.map((c) => fmtInt(c.summary.unscored))],
    ['est. cost', ...columns.map((c) => fmtCost(c.summary.costUsd))],
    ['tokens in/out', ...columns.map((c) => `${fmtInt(c.summary.usage.inputTokens)}/${fmtInt(c.summary.usage.outputTokens)}`)],
    ['latency p50', ...columns.map((c) => fmtMs(c.summary.latencyP50Ms))],
    ['latency p95', ...columns.map((c) => fmtMs(c.summary.latencyP95Ms))],
  ];
  const out = [`${p.bold('Columns')} (provider × prompt; compare two with juror compare ${runId}:1 ${runId}:2):`, legend, '', grid2(rows)];
  const split = grid.filter((r) => r.disagree);
  out.push('');
  if (split.length === 0) out.push(`The columns agree on every case (${fmtInt(grid.length)}).`);
  else {
    out.push(`${p.yellow('Cases where the columns disagree')} (${fmtInt(split.length)} of ${fmtInt(grid.length)}):`);
    const cells: string[][] = [['case', ...columns.map((_, i) => String(i + 1))]];
    for (const r of split.slice(0, MAX_ROWS)) cells.push([r.repeat > 0 ? `${r.caseId} #${r.repeat + 1}` : r.caseId, ...r.statuses.map((s) => mark(s))]);
    out.push(grid2(cells));
    if (split.length > MAX_ROWS) out.push(`  … ${fmtInt(split.length - MAX_ROWS)} more (juror show ${runId}, or --html)`);
  }
  return out.join('\n') + '\n';
}

function rate(s: RunSummary): string {
  const r = wilsonInterval(s.passed, s.total);
  return r.value === null ? '–' : `${(r.value * 100).toFixed(1)}%`;
}

function rateCi(s: RunSummary): string {
  const r = wilsonInterval(s.passed, s.total);
  return r.value === null ? '–' : `${(r.ci95[0] * 100).toFixed(0)}–${(r.ci95[1] * 100).toFixed(0)}%`;
}

function mark(s: string | null): string {
  return s === null ? '–' : s === 'passed' ? 'pass' : s === 'failed' ? 'FAIL' : s;
}

/** Rows of cells, the first column left-aligned, the rest right-aligned. */
function grid2(rows: string[][]): string {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length)));
  return rows.map((r) => '  ' + r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join('   ')).join('\n');
}
