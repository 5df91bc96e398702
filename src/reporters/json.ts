import type { RunReport } from '../runner/run-report.js';
import { runFigures, runSlices } from '../runner/run-figures.js';
import type { SliceBy } from '../runner/slices.js';

/**
 * The `--json` document: one object with the run, its summary, its figures with their uncertainty
 * (`figures`: pass rate with its Wilson 95% CI, each mean with its t CI, and their n), the slices
 * asked for with --by, and every (case, repeat).
 */
export function toJsonDocument(report: RunReport, extra: { dbPath?: string; by?: readonly SliceBy[] } = {}): Record<string, unknown> {
  const { run } = report;
  return {
    runId: run.id,
    kind: run.kind,
    status: run.status,
    suite: run.suiteName,
    suitePath: run.suitePath ?? null,
    provider: run.provider,
    judge: run.judge ?? null,
    parentRunId: run.parentRunId ?? null,
    gitCommit: run.gitCommit ?? null,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    ...(extra.dbPath ? { db: extra.dbPath } : {}),
    summary: report.summary,
    figures: runFigures(report.cases, report.bounds),
    // each criterion's [lowest, highest] value: the intervals in figures stay inside it
    bounds: report.bounds ?? {},
    ...(report.summary?.columns ? { columns: matrixColumns(report) } : {}),
    ...(extra.by?.length ? { slices: extra.by.flatMap((by) => runSlices(report, by)) } : {}),
    cases: report.cases.map((c) => ({
      caseId: c.caseId,
      repeat: c.repeat,
      ...(c.col === undefined ? {} : { column: c.col + 1 }),
      status: c.status,
      input: c.input,
      expected: c.expected ?? null,
      output: c.output,
      error: c.error,
      scores: c.scores.map((s) => ({
        scorer: s.scorer,
        criterion: s.criterion,
        value: s.value,
        label: s.label ?? null,
        passed: s.passed ?? null,
        reason: s.reason ?? null,
        ...(s.judge ? { judge: s.judge } : {}),
        ...(s.claims?.length ? { claims: s.claims } : {}),
        // a judge panel: each judge's own verdict, in panel order (the score's value is their aggregate)
        ...(s.panel?.length ? { panel: s.panel.map((v) => ({ judge: v.judge, value: v.value, label: v.label ?? null, passed: v.passed ?? null, reason: v.reason ?? null })) } : {}),
        // --judge-repeat: every verdict the judge gave, in ask order (null = unscored)
        ...(isJudgeRepeats(s.meta?.judgeRepeats) ? { judgeRepeats: s.meta.judgeRepeats.values } : {}),
      })),
      usage: c.usage,
      judgeUsage: c.judgeUsage,
      latencyMs: c.latencyMs,
      costUsd: c.costUsd,
      cached: c.cached,
      attempts: c.attempts,
    })),
  };
}

function isJudgeRepeats(x: unknown): x is { values: Array<number | null> } {
  return typeof x === 'object' && x !== null && Array.isArray((x as { values?: unknown }).values);
}

/**
 * A matrix run's columns beside its cases: `column` (1-based, as the console and `compare RUN:N`
 * number them), provider, prompt, the column's summary and its figures with their intervals.
 */
function matrixColumns(report: RunReport): Array<Record<string, unknown>> {
  return (report.summary?.columns ?? []).map((c, i) => ({
    column: i + 1,
    provider: c.provider,
    prompt: c.prompt,
    summary: c.summary,
    figures: runFigures(report.cases.filter((x) => (x.col ?? 0) === i), report.bounds),
  }));
}
