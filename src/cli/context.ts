import type { Writable } from 'node:stream';
import { resolve } from 'node:path';

/**
 * Everything a command needs from the outside world. src/cli/ is the ONLY place that reads
 * process.env / argv or decides exit codes; commands receive this context instead, so tests can
 * run them in-process with captured streams and a temporary database.
 */
export interface CliContext {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Set by --debug: print stacks. */
  debug: boolean;
  /** Resolved when a signal (Ctrl-C) asks the command to stop gracefully. */
  signal: AbortSignal;
}

/** Database path: --db, else JUROR_DB, else .juror/juror.db in the current directory. */
export function dbPath(ctx: CliContext, flag?: string): string {
  return resolve(ctx.cwd, flag ?? ctx.env.JUROR_DB ?? '.juror/juror.db');
}

/** Progress bars only on an interactive stderr. */
export function showProgress(ctx: CliContext): boolean {
  return Boolean(ctx.stderr.isTTY) && !ctx.env.CI;
}

export function writeJson(ctx: CliContext, doc: unknown): void {
  ctx.stdout.write(JSON.stringify(doc, null, 2) + '\n');
}
