import type { CaseReport, RunReport } from '../runner/run-report.js';
import { runFigures } from '../runner/run-figures.js';
import { valueText } from './format.js';
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
    ...figureProps(),
    ...(report.summary?.notRun ? [prop('not_run', String(report.summary.notRun))] : []),
    '    </properties>',
  ];
  for (const c of cases) {
    const name = repeats > 1 ? `${c.caseId} [repeat ${c.repeat + 1}]` : c.caseId;
    const open = `    <testcase name="${escapeAttr(name)}" classname="${suiteName}" time="${seconds(c.latencyMs ?? 0)}"`;
    const body: string[] = [];
    if (c.status === 'failed') {
      const bad = c.scores.filter((s) => s.passed === false);
      const message = bad.map((s) => `${s.criterion}: ${valueText(s.value, s.label)}`).join('; ') || 'thresholds not met';
      const detail = bad.map((s) => `${s.criterion} = ${valueText(s.value, s.label)}${s.reason ? ` — ${s.reason}` : ''}`).join('\n');
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
  // CI shows a suite's system-err next to its cases: the errors of the run, grouped by message.
  const groups = report.summary?.errors ?? [];
  if (groups.length > 0) {
    const text = groups.map((g) => `${g.count} × ${g.kind === 'unscored' ? 'unscored: ' : ''}${g.message} (e.g. ${g.examples.join(', ')})`).join('\n');
    lines.push(`    <system-err>${escapeXml(text)}</system-err>`);
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');

  /** The pass rate and each mean with its 95% CI and n, so a CI dashboard shows the uncertainty too. */
  function figureProps(): string[] {
    const f = runFigures(cases, report.bounds);
    const out: string[] = [];
    const r = f.pass_rate;
    out.push(prop('pass_rate_n', String(r.n)));
    if (r.value !== null) out.push(prop('pass_rate', fix(r.value)), prop('pass_rate_ci95', `${fix(r.ci95[0])} ${fix(r.ci95[1])}`));
    for (const m of f.means) {
      out.push(prop(`mean.${m.criterion}.n`, String(m.n)));
      if (m.value === null) continue;
      out.push(prop(`mean.${m.criterion}`, fix(m.value)));
      if (m.ci95) out.push(prop(`mean.${m.criterion}.ci95`, `${fix(m.ci95[0])} ${fix(m.ci95[1])}`));
    }
    return out;
  }

  function prop(name: string, value: string): string {
    return `      <property name="${escapeAttr(name)}" value="${escapeAttr(value)}"/>`;
  }
}

function fix(x: number): string {
  return String(Math.round(x * 10_000) / 10_000);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
