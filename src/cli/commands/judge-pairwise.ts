import type { Register } from './index.js';
import { showProgress, writeJson } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { columnName } from '../../storage/run-columns.js';

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
 * `juror judge-pairwise RUN_A RUN_B [RUN_C ...]`: for every case the sources share, a judge says
 * which output is better on each pairwise criterion, in both orders. A source is a run, a matrix
 * column (`RUN:N`, or `RUN:PROVIDER` / `RUN:PROMPT` as compare reads it) or a matrix run named
 * without a column: all of its columns. Prints win/tie/loss with a CI, position consistency per
 * judge and, for three or more sources, Bradley–Terry strengths.
 * Exit: 0 finished, 3 some pair left unscored (a judge call or verdict failed), 130 interrupted.
 */
export const register: Register = (program, ctx, setExit) => {
  program
    .command('judge-pairwise')
    .argument('<runs...>', 'two or more runs or matrix columns to compare ("latest", "latest~1", RUN:N = column N; a matrix run without a column = all its columns)')
    .description('ask a judge which of two runs\' (or matrix columns\') outputs is better, case by case, in both orders (win rate, position consistency, Bradley–Terry)')
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
    const { intOption, openStore, findSources } = await import('./run-common.js');
    const { sameSource, sourceRef } = await import('../../storage/run-columns.js');
    const { loadRubric } = await import('../../loader/load-rubric.js');
    const { resolveProvider } = await import('../../providers/resolve.js');
    const { withRetry } = await import('../../providers/retry.js');
    const { newCounters, wrapProvider } = await import('../../runner/wrap-providers.js');
    const { judgePairwise } = await import('../../runner/judge-pairwise.js');
    const { formatPairwise } = await import('../../reporters/pairwise.js');
    type Rubric = import('../../core/rubric.js').Rubric;
    type Provider = import('../../providers/provider.js').Provider;

    const concurrency = intOption('--concurrency', flags.concurrency, 8, 1, 1024);
    const timeoutMs = intOption('--timeout', flags.timeout, 60_000, 1, 3_600_000);
    const retries = intOption('--retries', flags.retries, 3, 0, 20);
    const { store } = await openStore(ctx, flags.db, { mustExist: true });
    const opened: Provider[] = [];
    try {
      const found = [];
      for (const id of runIds) found.push(await findSources(store, id));
      const runs = found.map((f) => f.run);
      const judged = runs.find((r) => r.kind !== 'run');
      if (judged) throw new ConfigError(`run "${judged.id}" is a ${judged.kind} run; compare the suite runs (${judged.parentRunId})`);
      const picked = found.flatMap((f) => f.sources);
      if (picked.length < 2) {
        throw new ConfigError(`run ${runs[0]!.id} has one column: judge-pairwise needs two runs or matrix columns (juror judge-pairwise RUN_A RUN_B, or RUN:1 RUN:2)`);
      }
      const dup = picked.find((x, i) => picked.findIndex((y) => sameSource(x, y)) !== i);
      if (dup) throw new ConfigError(`${dup.column === undefined ? 'run' : 'column'} ${sourceRef(dup)} is given twice: compare two different runs or columns`);
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
          sources: sourceLabels(picked, runs),
          rubric,
          judges,
          concurrency,
          signal: ctx.signal,
          onStart: ({ comparisonId, pairs, calls }) =>
            ctx.stderr.write(`Comparing ${picked.map(sourceRef).join(' vs ')} as ${comparisonId}: ${pairs} pairs × ${specs.length} judge(s), ${calls} judge calls\n`),
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

type Source = import('../../storage/store.js').PairwiseSource;

/**
 * Short names for reports, the first set that tells every source apart: a column by its provider
 * and prompt, a run by its suite name (else its provider); failing both, `RUN` / `RUN:N`.
 */
function sourceLabels(sources: Source[], runs: Array<{ id: string; suiteName: string; provider: string }>): Source[] {
  const runOf = new Map(runs.map((r) => [r.id, r]));
  const column = (s: Source) => (s.column === undefined ? undefined : columnName({ provider: s.provider!, prompt: s.prompt! }));
  const ways: Array<(s: Source) => string> = [
    (s) => column(s) ?? runOf.get(s.runId)!.suiteName,
    (s) => column(s) ?? runOf.get(s.runId)!.provider,
    (s) => (s.column === undefined ? s.runId : `${s.runId}:${s.column}`),
  ];
  const pick = ways.find((way) => new Set(sources.map(way)).size === sources.length) ?? ways[2]!;
  return sources.map((s) => ({ ...s, label: pick(s) }));
}
