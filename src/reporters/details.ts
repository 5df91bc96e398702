import type { RunReport } from '../runner/run-report.js';
import { formatSummary } from './console.js';
import { claimsText } from './claims.js';
import { chunkLine, fmtMs, fmtNum, oneLine, valueText } from './format.js';

/** `juror show` as text: the summary, then each case with everything needed to judge it. */
export function formatRunDetails(report: RunReport, dbPath: string, slicesText = ''): string {
  const { run } = report;
  const out: string[] = [];
  if (report.summary) out.push(formatSummary(run, run.status, report.summary, dbPath));
  else out.push(`${run.suiteName} on ${run.provider}: ${run.status} (no summary yet)\n`);
  if (run.kind === 'judge') out.push(`re-judged outputs of run ${run.parentRunId}\n`);
  out.push(slicesText);
  for (const c of report.cases) {
    const name = `${c.repeat > 0 ? `${c.caseId} #${c.repeat + 1}` : c.caseId}${c.col === undefined ? '' : ` [column ${c.col + 1}]`}`;
    out.push(`\n── ${name}: ${c.status.toUpperCase()}\n`);
    out.push(block('input', JSON.stringify(c.input)));
    if (c.context !== undefined) out.push(block('context', c.context.map(chunkLine).join('\n')));
    if (c.expected !== undefined) out.push(block('expected', typeof c.expected === 'string' ? c.expected : JSON.stringify(c.expected)));
    out.push(c.error !== null ? block('error', c.error) : block('output', c.output ?? ''));
    for (const s of c.scores) {
      const verdict = s.value === null ? 'UNSCORED' : `${valueText(s.value, s.label)}${s.passed === undefined ? '' : s.passed ? ' pass' : ' FAIL'}`;
      out.push(`  ${s.criterion} = ${verdict}${s.reason ? `\n${indent(s.reason, '      ')}` : ''}\n`);
      if (s.claims?.length) out.push(`${indent(claimsText(s, c.scores), '      ')}\n`);
      // A panel: each judge's own verdict under the aggregate.
      for (const v of s.panel ?? []) {
        const said = v.value === null ? 'UNSCORED' : valueText(v.value, v.label);
        out.push(`${indent(`${v.judge}: ${said}${v.reason ? ` — ${oneLine(v.reason, 160)}` : ''}`, '        ')}\n`);
      }
    }
    const judge = c.judgeUsage.inputTokens || c.judgeUsage.outputTokens ? `, judge ${c.judgeUsage.inputTokens}/${c.judgeUsage.outputTokens}` : '';
    out.push(`  tokens ${c.usage.inputTokens} in / ${c.usage.outputTokens} out${judge} · latency ${fmtMs(c.latencyMs)}${c.cached ? ' · cached' : ''}${c.attempts > 1 ? ` · ${c.attempts} attempts` : ''}\n`);
  }
  return out.join('');
}

function block(label: string, text: string): string {
  return `  ${label}:\n${indent(text, '      ')}\n`;
}

function indent(text: string, pad: string): string {
  // Terminal control sequences from a model must not reach the user's terminal.
  // eslint-disable-next-line no-control-regex
  const safe = text.replace(/[\u0000-\u0008\u000B-\u001F\u007F\u009B]/g, '�');
  return safe.split('\n').map((l) => pad + l).join('\n');
}
