import type { Command } from 'commander';
import type { CliContext } from '../context.js';

/**
 * Each command lives in its own file and exports `register(program, ctx, setExit)`.
 * Registration must stay cheap (no heavy imports at top level): implementations are loaded with
 * `await import(...)` inside the action, so `juror --version` starts fast.
 */
export type Register = (program: Command, ctx: CliContext, setExit: (code: number) => void) => void;

import { register as run } from './run.js';
import { register as runs } from './runs.js';
import { register as show } from './show.js';
import { register as compare } from './compare.js';
import { register as report } from './report.js';
import { register as judge } from './judge.js';
import { register as judgePairwise } from './judge-pairwise.js';
import { register as merge } from './merge.js';
import { register as cache } from './cache.js';
import { register as mockServer } from './mock-server.js';
import { register as annotators } from './annotators.js';
import { register as review } from './review.js';
import { register as serve } from './serve.js';
import { register as agreement } from './agreement.js';
import { register as calibrate } from './calibrate.js';

const commands: Register[] = [run, runs, show, compare, report, judge, judgePairwise, merge, cache, mockServer, annotators, review, serve, agreement, calibrate];

export function registerAll(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  for (const register of commands) register(program, ctx, setExit);
}
