#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/main.js, from tsc) into dist/bundle/: juror.js and the lazy
// chunks its dynamic imports become (an SDK, the review server, each command's action). A run
// otherwise loads ~400 ES modules one by one (the openai SDK and zod alone are 210), and resolving,
// reading and compiling them was most of a one-case run's start-up. bin/juror.js loads the bundle
// when it is at least as new as dist/cli/main.js. better-sqlite3 stays external (a native addon),
// and so does whatever the code loads with createRequire at run time (ajv, cli-progress, chart.js...).
// The library (package main: dist/index.js) is not bundled.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'rolldown';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist/bundle');
rmSync(out, { recursive: true, force: true });
await build({
  input: { juror: join(root, 'dist/cli/main.js') },
  platform: 'node',
  external: ['better-sqlite3'],
  logLevel: 'warn',
  output: { dir: out, format: 'esm', chunkFileNames: '[name]-[hash].js' },
});
