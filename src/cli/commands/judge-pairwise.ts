import type { Register } from './index.js';
import { showProgress, writeJson } from '../context.js';
import { EXIT } from '../exit-codes.js';

interface PairwiseFlags {
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
 * `juror judge-pairwise RUN_A RUN_B [RUN_C ...]`: for every case the runs share, a judge says which
 * output is better on each pairwise criterion, in both orders. Prints win/tie/loss with a CI,
 * position consistency per judge and, for three or more runs, Bradley–Terry strengths.
 * Exit: 0 finished, 3 some pair left unscored (a judge call or verdict failed), 130 interrupted.
 */
export const register: Register = (program, ctx, setExit) => {
  program
    .command('judge-pairwise')
    .argument('<runs...>', 'two or more run ids to compare ("latest", "latest~1" work)')
    .description('ask a judge which of two runs\' outputs is better, case by case, in both orders (win rate, position consistency, Bradley–Terry)')
    .option('--rubric <file>', 'rubric with `mode: pairwise` criteria (default: the pairwise criteria of the first run\'s rubrics)')
    .option('--judge <specs>', 'judge model(s), comma-separated (default: the first run\'s judge)')
    .option('--concurrency <n>', 'pairs in flight at once, two calls each (default 8)')
    .option('--db <file>', 'database file')
    .option('--json', 'print one JSON document')
    .option('--no-cache', 'always call the judge')
    .option('--timeout <ms>', 'per-call timeout in ms (default 60000)')
    .option('--retries <n>', 'retries per call after the first try (default 3)')
    .action(async (runs: string[], flags: PairwiseFlags) => {
      setExit(await pairwiseCommand(runs, flags));
    });

  async function pairwiseCommand(runIds: string[], flags: PairwiseFlags): Promise<number> {
    const { resolve } = await import('node:path');
    const { ConfigError } = await import('../../core/errors.js');
    const { rubricOfMode } = await import('../../core/rubric.js');
    const { intOption, openStore, findRun } = await import('./run-common.js');
    const { loadRubric } = await import('../../loader/load-rubric.js');
    const { resolveProvider } = await import('../../providers/resolve.js');
    const { withRetry } = await import('../../providers/retry.js');
    const { newCounters, wrapProvider } = await import('../../runner/wrap-providers.js');
    const { judgePairwise } = await import('../../runner/judge-pairwise.js');
    const { formatPairwise } = await import('../../reporters/pairwise.js');
    type Rubric = import('../../core/rubric.js').Rubric;
    type Provider = import('../../providers/provider.js').Provider;

    if (runIds.length < 2) throw new ConfigError('judge-pairwise needs at least two runs: juror judge-pairwise RUN_A RUN_B');
    const concurrency = intOption('--concurrency', flags.concurrency, 8, 1, 1024);
    const timeoutMs = intOption('--timeout', flags.timeout, 60_000, 1, 3_600_000);
    const retries = intOption('--retries', flags.retries, 3, 0, 20);
    const { store } = await openStore(ctx, flags.db, { mustExist: true });
    const opened: Provider[] = [];
    try {
      const runs = runIds.map((id) => findRun(store, id));
      const dup = runs.find((r, i) => runs.findIndex((x) => x.id === r.id) !== i);
      if (dup) throw new ConfigError(`run ${dup.id} is given twice: compare two different runs`);
      const judged = runs.find((r) => r.kind !== 'run');
      if (judged) throw new ConfigError(`run "${judged.id}" is a ${judged.kind} run; compare the suite runs (${judged.parentRunId})`);
      let rubric: Rubric | undefined;
      if (flags.rubric) {
        const path = resolve(ctx.cwd, flags.rubric);
        const loaded = loadRubric(path);
        rubric = rubricOfMode(loaded, 'pairwise');
        if (!rubric) throw new ConfigError(`${flags.rubric}: rubric "${loaded.name}" has no criterion with mode: pairwise`);
      } else {
        const { runConfig } = await import('../../runner/run-config.js');
        const stored = runConfig(runs[0]!).rubrics ?? [];
        rubric = stored.map((r) => rubricOfMode(r.rubric, 'pairwise')).find((r) => r !== undefined);
        if (!rubric) throw new ConfigError(`run ${runs[0]!.id} has no pairwise rubric: pass --rubric FILE (e.g. rubrics/pairwise.yaml)`);
      }
      const specs = (flags.judge ?? runs[0]!.judge ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (specs.length === 0) throw new ConfigError(`run ${runs[0]!.id} had no judge: pass --judge SPEC`);
      const twice = specs.find((s, i) => specs.indexOf(s) !== i);
      if (twice) throw new ConfigError(`--judge: "${twice}" is given twice`);
      const counters = newCounters();
      const judges: Provider[] = [];
      for (const spec of specs) {
        const raw = await resolveProvider(spec, { env: ctx.env, cwd: ctx.cwd, timeoutMs });
        opened.push(raw);
        judges.push(
          wrapProvider(raw, {
            store,
            cache: flags.cache !== false,
            counters,
            retry: (p, hooks) => withRetry(p, { attempts: retries + 1, timeoutMs }, hooks),
          }),
        );
      }
      const progress = showProgress(ctx);
      const result = await judgePairwise(
        {
          sources: sourceLabels(runs),
          rubric,
          judges,
          concurrency,
          signal: ctx.signal,
          onStart: ({ comparisonId, pairs, calls }) =>
            ctx.stderr.write(`Comparing ${runs.map((r) => r.id).join(' vs ')} as ${comparisonId}: ${pairs} pairs × ${specs.length} judge(s), ${calls} judge calls\n`),
          onPair: (done, total) => {
            if (progress) ctx.stderr.write(`\r  ${done}/${total} pairs judged`);
          },
        },
        { store },
      );
      if (progress) ctx.stderr.write('\n');
      if (flags.json) writeJson(ctx, { ...result.summary, status: result.status });
      else ctx.stdout.write(formatPairwise(result.summary, result.status));
      if (result.status === 'interrupted') {
        ctx.stderr.write(`Interrupted: comparison ${result.comparisonId} is incomplete.\n`);
        return EXIT.interrupted;
      }
      const unscored = result.summary.criteria.some((c) => c.judges.some((j) => j.pairs.some((p) => p.unscored > 0)));
      return unscored ? EXIT.infra : EXIT.ok;
    } finally {
      for (const p of opened) await p.close?.();
      store.close();
    }
  }
};

/** Short names for reports: the suite names when they differ, else the providers, else the run ids. */
function sourceLabels(runs: Array<{ id: string; suiteName: string; provider: string }>): Array<{ label: string; runId: string }> {
  const distinct = (xs: string[]) => new Set(xs).size === xs.length;
  const pick = distinct(runs.map((r) => r.suiteName)) ? (r: (typeof runs)[number]) => r.suiteName
    : distinct(runs.map((r) => r.provider)) ? (r: (typeof runs)[number]) => r.provider
    : (r: (typeof runs)[number]) => r.id;
  return runs.map((r) => ({ label: pick(r), runId: r.id }));
}
