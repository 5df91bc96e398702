import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../../core/errors.js';
import type { Rubric } from '../../core/rubric.js';
import { loadSuite } from '../../loader/load-suite.js';
import type { Suite } from '../../loader/suite.js';
import { resolveProvider } from '../../providers/resolve.js';
import { withRetry } from '../../providers/retry.js';
import { withRateLimit } from '../../providers/rate-limit.js';
import { BATCH_DISCOUNT, atBatchPrices, priceFor, pricedBy } from '../../providers/pricing.js';
import { loadPrices } from '../../loader/load-prices.js';
import type { Provider } from '../../providers/provider.js';
import { buildScorers, findScorer } from '../../scorers/registry.js';
import { decideCase } from '../../scorers/thresholds.js';
import { createProgress, formatSummary } from '../../reporters/console.js';
import { useColour } from '../../reporters/colour.js';
import { gitCommit } from '../../runner/git.js';
import { planFromSuite } from '../../runner/plan-from-suite.js';
import { findResumableRun } from '../../runner/resume.js';
import { runSuite, type RunResult } from '../../runner/run-suite.js';
import { parseShard } from '../../runner/shard.js';
import { newCounters, wrapProvider, type CallCounters } from '../../runner/wrap-providers.js';
import { FatalStop } from '../../runner/fatal-stop.js';
import type { BatchRun } from '../../runner/batch-run.js';
import type { Case } from '../../core/case.js';
import { renderPrompt } from '../../templates/render-prompt.js';
import { planColumns } from './run-columns.js';
import { openJudges } from './run-judges.js';
import { runConfig, type RunConfig } from '../../runner/run-config.js';
import { RUBRIC_SCORER } from '../../core/criterion.js';
import type { RubricOptions } from '../../scorers/rubric.js';
import type { Store } from '../../storage/store.js';
import { showProgress, writeJson, type CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { panelCallsFailed } from '../../runner/panel-summary.js';
import { intOption, loadReport, openStore } from './run-common.js';
import type { RunFlags } from './run.js';

/** What a run-like command works with while it runs: the Store, the providers it opened, the progress bar. */
export interface RunSession {
  store: Store;
  opened: Provider[];
  progress: ReturnType<typeof createProgress>;
}

/**
 * The frame of `juror run` and `juror judge`: open the Store, run, stop the progress bar, print the
 * summary and reports, choose the exit code; close every provider and the Store whatever happens.
 */
export async function runSession(
  ctx: CliContext,
  flags: RunFlags,
  opts: { mustExist?: boolean },
  body: (s: RunSession) => Promise<RunResult>,
): Promise<number> {
  const { store, path: db } = await openStore(ctx, flags.db, opts);
  const opened: Provider[] = [];
  try {
    const progress = createProgress(ctx.stderr, showProgress(ctx));
    let result: RunResult;
    try {
      result = await body({ store, opened, progress });
    } finally {
      progress.stop();
    }
    return await report(ctx, store, db, result, flags);
  } finally {
    await Promise.allSettled(opened.map((p) => p.close?.()));
    store.close();
  }
}

export async function runCommand(ctx: CliContext, suiteArg: string | undefined, flags: RunFlags): Promise<number> {
  let expired = false;
  const code = await runSession(ctx, flags, {}, async ({ store, opened, progress }) => {
    const setup = prepare(store, ctx, suiteArg, flags);
    // Case files are read case by case when the run starts, never held whole (a 100k-case suite).
    const suite = loadSuite(setup.suitePath, { streamCases: true });
    const counters = newCounters();
    const fatal = new FatalStop();
    const batch = setup.config.batch ? await batchRun(ctx, store, flags, setup.config.cache ? () => void counters.cachedCalls++ : undefined) : undefined;
    const wrap = providerWrapper(ctx, store, flags, setup.config, { counters, fatal, opened, batch });
    const judged = suite.scorers.find((s) => findScorer(s.name)?.usesJudge);
    const usesJudge = judged !== undefined;
    const judgeSpec = usesJudge ? setup.judgeSpec ?? suite.judge?.provider ?? null : null;
    if (judged && !judgeSpec) throw new ConfigError(`${suite.name}: the ${judged.name} scorer needs a judge: set judge.provider in the suite or pass --judge`);
    const planned = planColumns(suite, { cwd: ctx.cwd, providerFlag: setup.providerSpec, promptFlags: flags.prompt, stored: setup.stored });
    const matrix = planned.length > 1;
    // One wrapped provider per spec, shared by its columns: the rate limit and cache are per provider.
    const providers = new Map<string, Provider>();
    for (const c of planned) if (!providers.has(c.provider)) providers.set(c.provider, await wrap(c.provider, 'system'));
    const providerSpec = setup.stored ? setup.providerSpec! : [...providers.keys()].join(',');
    const provider = providers.get(planned[0]!.provider)!;
    // A resumed run keeps the aggregate it started with.
    const aggregate = setup.stored ? setup.stored.judgePanel?.aggregate : suite.judge?.aggregate;
    const judges = judgeSpec ? await openJudges(judgeSpec, wrap, { aggregate, judgeRepeat: setup.config.judgeRepeat }) : undefined;
    const judge = judges?.judge;
    // Before the run exists: a server without a batch API costs nothing and leaves nothing behind.
    await batch?.check();
    // Prices are not part of what a run is either: --prices applies to this invocation.
    const prices = flags.prices ? loadPrices(resolve(ctx.cwd, flags.prices)) : {};
    const models = [...[...providers.values()].map((p) => p.model), ...(judges?.all.map((j) => j.model) ?? [])];
    const unpricedModels = [...new Set(models)].filter((m) => priceFor(m, prices) === null);
    const plan = planFromSuite({ ...suite, prompt: planned[0]!.spec }, buildScorers(suite, judges?.deps ?? { judgeRepeats: setup.config.judgeRepeat }));
    const columns = matrix
      ? planned.map((c) => ({ column: { provider: c.provider, prompt: c.prompt, ...(c.promptPath ? { promptPath: c.promptPath } : {}) }, provider: providers.get(c.provider)!, render: (k: Case) => renderPrompt(c.spec, k) }))
      : undefined;
    // A resumed run keeps the pass rules it started with, even if the suite file was edited since.
    if (setup.storedPass) {
      const rules = setup.storedPass;
      plan.decide = (scores, metrics) => decideCase(rules, scores, metrics);
    }
    const config = {
      ...setup.config,
      suitePath: suite.path,
      pass: setup.storedPass ?? suite.pass,
      rubrics: suiteRubrics(suite),
      ...(judges?.judgePanel ? { judgePanel: judges.judgePanel } : {}),
      ...(!matrix && planned[0]!.promptPath ? { promptPath: planned[0]!.promptPath } : {}),
    } satisfies RunConfig;
    const result = await runSuite(
      plan,
      {
        providerSpec,
        judgeSpec: judges?.spec ?? null,
        concurrency: config.concurrency,
        repeat: config.repeat,
        filter: config.filter,
        shard: setup.shard,
        exclude: config.exclude,
        caseIds: config.caseIds,
        resumeRunId: setup.resumeRunId,
        config,
        gitCommit: gitCommit(ctx.cwd),
        signal: ctx.signal,
        onStart: ({ runId, total, alreadyDone }) => {
          const width = columns?.length ?? 1;
          const cases = total / config.repeat / width;
          const size = `${cases} cases${width > 1 ? ` × ${width} columns` : ''}${config.repeat > 1 ? ` × ${config.repeat} repeats` : ''}`;
          ctx.stderr.write(`${setup.resumeRunId ? 'Resuming' : 'Running'} ${suite.name}${setup.shard ? ` shard ${setup.shard.index}/${setup.shard.count}` : ''} (${size}${alreadyDone ? `, ${alreadyDone} already done` : ''}) as ${runId}\n`);
          // With --batch the waiting is on the batches (their status line); the pass over the answers is quick.
          if (!batch) progress.start(total, alreadyDone);
        },
        onResult: (o, done) => progress.update(o, done),
      },
      { store, provider, columns, counters, estimateCost: batch ? atBatchPrices(pricedBy(prices)) : pricedBy(prices), judgeModel: judge?.model ?? null, fatal, unpricedModels, batch },
    );
    const note = batch?.expiredNote();
    if (note) ctx.stderr.write(`${note}\n`);
    expired = note !== null && note !== undefined;
    return result;
  });
  // Left unfinished by an expired batch, not by Ctrl-C: cases not run through no fault of the input (exit 3).
  return expired && code === EXIT.interrupted ? EXIT.infra : code;
}

/** The --batch path, reporting each batch on stderr (and its status on a terminal's status line). */
export async function batchRun(ctx: CliContext, store: Store, flags: Pick<RunFlags, 'pollInterval'>, onCacheHit: (() => void) | undefined): Promise<BatchRun> {
  const { BatchRun } = await import('../../runner/batch-run.js');
  const { describeBatchEvent } = await import('../../reporters/batch-events.js');
  const pollIntervalMs = intOption('--poll-interval', flags.pollInterval, 30_000, 1, 3_600_000);
  const tty = showProgress(ctx);
  return new BatchRun({
    store,
    pollIntervalMs,
    discount: BATCH_DISCOUNT,
    ...(onCacheHit ? { cache: { onHit: onCacheHit } } : {}),
    onEvent: (event) => {
      const line = describeBatchEvent(event);
      // Status looks repeat every poll: only on a terminal, where they overwrite each other.
      if (event.kind === 'status' || event.kind === 'poll-failed') {
        if (tty) ctx.stderr.write(`\r\x1b[2K  ${line}`);
      } else ctx.stderr.write(`${tty ? '\r\x1b[2K' : ''}${line}\n`);
    },
  });
}

/**
 * Resolve a provider spec and wrap it the way every run does: rate limit (innermost, so retries are
 * paced by the same quota), fatal stop, retries, cache. Opened providers are pushed on `opened`.
 */
export function providerWrapper(
  ctx: CliContext,
  store: Store,
  flags: Pick<RunFlags, 'rpm' | 'tpm'>,
  config: { cache: boolean; timeoutMs: number; retries: number },
  run: { counters: CallCounters; fatal: FatalStop; opened: Provider[]; batch?: BatchRun },
): (spec: string, role?: 'system' | 'judge') => Promise<Provider> {
  // Quotas are not part of what a run is (they do not change results), so they come from the flags even on --resume.
  const limits = {
    requestsPerMinute: flags.rpm === undefined ? undefined : intOption('--rpm', flags.rpm, 0, 1, 10_000_000),
    tokensPerMinute: flags.tpm === undefined ? undefined : intOption('--tpm', flags.tpm, 0, 1, 1_000_000_000),
  };
  return async (spec: string, role: 'system' | 'judge' = 'system') => {
    const raw = await resolveProvider(spec, { env: ctx.env, cwd: ctx.cwd, timeoutMs: config.timeoutMs, mock: mockOptions(ctx.env) });
    run.opened.push(raw);
    // A batch is one request a round: no quota to keep.
    const limited = run.batch ? run.batch.wrap(raw, role) : limits.requestsPerMinute || limits.tokensPerMinute ? withRateLimit(raw, limits) : raw;
    return wrapProvider(limited, {
      store,
      // With --batch the cache is consulted by the batch path itself (batch-answers.ts).
      cache: config.cache && !run.batch,
      counters: run.counters,
      fatal: run.fatal,
      retry: (p, hooks) => withRetry(p, { attempts: config.retries + 1, timeoutMs: config.timeoutMs }, hooks),
    });
  };
}

/**
 * JUROR_MOCK_LATENCY_MS: the built-in mock answers after this delay, to try concurrency settings
 * (and benchmark the runner) against a slow provider without a key. Unset or 0: no delay.
 */
function mockOptions(env: Record<string, string | undefined>): { latencyMs: number } | undefined {
  const raw = env.JUROR_MOCK_LATENCY_MS?.trim();
  if (!raw) return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0 || ms > 600_000) throw new ConfigError(`JUROR_MOCK_LATENCY_MS must be a whole number of ms from 0 to 600000, got "${raw}"`);
  return ms > 0 ? { latencyMs: ms } : undefined;
}

