import type { Writable } from 'node:stream';
import { createRequire } from 'node:module';
import type { RunRecord, RunSummary } from '../storage/store.js';
import type { CaseOutcome } from '../runner/types.js';
import { fmtCost, fmtInt, fmtMs, fmtNum, table } from './format.js';
import { fmtCi, fmtRateCi } from './uncertainty.js';

/**
 * Console reporting: a progress bar on an interactive stderr (never on stdout, never in CI logs),
 * and the final summary table.
 */
export interface Progress {
  start(total: number, alreadyDone: number): void;
  update(outcome: CaseOutcome, done: number): void;
  stop(): void;
}

export function createProgress(stream: Writable, enabled: boolean): Progress {
  if (!enabled) return { start() {}, update() {}, stop() {} };
  // Loaded only when a bar is shown: CI and --json runs do not pay for it at startup.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  let bar: import('cli-progress').SingleBar | undefined;
  let failed = 0;
  let errored = 0;
  return {
    start(total, alreadyDone) {
      bar = new cliProgress.SingleBar(
        {
          stream: stream as NodeJS.WritableStream,
          format: '  {bar} {value}/{total} cases | {failed} failed | {errored} errored | ETA {eta_formatted}',
          hideCursor: true,
          clearOnComplete: true,
          fps: 10,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, alreadyDone, { failed, errored });
    },
    update(outcome, done) {
      if (outcome.status === 'failed') failed++;
      if (outcome.status === 'errored') errored++;
      bar?.update(done, { failed, errored });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

/** The summary table printed after a run (to stderr with --json, else stdout). */
export function formatSummary(run: Pick<RunRecord, 'id' | 'suiteName' | 'provider' | 'judge'>, status: string, s: RunSummary, dbPath: string): string {
  const head = `${run.suiteName} on ${run.provider}${run.judge ? ` (judge ${run.judge})` : ''}: ${status}`;
  const rows: Array<[string, string]> = [
    ['cases', fmtInt(s.total)],
    ['passed', `${fmtInt(s.passed)} (${fmtRateCi(s.passed, s.total)})`],
    ['failed', fmtInt(s.failed)],
    ['errored', fmtInt(s.errored)],
    ['unscored', fmtInt(s.unscored)],
  ];
  for (const [criterion, mean] of Object.entries(s.meanByCriterion)) rows.push([`mean ${criterion}`, `${fmtNum(mean)}${fmtCi(s.ciByCriterion?.[criterion])}`]);
  rows.push(
    ['tokens', `${fmtInt(s.usage.inputTokens)} in / ${fmtInt(s.usage.outputTokens)} out`],
    ['judge tokens', `${fmtInt(s.judgeUsage.inputTokens)} in / ${fmtInt(s.judgeUsage.outputTokens)} out`],
    ['latency', `p50 ${fmtMs(s.latencyP50Ms)}, p95 ${fmtMs(s.latencyP95Ms)}`],
    ['est. cost', fmtCost(s.costUsd)],
    ['cached calls', fmtInt(s.cachedCalls)],
    ['retries', fmtInt(s.retries)],
    ['duration', fmtMs(s.durationMs)],
    ['run id', run.id],
    ['database', dbPath],
  );
  return `${head}\n${table(rows)}\n`;
}
