import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { isJurorError, describeError } from '../core/errors.js';
import { registerAll } from './commands/index.js';
import { packagePath } from '../core/package-root.js';

const { version } = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string };

/**
 * A command action returns its exit code. Actions receive the context; they never call
 * process.exit themselves.
 */
export type CommandResult = number | void;

/** Build the commander program. Exposed so tests can run commands in-process. */
export function buildProgram(ctx: CliContext, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('juror')
    .description('Evaluate LLM and RAG systems with humans in the loop.')
    .version(version, '-v, --version')
    .option('--debug', 'print stack traces')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    })
    .showHelpAfterError('(run juror --help for usage)');
  registerAll(program, ctx, setExit);
  return program;
}

/** Run the CLI with the real process environment. Returns the exit code. */
export async function main(argv: string[], overrides: Partial<CliContext> = {}): Promise<number> {
  const controller = new AbortController();
  const ctx: CliContext = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    debug: argv.includes('--debug'),
    signal: controller.signal,
    ...overrides,
  };
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.interrupted); // second Ctrl-C: leave now
    ctx.stderr.write('\nStopping… (Ctrl-C again to quit immediately)\n');
    controller.abort(new Error('interrupted'));
  };
  if (!overrides.signal) {
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigint);
  }
  if (!overrides.stdout) quietWhenReaderLeaves(process.stdout);
  if (!overrides.stderr) quietWhenReaderLeaves(process.stderr);
  let code: number = EXIT.ok;
  try {
    const program = buildProgram(ctx, (c) => (code = c));
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    code = exitCodeFor(err, ctx);
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
  return code;
}

/**
 * `juror runs | head -1`: once the reader is gone there is nobody left to tell anything, so end
 * quietly with 0 (as cat, ls and git do) instead of dying on an unhandled EPIPE with a stack trace.
 */
function quietWhenReaderLeaves(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(EXIT.ok);
    throw err;
  });
}

function exitCodeFor(err: unknown, ctx: CliContext): number {
  if (err instanceof CommanderError) {
    // --help / --version end with code 0; usage mistakes are bad input.
    return err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  if (isJurorError(err)) {
    ctx.stderr.write(`error: ${describeError(err)}\n`);
    if (ctx.debug && err.stack) ctx.stderr.write(err.stack + '\n');
    return err.exitCode;
  }
  ctx.stderr.write(`error: ${describeError(err)}\n`);
  if (ctx.debug && err instanceof Error && err.stack) ctx.stderr.write(err.stack + '\n');
  else ctx.stderr.write('(run with --debug for the stack trace)\n');
  return EXIT.infra;
}
