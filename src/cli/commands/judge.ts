import type { Register } from './index.js';
import { writeJson } from '../context.js';
import { EXIT } from '../exit-codes.js';

interface JudgeFlags {
  run: string;
  judge?: string;
  rubric?: string;
  concurrency?: string;
  db?: string;
  json?: boolean;
  cache: boolean;
  timeout?: string;
  retries?: string;
}

/**
 * `juror judge --run RUN --judge SPEC`: re-score a run's stored outputs with a (new) judge or
 * rubric, as a new run of kind 'judge'. The system under test is not called.
 */
export const register: Register = (program, ctx, setExit) => {
  program
    .command('judge')
    .description('re-score the stored outputs of a run with a judge (a new run of kind "judge"; no regeneration)')
    .requiredOption('--run <run>', 'the run whose outputs to judge (or "latest")')
    .option('--judge <spec>', 'judge model (default: the run\'s judge)')
    .option('--rubric <file>', 'rubric file (default: the rubric the run was scored with)')
    .option('--concurrency <n>', 'judge calls in flight at once (default 8)')
    .option('--db <file>', 'database file')
    .option('--json', 'print one JSON document')
    .option('--no-cache', 'always call the judge')
    .option('--timeout <ms>', 'per-call timeout in ms (default 60000)')
    .option('--retries <n>', 'retries per call after the first try (default 3)')
    .action(async (flags: JudgeFlags) => {
      setExit(await judgeCommand(flags));
    });

  async function judgeCommand(flags: JudgeFlags): Promise<number> {
    const { resolve } = await import('node:path');
    const { ConfigError } = await import('../../core/errors.js');
    const { intOption, openStore, findRun, loadReport } = await import('./run-common.js');
    const { loadRubric } = await import('../../loader/load-rubric.js');
    const { resolveProvider } = await import('../../providers/resolve.js');
    const { withRetry } = await import('../../providers/retry.js');
    const { estimateCost } = await import('../../providers/pricing.js');
    const { newCounters, wrapProvider } = await import('../../runner/wrap-providers.js');
    const { rejudgeRun } = await import('../../runner/rejudge.js');
    const { gitCommit } = await import('../../runner/git.js');
    const { createProgress, formatSummary } = await import('../../reporters/console.js');
    const { showProgress } = await import('../context.js');
    type Rubric = import('../../core/rubric.js').Rubric;

    const concurrency = intOption('--concurrency', flags.concurrency, 8, 1, 1024);
    const timeoutMs = intOption('--timeout', flags.timeout, 60_000, 1, 3_600_000);
    const retries = intOption('--retries', flags.retries, 3, 0, 20);
    const { store, path: db } = await openStore(ctx, flags.db, { mustExist: true });
    let judgeProvider: { close?(): Promise<void> } | undefined;
    try {
      const parent = findRun(store, flags.run);
      const judgeSpec = flags.judge ?? parent.judge;
      if (!judgeSpec) throw new ConfigError(`run "${parent.id}" had no judge: pass --judge SPEC`);
      let rubric: Rubric;
      let rubricPath: string | null = null;
      if (flags.rubric) {
        rubricPath = resolve(ctx.cwd, flags.rubric);
        rubric = loadRubric(rubricPath);
      } else {
        const stored = (parent.config.rubrics as Array<{ path: string; rubric: Rubric }> | undefined) ?? [];
        if (stored.length === 0) throw new ConfigError(`run "${parent.id}" was not scored with a rubric: pass --rubric FILE`);
        if (stored.length > 1) throw new ConfigError(`run "${parent.id}" used ${stored.length} rubrics: pick one with --rubric FILE`);
        rubric = stored[0]!.rubric;
        rubricPath = stored[0]!.path;
      }
      const suiteJudge = await suiteJudgeTemplates(parent.suitePath);
      const counters = newCounters();
      const raw = await resolveProvider(judgeSpec, { env: ctx.env, cwd: ctx.cwd, timeoutMs });
      judgeProvider = raw;
      const judge = wrapProvider(raw, {
        store,
        cache: flags.cache !== false,
        counters,
        retry: (p, hooks) => withRetry(p, { attempts: retries + 1, timeoutMs }, hooks),
      });
      const progress = createProgress(ctx.stderr, showProgress(ctx));
      let result;
      try {
        result = await rejudgeRun(
          {
            parentRunId: parent.id,
            judgeSpec,
            rubric,
            rubricPath,
            template: suiteJudge?.prompt,
            input: suiteJudge?.input,
            concurrency,
            gitCommit: gitCommit(ctx.cwd),
            signal: ctx.signal,
            onStart: ({ runId, total }) => {
              ctx.stderr.write(`Judging ${total} outputs of ${parent.id} with ${judgeSpec} as ${runId}\n`);
              progress.start(total, 0);
            },
            onResult: (o, done) => progress.update(o, done),
          },
          { store, judge, counters, estimateCost },
        );
      } finally {
        progress.stop();
      }
      const run = store.getRun(result.runId)!;
      const table = formatSummary(run, result.status, result.summary, db);
      if (flags.json) {
        const { toJsonDocument } = await import('../../reporters/json.js');
        ctx.stderr.write(table);
        writeJson(ctx, toJsonDocument(await loadReport(store, run), { dbPath: db }));
      } else ctx.stdout.write(table);
      if (result.status === 'interrupted') {
        ctx.stderr.write(`Interrupted. Judge run ${result.runId} is incomplete; run juror judge again.\n`);
        return EXIT.interrupted;
      }
      const s = result.summary;
      if (s.errored > 0 || s.unscored > 0) return EXIT.infra;
      return s.failed > 0 ? EXIT.failures : EXIT.ok;
    } finally {
      await judgeProvider?.close?.();
      store.close();
    }
  }
};

/** The parent suite's custom judge prompt/input templates, if its file is still readable. */
async function suiteJudgeTemplates(suitePath: string | null | undefined) {
  if (!suitePath) return undefined;
  try {
    const { loadSuite } = await import('../../loader/load-suite.js');
    return loadSuite(suitePath).judge;
  } catch {
    return undefined; // moved or edited since: the default judge prompt is used
  }
}
