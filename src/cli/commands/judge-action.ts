import { resolve } from 'node:path';
import { rubricCriterion, RUBRIC_SCORER } from '../../core/criterion.js';
import { ConfigError } from '../../core/errors.js';
import { reducerOf } from '../../core/reducer.js';
import { loadPrices } from '../../loader/load-prices.js';
import { loadRubric } from '../../loader/load-rubric.js';
import { loadSuite } from '../../loader/load-suite.js';
import type { PassRule, ScorerSpec, Suite } from '../../loader/suite.js';
import { priceFor, pricedBy } from '../../providers/pricing.js';
import { FatalStop } from '../../runner/fatal-stop.js';
import { gitCommit } from '../../runner/git.js';
import { planFromSuite } from '../../runner/plan-from-suite.js';
import { runConfig, type RunConfig } from '../../runner/run-config.js';
import { runSuite } from '../../runner/run-suite.js';
import { newCounters } from '../../runner/wrap-providers.js';
import { buildScorers, findScorer } from '../../scorers/registry.js';
import type { RunRecord } from '../../storage/store.js';
import type { CliContext } from '../context.js';
import type { JudgeFlags } from './judge.js';
import { providerWrapper, runSession, suiteRubrics } from './run-action.js';
import { openJudges } from './run-judges.js';
import { findRun, intOption } from './run-common.js';

/**
 * `juror judge`: the same lifecycle as `juror run` (runner/run-suite.ts) with the parent's stored
 * outputs as the generation source. Every scorer of the suite scores again (the deterministic ones
 * give the same values, the judge-based ones ask the new judge), and the parent's `pass:` rules
 * decide, so a judge run's pass rate compares with its parent's.
 */
export async function judgeCommand(ctx: CliContext, flags: JudgeFlags): Promise<number> {
  return runSession(ctx, flags, { mustExist: true }, async ({ store, opened, progress }) => {
    const parent = findRun(store, flags.run);
    if (parent.kind !== 'run') throw new ConfigError(`run "${parent.id}" is a ${parent.kind} run; judge the suite run it re-scored (${parent.parentRunId})`);
    const parentConfig = runConfig(parent);
    const judgeSpec = flags.judge ?? parent.judge;
    if (!judgeSpec) throw new ConfigError(`run "${parent.id}" had no judge: pass --judge SPEC`);
    const config = {
      cache: flags.cache !== false,
      timeoutMs: intOption('--timeout', flags.timeout, 60_000, 1, 3_600_000),
      retries: intOption('--retries', flags.retries, 3, 0, 20),
      concurrency: intOption('--concurrency', flags.concurrency, 8, 1, 1024),
      judgeRepeat: intOption('--judge-repeat', flags.judgeRepeat, 1, 1, 100),
    };
    const rubricPath = flags.rubric ? resolve(ctx.cwd, flags.rubric) : null;
    const suite = judgeSuite(parent, parentConfig, rubricPath);
    const counters = newCounters();
    const fatal = new FatalStop();
    // The suite's panel rule, else the one the parent run was judged with (its judges, when --judge is not given).
    const aggregate = suite.judge?.aggregate ?? (flags.judge === undefined ? parentConfig.judgePanel?.aggregate : undefined);
    const judges = await openJudges(judgeSpec, providerWrapper(ctx, store, flags, config, { counters, fatal, opened }), { aggregate, judgeRepeat: config.judgeRepeat });
    const judge = judges.judge;
    const prices = flags.prices ? loadPrices(resolve(ctx.cwd, flags.prices)) : {};
    const plan = planFromSuite(suite, buildScorers(suite, judges.deps), []);
    const stored = {
      ...config,
      suitePath: parent.suitePath ?? undefined,
      pass: suite.pass,
      rubrics: suiteRubrics(suite),
      rubricPath,
      ...(judges.judgePanel ? { judgePanel: judges.judgePanel } : {}),
    } satisfies RunConfig;
    return runSuite(
      plan,
      {
        providerSpec: parent.provider,
        judgeSpec,
        concurrency: config.concurrency,
        reuseOutputsOf: parent.id,
        config: stored,
        gitCommit: gitCommit(ctx.cwd),
        signal: ctx.signal,
        onStart: ({ runId, total }) => {
          ctx.stderr.write(`Judging ${total} outputs of ${parent.id} with ${judgeSpec} as ${runId}\n`);
          progress.start(total, 0);
        },
        onResult: (o, done) => progress.update(o, done),
      },
      {
        store,
        counters,
        estimateCost: pricedBy(prices),
        judgeModel: judge.model,
        fatal,
        unpricedModels: [...new Set(judges.all.map((j) => j.model))].filter((m) => priceFor(m, prices) === null),
      },
    );
  });
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
