#!/usr/bin/env node
// Thin launcher. `npm run build` compiles src/ to dist/ (tsc) and bundles the CLI into
// dist/bundle/ (scripts/bundle-cli.mjs), which starts in about half the time of the ~400 separate
// modules. A bundle older than dist/cli/main.js is stale (tsc was run alone): then the compiled
// modules are loaded instead, so the CLI never runs code older than dist/.
import { statSync } from 'node:fs';

const mtime = (rel) => statSync(new URL(rel, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundle = mtime('../dist/bundle/juror.js');
const { main } = await import(bundle >= 0 && bundle >= mtime('../dist/cli/main.js') ? '../dist/bundle/juror.js' : '../dist/cli/main.js');

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(err?.stack ?? String(err)); process.exitCode = 70; },
);
