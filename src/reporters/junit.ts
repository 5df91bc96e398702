import type { CaseReport, RunReport } from '../runner/run-report.js';
import { escapeAttr, escapeXml } from './xml.js';

/**
 * JUnit XML for CI: one <testcase> per (case, repeat). Failed → <failure> with the reasons of the
 * failing scores, errored → <error> with the provider's message, unscored → <skipped> (unscored is
 * not a pass and not a failure).
 */
export function toJUnit(report: RunReport): string {
  const { run, cases } = report;
  const repeats = Math.max(1, ...cases.map((c) => c.repeat + 1));
  const count = (st: CaseReport['status']) => cases.filter((c) => c.status === st).length;
  const failures = count('failed');
  const errors = count('errored');
  const skipped = count('unscored');
  const time = seconds((report.summary?.durationMs ?? 0));
  const suiteName = escapeAttr(run.suiteName);
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="juror" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}">`,
    `  <testsuite name="${suiteName}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}" timestamp="${escapeAttr(run.startedAt)}">`,
    '    <properties>',
    prop('run', run.id),
    prop('kind', run.kind),
    prop('status', run.status),
    prop('provider', run.provider),
    ...(run.judge ? [prop('judge', run.judge)] : []),
    ...(run.gitCommit ? [prop('git_commit', run.gitCommit)] : []),
    '    </properties>',
  ];
  for (const c of cases) {
    const name = repeats > 1 ? `${c.caseId} [repeat ${c.repeat + 1}]` : c.caseId;
    const open = `    <testcase name="${escapeAttr(name)}" classname="${suiteName}" time="${seconds(c.latencyMs ?? 0)}"`;
    const body: string[] = [];
    if (c.status === 'failed') {
      const bad = c.scores.filter((s) => s.passed === false);
      const message = bad.map((s) => `${s.criterion}: ${s.label ?? s.value}`).join('; ') || 'thresholds not met';
      const detail = bad.map((s) => `${s.criterion} = ${s.label ?? s.value}${s.reason ? ` — ${s.reason}` : ''}`).join('\n');
      body.push(`      <failure message="${escapeAttr(message)}" type="threshold">${escapeXml(detail)}</failure>`);
    } else if (c.status === 'errored') {
      body.push(`      <error message="${escapeAttr(c.error ?? 'error')}" type="provider">${escapeXml(c.error ?? '')}</error>`);
    } else if (c.status === 'unscored') {
      const why = c.scores.filter((s) => s.value === null).map((s) => `${s.criterion}: ${s.reason ?? 'unscored'}`).join('; ');
      body.push(`      <skipped message="${escapeAttr(`unscored: ${why || 'no score'}`)}"/>`);
    }
    if (c.output !== null) body.push(`      <system-out>${escapeXml(c.output)}</system-out>`);
    lines.push(body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`);
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');

  function prop(name: string, value: string): string {
    return `      <property name="${escapeAttr(name)}" value="${escapeAttr(value)}"/>`;
  }
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