function prepare(store: Store, ctx: CliContext, suiteArg: string | undefined, flags: RunFlags) {
  if (flags.resume !== undefined) {
    // the run keeps the slice it started with: its cases are stored
    if (flags.shard !== undefined) throw new ConfigError('--shard cannot be combined with --resume (a resumed run keeps its own slice)');
    const run = findResumableRun(store, typeof flags.resume === 'string' ? flags.resume : undefined);
    const c = runConfig(run);
    if (!run.suitePath) throw new ConfigError(`run "${run.id}" has no suite path recorded; it cannot be resumed`);
    return {
      stored: c,
      storedPass: c.pass,
      resumeRunId: run.id,
      shard: null,
      suitePath: run.suitePath,
      providerSpec: run.provider,
      judgeSpec: run.judge ?? undefined,
      config: {
        cache: c.cache ?? true,
        timeoutMs: c.timeoutMs ?? 60_000,
        retries: c.retries ?? 3,
        // concurrency may change on resume (it does not change results); the rest may not
        concurrency: intOption('--concurrency', flags.concurrency, c.concurrency ?? 8),
        repeat: c.repeat ?? 1,
        judgeRepeat: c.judgeRepeat ?? 1,
        filter: c.filter ?? null,
        exclude: c.exclude ?? null,
        caseIds: c.caseIds ?? null,
        batch: Boolean(c.batch) || Boolean(flags.batch),
      },
    };
  }
  if (!suiteArg) throw new ConfigError('missing SUITE: juror run suites/NAME.yaml (or --resume to continue a run)');
  return {
    stored: undefined,
    storedPass: undefined,
    resumeRunId: undefined,
    shard: flags.shard === undefined ? null : parseShard(flags.shard),
    suitePath: resolve(ctx.cwd, suiteArg),
    providerSpec: flags.provider,
    judgeSpec: flags.judge,
    config: {
      cache: flags.cache !== false,
      timeoutMs: intOption('--timeout', flags.timeout, 60_000, 1, 3_600_000),
      retries: intOption('--retries', flags.retries, 3, 0, 20),
      concurrency: intOption('--concurrency', flags.concurrency, 8, 1, 1024),
      repeat: intOption('--repeat', flags.repeat, 1, 1, 1000),
      judgeRepeat: intOption('--judge-repeat', flags.judgeRepeat, 1, 1, 100),
      filter: flags.filter ?? null,
      exclude: flags.exclude?.length ? flags.exclude : null,
      caseIds: flags.case?.length ? flags.case : null,
      ...(flags.batch ? { batch: true } : {}),
    },
  };
}

