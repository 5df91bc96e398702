import { resolve } from 'node:path';
import { rubricCriterion, RUBRIC_SCORER } from '../../core/criterion.js';
import { ConfigError, NotFoundError } from '../../core/errors.js';
import { reducerOf } from '../../core/reducer.js';
import { loadPrices } from '../../loader/load-prices.js';
import { loadRubric } from '../../loader/load-rubric.js';
import { loadSuite } from '../../loader/load-suite.js';
import type { PassRule, ScorerSpec, Suite } from '../../loader/suite.js';
import { atBatchPrices, priceFor, pricedBy } from '../../providers/pricing.js';
import { FatalStop } from '../../runner/fatal-stop.js';
import { gitCommit } from '../../runner/git.js';
import { planFromSuite } from '../../runner/plan-from-suite.js';
import { runConfig, type RunConfig } from '../../runner/run-config.js';
import { runSuite } from '../../runner/run-suite.js';
import { newCounters } from '../../runner/wrap-providers.js';
import { buildScorers, findScorer } from '../../scorers/registry.js';
import type { RunRecord, Store } from '../../storage/store.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { BatchRun } from '../../runner/batch-run.js';
import type { JudgeFlags } from './judge.js';
import { batchRun, providerWrapper, runSession, suiteRubrics } from './run-action.js';
import { openJudges } from './run-judges.js';
import { findRun, intOption } from './run-common.js';

/**
 * `juror judge`: the same lifecycle as `juror run` (runner/run-suite.ts) with the parent's stored
 * outputs as the generation source. Every scorer of the suite scores again (the deterministic ones
 * give the same values, the judge-based ones ask the new judge), and the parent's `pass:` rules
 * decide, so a judge run's pass rate compares with its parent's.
 */
export async function judgeCommand(ctx: CliContext, flags: JudgeFlags): Promise<number> {
  let batch: BatchRun | undefined;
  let expired = false;
  const code = await runSession(ctx, flags, { mustExist: true }, async ({ store, opened, progress }) => {
    const resumed = flags.resume === undefined ? undefined : resumableJudgeRun(store, flags);
    if (!resumed && flags.run === undefined) throw new ConfigError('missing --run RUN (or --resume JUDGE_RUN to continue a judge run)');
    const parent = findRun(store, resumed?.run.parentRunId ?? flags.run!);
    if (parent.kind !== 'run') throw new ConfigError(`run "${parent.id}" is a ${parent.kind} run; judge the suite run it re-scored (${parent.parentRunId})`);
    const parentConfig = runConfig(parent);
    const judgeSpec = resumed?.run.judge ?? flags.judge ?? parent.judge;
    if (!judgeSpec) throw new ConfigError(`run "${parent.id}" had no judge: pass --judge SPEC`);
    // A resumed judge run is the run it was: its judge, rubric, repeats and pass rules (concurrency may change).
    const was = resumed?.config;
    const config = {
      cache: was ? (was.cache ?? true) : flags.cache !== false,
      timeoutMs: was?.timeoutMs ?? intOption('--timeout', flags.timeout, 60_000, 1, 3_600_000),
      retries: was?.retries ?? intOption('--retries', flags.retries, 3, 0, 20),
      concurrency: intOption('--concurrency', flags.concurrency, was?.concurrency ?? 8, 1, 1024),
      judgeRepeat: was?.judgeRepeat ?? intOption('--judge-repeat', flags.judgeRepeat, 1, 1, 100),
    };
    const rubricPath = was ? (was.rubricPath ?? null) : flags.rubric ? resolve(ctx.cwd, flags.rubric) : null;
    const suite = judgeSuite(parent, parentConfig, rubricPath);
    if (was?.pass) suite.pass = was.pass;
    const counters = newCounters();
    const fatal = new FatalStop();
    batch = flags.batch || was?.batch ? await batchRun(ctx, store, flags, config.cache ? () => void counters.cachedCalls++ : undefined) : undefined;
    // The suite's panel rule, else the one the parent run was judged with (its judges, when --judge is not given).
    const aggregate = was?.judgePanel?.aggregate ?? suite.judge?.aggregate ?? (flags.judge === undefined ? parentConfig.judgePanel?.aggregate : undefined);
    const judges = await openJudges(judgeSpec, providerWrapper(ctx, store, flags, config, { counters, fatal, opened, batch }), { aggregate, judgeRepeat: config.judgeRepeat });
    const judge = judges.judge;
    // Before the run exists: a server without a batch API costs nothing and leaves nothing behind.
    await batch?.check();
    const prices = flags.prices ? loadPrices(resolve(ctx.cwd, flags.prices)) : {};
    const plan = planFromSuite(suite, buildScorers(suite, judges.deps), []);
    const stored = {
      ...config,
      suitePath: parent.suitePath ?? undefined,
      pass: suite.pass,
      rubrics: suiteRubrics(suite),
      rubricPath,
      ...(judges.judgePanel ? { judgePanel: judges.judgePanel } : {}),
      ...(batch ? { batch: true } : {}),
    } satisfies RunConfig;
    const result = await runSuite(
      plan,
      {
        providerSpec: parent.provider,
        judgeSpec: judges.spec,
        concurrency: config.concurrency,
        reuseOutputsOf: parent.id,
        resumeRunId: resumed?.run.id,
        config: stored,
        gitCommit: gitCommit(ctx.cwd),
        signal: ctx.signal,
        onStart: ({ runId, total, alreadyDone }) => {
          const done = alreadyDone ? `, ${alreadyDone} already done` : '';
          ctx.stderr.write(`${resumed ? 'Resuming' : 'Judging'} ${total} outputs of ${parent.id} with ${judges.spec}${batch ? ` through ${judges.all.length > 1 ? 'their batch APIs' : 'its batch API'}` : ''}${done} as ${runId}\n`);
          // With --batch the waiting is on the batches (their status line); the pass over the answers is quick.
          if (!batch) progress.start(total, alreadyDone);
        },
        onResult: (o, done) => progress.update(o, done),
      },
      {
        store,
        counters,
        estimateCost: batch ? atBatchPrices(pricedBy(prices)) : pricedBy(prices),
        judgeModel: judge.model,
        fatal,
        unpricedModels: [...new Set(judges.all.map((j) => j.model))].filter((m) => priceFor(m, prices) === null),
        batch,
      },
    );
    const note = batch?.expiredNote('juror judge --resume');
    if (note) ctx.stderr.write(`${note}\n`);
    expired = note !== null && note !== undefined;
    return result;
  });
  // Left unfinished by an expired batch, not by Ctrl-C: outputs not judged through no fault of the input (exit 3).
  return expired && code === EXIT.interrupted ? EXIT.infra : code;
}

