import type { PairwiseSummary } from '../runner/pairwise-summary.js';
import { columnName } from '../storage/run-columns.js';
import { fmtInt, table } from './format.js';

/** `juror judge-pairwise` as text: per criterion and judge, each head-to-head, consistency, strengths. */
export function formatPairwise(s: PairwiseSummary, status: string): string {
  const out: string[] = [];
  out.push(`pairwise ${s.comparison} (${status}): ${fmtInt(s.pairs)} pairs of outputs, each judged in both orders\n`);
  for (const x of s.sources) {
    if (x.column !== undefined) {
      const name = columnName({ provider: x.provider ?? '?', prompt: x.prompt ?? '?' });
      out.push(`  ${x.label} = run ${x.runId} column ${x.column}${x.label === name ? '' : ` (${name})`}\n`);
    }
    else if (x.label !== x.runId) out.push(`  ${x.label} = run ${x.runId}\n`);
  }
  for (const c of s.criteria) {
    for (const j of c.judges) {
      out.push(`\n${c.criterion} · judge ${j.judge}\n`);
      const rows: Array<[string, string]> = j.pairs.map((p) => {
        const rate = p.win_rate.value === null ? `win rate – (${p.win_rate.reason})` : `${p.a} won ${pct(p.win_rate.value)} of decided pairs [${pct(p.win_rate.ci95[0])}, ${pct(p.win_rate.ci95[1])}]`;
        const unscored = p.unscored ? ` · ${p.unscored} unscored` : '';
        return [`${p.a} vs ${p.b}`, `${plural(p.wins, 'win')} · ${plural(p.ties, 'tie')} · ${plural(p.losses, 'loss', 'losses')}${unscored}   ${rate}`];
      });
      // Long names (matrix columns as provider × prompt) would push the figures off the screen:
      // then each pair takes two lines.
      if (rows.some(([pair]) => pair.length > 56)) out.push(rows.map(([pair, figures]) => `  ${pair}\n      ${figures}`).join('\n'), '\n');
      else out.push(table(rows), '\n');
      const pos = j.position;
      out.push(
        pos.rate.value === null
          ? `  position consistency: – (${pos.rate.reason})\n`
          : `  position consistency: ${pct(1 - pos.rate.value)}: ${pos.inconsistent} of ${pos.judged} pairs changed verdict when the order was swapped (counted as ties; inconsistency ${pct(pos.rate.value)} [${pct(pos.rate.ci95[0])}, ${pct(pos.rate.ci95[1])}])\n`,
      );
      const bt = j.bradley_terry;
      if (bt && bt.value === null) out.push(`  Bradley–Terry: – (${bt.reason})\n`);
      else if (bt) {
        out.push('  Bradley–Terry log-strength (sum to zero, ties half a win each), 95% CI:\n');
        out.push(table(bt.value.map((x) => [x.source, `${sign(x.log_strength)}  [${sign(x.ci95[0])}, ${sign(x.ci95[1])}]`]), '    '), '\n');
      }
    }
  }
  return out.join('');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function sign(x: number): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;
}
