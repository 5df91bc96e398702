import type { Writable } from 'node:stream';
import { createRequire } from 'node:module';
import type { RunRecord, RunSummary } from '../storage/store.js';
import type { CaseOutcome } from '../runner/types.js';
import { fmtCost, fmtInt, fmtMeanValue, fmtMs, table } from './format.js';
import { fmtCi, fmtRateCi } from './uncertainty.js';
import { paintFor, type Paint } from './colour.js';
import { repeatRows, retestRows } from './repeats-text.js';
import { panelRows } from './panel-text.js';

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

/** The summary table printed after a run (to stderr with --json, else stdout); `colour` on a TTY. */
export function formatSummary(
  run: Pick<RunRecord, 'id' | 'suiteName' | 'provider' | 'judge'>,
  status: string,
  s: RunSummary,
  dbPath: string,
  opts: { colour?: boolean } = {},
): string {
  const p = paintFor(Boolean(opts.colour));
  const statusText = status === 'finished' ? p.green(status) : p.yellow(status);
  const head = p.bold(`${run.suiteName} on ${run.provider}${run.judge ? ` (judge ${run.judge})` : ''}: `) + statusText;
  const repeats = s.repeats ?? 1;
  const planned = s.total + (s.notRun ?? 0);
  const when = (n: number, paint: (x: string) => string) => (n > 0 ? paint(fmtInt(n)) : fmtInt(n));
  const rows: Array<[string, string]> = [
    ['cases', repeats > 1 ? `${fmtInt(planned / repeats)} cases × ${repeats} repeats = ${fmtInt(planned)}` : fmtInt(planned)],
    ['passed', `${fmtInt(s.passed)} (${fmtRateCi(s.passed, s.total)})`],
    ['failed', when(s.failed, p.red)],
    ['errored', when(s.errored, p.yellow)],
    ['unscored', when(s.unscored, p.yellow)],
  ];
  if (s.notRun) rows.push(['not run', p.yellow(fmtInt(s.notRun))]);
  if (s.reduced) rows.push(...repeatRows(s.reduced));
  for (const [criterion, mean] of Object.entries(s.meanByCriterion)) rows.push([`mean ${criterion}`, `${fmtMeanValue(mean)}${fmtCi(s.ciByCriterion?.[criterion])}`]);
  if (s.judgeRetest) rows.push(...retestRows(s.judgeRetest));
  if (s.panel) rows.push(...panelRows(s.panel));
  const unpriced = s.unpricedModels ?? [];
  rows.push(
    ['tokens', `${fmtInt(s.usage.inputTokens)} in / ${fmtInt(s.usage.outputTokens)} out`],
    ['judge tokens', `${fmtInt(s.judgeUsage.inputTokens)} in / ${fmtInt(s.judgeUsage.outputTokens)} out`],
    ['latency', `p50 ${fmtMs(s.latencyP50Ms)}, p95 ${fmtMs(s.latencyP95Ms)}`],
    ['est. cost', costText(s.costUsd, unpriced) + (s.batch ? ` at batch prices (${Math.round(s.batch.discount * 100)}% off list)` : '')],
    ...(s.batch ? [['batches', fmtInt(s.batch.batches)] as [string, string]] : []),
    ['cached calls', fmtInt(s.cachedCalls)],
    ['retries', fmtInt(s.retries)],
    ['duration', fmtMs(s.durationMs)],
    ['run id', run.id],
    ['database', dbPath],
  );
  return `${head}\n${table(rows)}\n${formatErrorGroups(s, run.id, p)}`;
}

/** "unknown" when nothing had a price; otherwise the known part, saying which models it leaves out. */
function costText(cost: number | null, unpriced: string[]): string {
  if (unpriced.length === 0) return fmtCost(cost);
  const missing = `no price for ${unpriced.join(', ')} (add one with --prices FILE)`;
  return cost === null ? `unknown: ${missing}` : `${fmtCost(cost)} + unknown: ${missing}`;
}

/** The errors of a run, grouped by message: what went wrong, how often, where to look. */
export function formatErrorGroups(s: Pick<RunSummary, 'errors'>, runId: string, p: Paint = paintFor(false)): string {
  const groups = s.errors ?? [];
  if (groups.length === 0) return '';
  const lines = groups.map((g) => {
    const what = g.kind === 'unscored' ? `unscored: ${g.message}` : g.message;
    return `  ${p.bold(`${fmtInt(g.count)} ×`)} ${what}\n      e.g. ${g.examples.join(', ')}${g.count > g.examples.length ? ', …' : ''}`;
  });
  return `${p.yellow('Errors')} (every case: juror show ${runId}):\n${lines.join('\n')}\n`;
}
