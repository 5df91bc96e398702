import type { Register } from './index.js';

export interface JudgeFlags {
  run?: string;
  resume?: string;
  judge?: string;
  rubric?: string;
  concurrency?: string;
  db?: string;
  json?: boolean;
  junit?: string;
  html?: string;
  cache: boolean;
  timeout?: string;
  retries?: string;
  prices?: string;
  rpm?: string;
  tpm?: string;
  judgeRepeat?: string;
  batch?: boolean;
  pollInterval?: string;
}

/**
 * `juror judge --run RUN --judge SPEC`: score a run's stored outputs again with a (new) judge or
 * rubric, as a new run of kind 'judge'. The system under test is not called. `--resume JUDGE_RUN`
 * continues one that was interrupted.
 */
export const register: Register = (program, ctx, setExit) => {
  program
    .command('judge')
    .description('re-score the stored outputs of a run with a judge (a new run of kind "judge"; no regeneration)')
    .option('--run <run>', 'the run whose outputs to judge (or "latest")')
    .option('--resume <judge-run>', 'continue an interrupted judge run (its judge, rubric and batches), judging only the outputs it has no scores for')
    .option('--judge <spec>', 'judge model, or a panel: a,b,c (default: the run\'s judge)')
    .option('--rubric <file>', 'score with this rubric instead of the suite\'s rubric scorers')
    .option('--concurrency <n>', 'outputs judged at once (default 8)')
    .option('--db <file>', 'database file')
    .option('--json', 'print one JSON document')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--no-cache', 'always call the judge')
    .option('--timeout <ms>', 'per-call timeout in ms (default 60000)')
    .option('--retries <n>', 'retries per call after the first try (default 3)')
    .option('--prices <file>', 'USD per million input/output tokens per model (YAML/JSON)')
    .option('--rpm <n>', 'at most N requests per minute to the judge')
    .option('--tpm <n>', 'at most N tokens per minute to the judge')
    .option('--judge-repeat <k>', 'ask the rubric judge K times about each output: mean (or majority) score, and its test-retest alpha (default 1)')
    .option('--batch', "send the judge calls through the judge provider's batch API (half price, answers within 24 h)")
    .option('--poll-interval <ms>', 'with --batch: wait between two looks at the running batches (default 30000)')
    .action(async (flags: JudgeFlags) => {
      const { judgeCommand } = await import('./judge-action.js');
      setExit(await judgeCommand(ctx, flags));
    });
};
