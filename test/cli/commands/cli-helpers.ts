import { Writable } from 'node:stream';
import { main } from '../../../src/cli/main.js';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured streams (vitest runs it from source). */
export function runCli(args: string[], opts: { cwd: string; env?: Record<string, string>; signal?: AbortSignal; onStdout?: (s: string) => void }): Promise<Captured> & { out: { stdout: string; stderr: string } } {
  const out = { stdout: '', stderr: '' };
  const sink = (k: 'stdout' | 'stderr') =>
    new Writable({
      write(chunk, _enc, cb) {
        out[k] += String(chunk);
        if (k === 'stdout') opts.onStdout?.(out.stdout);
        cb();
      },
    });
  const p = main(args, {
    stdout: sink('stdout'),
    stderr: sink('stderr'),
    env: opts.env ?? {},
    cwd: opts.cwd,
    signal: opts.signal ?? new AbortController().signal,
  }).then((code) => ({ code, ...out }));
  return Object.assign(p, { out });
}