/** `--resume JUDGE_RUN`: an unfinished judge run, with the configuration it started with. */
function resumableJudgeRun(store: Store, flags: JudgeFlags): { run: RunRecord; config: RunConfig } {
  if (flags.judge !== undefined || flags.rubric !== undefined || flags.run !== undefined) {
    throw new ConfigError('--resume continues a judge run as it started: leave out --run, --judge and --rubric');
  }
  const run = store.getRun(flags.resume!);
  if (!run) throw new NotFoundError(`run "${flags.resume}" not found`);
  if (run.kind !== 'judge') throw new ConfigError(`run "${run.id}" is a ${run.kind} run; juror judge --resume continues a judge run (juror run --resume a suite run)`);
  if (run.status === 'finished') throw new ConfigError(`run "${run.id}" already finished; nothing to resume`);
  return { run, config: runConfig(run) };
}

/**
 * What the judge run scores with: the parent's suite file (its scorers, judge prompt and input),
 * with `--rubric` in place of its rubric scorers. When the suite file is gone or no longer loads,
 * the rubrics stored on the parent run. The parent's `pass:` rules decide, less those naming a
 * criterion nothing scores any more (a rubric swapped by `--rubric`).
 */
function judgeSuite(parent: RunRecord, parentConfig: RunConfig, rubricPath: string | null): Suite {
  let suite: Suite | undefined;
  try {
    if (parent.suitePath) suite = loadSuite(parent.suitePath);
  } catch {
    suite = undefined; // moved or edited since: fall back to what the run stored
  }
  const base: Suite = suite ?? {
    name: parent.suiteName,
    path: parent.suitePath ?? '',
    prompt: { user: { name: 'unused', source: '' } },
    cases: [],
    casesPath: null,
    scorers: [],
    pass: [],
    reduce: reducerOf(parentConfig.reduce),
    defaults: {},
  };
  let scorers: ScorerSpec[];
  if (rubricPath) {
    const rubric = loadRubric(rubricPath);
    const spec = { name: RUBRIC_SCORER, options: { rubric, path: rubricPath }, criteria: rubric.criteria.map((c) => rubricCriterion(c.name)), where: rubricPath };
    scorers = [...base.scorers.filter((s) => s.name !== RUBRIC_SCORER), spec];
  } else if (suite) {
    scorers = suite.scorers;
  } else {
    const rubrics = parentConfig.rubrics ?? [];
    if (rubrics.length === 0) throw new ConfigError(`run "${parent.id}" was not scored with a rubric and its suite file does not load: pass --rubric FILE`);
    scorers = rubrics.map((r) => ({ name: RUBRIC_SCORER, options: r, criteria: r.rubric.criteria.map((c) => rubricCriterion(c.name)), where: r.path }));
  }
  if (!scorers.some((s) => findScorer(s.name)?.usesJudge)) {
    throw new ConfigError(`run "${parent.id}": its suite has no judge-based scorer to run again; pass --rubric FILE`);
  }
  const criteria = new Set(scorers.flatMap((s) => s.criteria));
  const pass: PassRule[] = (parentConfig.pass ?? []).filter((r) => r.metric || criteria.has(r.criterion));
  return { ...base, scorers, pass };
}
