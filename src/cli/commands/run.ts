import type { Register } from './index.js';

export interface RunFlags {
  provider?: string;
  prompt?: string[];
  judge?: string;
  concurrency?: string;
  repeat?: string;
  judgeRepeat?: string;
  filter?: string;
  shard?: string;
  exclude?: string[];
  case?: string[];
  db?: string;
  json?: boolean;
  junit?: string;
  html?: string;
  cache: boolean;
  resume?: string | boolean;
  timeout?: string;
  retries?: string;
  rpm?: string;
  prices?: string;
  tpm?: string;
  batch?: boolean;
  pollInterval?: string;
}

/** `juror run SUITE`: run a suite against a provider, score, store, report. */
export const register: Register = (program, ctx, setExit) => {
  program
    .command('run')
    .argument('[suite]', 'suite file (suites/NAME.yaml); omitted with --resume')
    .description('run a suite: call the provider per case, score, store in SQLite, report')
    .option('--provider <spec>', 'system under test: openai:MODEL, anthropic:MODEL, mock, mock+http, replay:FILE; a,b runs every case on each (a matrix; default: the suite\'s)')
    .option('--prompt <file>', 'prompt template instead of the suite\'s (repeatable: a matrix column per prompt)', collect, [])
    .option('--judge <spec>', 'judge model for rubric scorers, or a panel: a,b,c (default: the suite\'s judge.provider or judge.providers)')
    .option('--concurrency <n>', 'cases in flight at once (default 8)')
    .option('--repeat <n>', 'ask each case N times (default 1)')
    .option('--judge-repeat <k>', 'ask the rubric judge K times about each output: mean (or majority) score, and the judge\'s test-retest alpha (default 1)')
    .option('--filter <tags>', 'only cases carrying one of these tags (a,b = either)')
    .option('--exclude <tag>', 'leave out cases carrying this tag (repeatable, or a,b)', collect, [])
    .option('--case <id>', 'only this case (repeatable)', collect, [])
    .option('--shard <i/n>', 'only slice i of n (by a hash of the case id); merge the shards with juror merge')
    .option('--db <file>', 'database file (default .juror/juror.db, or JUROR_DB)')
    .option('--json', 'print one JSON document (run, summary, per-case results) on stdout')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--no-cache', 'always call the providers (the response cache is on by default)')
    .option('--resume [run]', 'continue an interrupted run (default: the latest one)')
    .option('--timeout <ms>', 'per-call timeout in ms (default 60000)')
    .option('--retries <n>', 'retries per call after the first try (default 3)')
    .option('--prices <file>', 'USD per million input/output tokens per model (YAML/JSON), extending the built-in table')
    .option('--rpm <n>', 'at most N requests per minute to each provider (system and judge separately)')
    .option('--tpm <n>', 'at most N tokens per minute to each provider (estimated before the call, corrected after)')
    .option('--batch', "send every call through the providers' batch APIs (half price, answers within 24 h); --resume picks the batches up")
    .option('--poll-interval <ms>', 'with --batch: wait between two looks at the running batches (default 30000)')
    .action(async (suite: string | undefined, flags: RunFlags) => {
      const { runCommand } = await import('./run-action.js');
      setExit(await runCommand(ctx, suite, flags));
    });
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
