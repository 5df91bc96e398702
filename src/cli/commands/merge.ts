import type { Register } from './index.js';

interface MergeFlags {
  db?: string;
  cache: boolean;
  json?: boolean;
  junit?: string;
  html?: string;
}

/**
 * `juror merge DB…`: the shard runs of a CI matrix (`juror run --shard i/n`, one database per
 * job) become one run in `--db`, as if the suite had run on one machine.
 */
export const register: Register = (program, ctx, setExit) => {
  program
    .command('merge')
    .argument('<dbs...>', 'shard databases (one per `juror run --shard i/n` job)')
    .description('merge the shard runs of a suite (juror run --shard i/n) into one run')
    .option('--db <file>', 'database to write the merged run to (default .juror/juror.db, or JUROR_DB)')
    .option('--no-cache', 'do not copy the shards\' response caches')
    .option('--json', 'print one JSON document (run, summary, per-case results) on stdout')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--html <file>', 'write a self-contained HTML report')
    .action(async (dbs: string[], flags: MergeFlags) => {
      const { mergeCommand } = await import('./merge-action.js');
      setExit(await mergeCommand(ctx, dbs, flags));
    });
};

export type { MergeFlags };