/** The rubrics a suite's judge scores with, as stored on its runs. */
export function suiteRubrics(suite: Suite): Array<{ path: string; rubric: Rubric }> {
  return suite.scorers.filter((s) => s.name === RUBRIC_SCORER).map((s) => s.options as RubricOptions);
}

/** Print the summary (and the reports asked for) and choose the exit code; `juror merge` ends the same way. */
export async function report(ctx: CliContext, store: Store, db: string, result: RunResult, flags: RunFlags): Promise<number> {
  const run = store.getRun(result.runId)!;
  const columns = result.summary.columns;
  const needReport = flags.json || flags.junit || flags.html || columns;
  const colour = useColour(flags.json ? ctx.stderr : ctx.stdout, ctx.env);
  let table = formatSummary(run, result.status, result.summary, db, { colour });
  const full = needReport ? await loadReport(store, run) : undefined;
  if (full && columns) {
    const { formatMatrix } = await import('../../reporters/matrix-text.js');
    const { matrixGrid } = await import('../../runner/matrix-grid.js');
    const { paintFor } = await import('../../reporters/colour.js');
    table += `\n${formatMatrix(columns, matrixGrid(full.cases, columns.length), run.id, paintFor(colour))}`;
  }
  if (full && flags.junit) {
    const { toJUnit } = await import('../../reporters/junit.js');
    writeFileSync(resolve(ctx.cwd, flags.junit), toJUnit(full));
  }
  if (full && flags.html) {
    const { toHtml } = await import('../../reporters/html.js');
    writeFileSync(resolve(ctx.cwd, flags.html), toHtml(full));
  }
  if (full && flags.json) {
    const { toJsonDocument } = await import('../../reporters/json.js');
    ctx.stderr.write(table);
    writeJson(ctx, toJsonDocument(full, { dbPath: db }));
  } else {
    ctx.stdout.write(table);
  }
  const resume = `${run.kind === 'judge' ? 'juror judge' : 'juror run'} --resume ${result.runId}`;
  if (result.status === 'interrupted') {
    ctx.stderr.write(`Interrupted. Resume with: ${resume}\n`);
    return EXIT.interrupted;
  }
  const s = result.summary;
  if (result.fatal) {
    const rest = s.notRun ? `; ${s.notRun} of ${s.total + s.notRun} cases not run (fix it, then: ${resume})` : '';
    ctx.stderr.write(`Stopped: ${result.fatal}${rest}\n`);
    return EXIT.infra;
  }
  if (result.configErrors > 0) return EXIT.badInput;
  // A repeat that errored or went unscored is missing data even when its case's reduced verdict
  // stands; failures are counted on the reduced verdicts (the suite's `reduce:`).
  // So is a panel member's verdict lost to its failed call, even where the other judges scored the output.
  if (s.errored > 0 || s.unscored > 0 || panelCallsFailed(s.panel)) return EXIT.infra;
  return (s.reduced ?? s).failed > 0 ? EXIT.failures : EXIT.ok;
}
