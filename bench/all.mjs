#!/usr/bin/env node
// `npm run bench`: every quality bar of DESIGN.md, one bench after the other (each prints its own
// table with PASS/MISS and the load average). Exit 1 if any bench reported a miss.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = [
  ['runner: throughput, CPU, memory, startup, latency', 'run-all.mjs'],
  ['review server: 50 concurrent annotators', 'review-load.mjs'],
  ['agreement over 1,000,000 stored annotations', 'agreement.mjs'],
  ['agreement from a 1,000,000-row label file', 'agreement-labels.mjs'],
];
const results = [];
for (const [title, file] of benches) {
  process.stdout.write(`\n=== ${title} (bench/${file})\n`);
  const r = spawnSync(process.execPath, [fileURLToPath(new URL(file, import.meta.url))], { stdio: 'inherit' });
  results.push([title, r.status]);
}
process.stdout.write('\n=== summary\n');
for (const [title, status] of results) process.stdout.write(`${status === 0 ? 'ok  ' : 'MISS'}  ${title}\n`);
process.exitCode = results.every(([, s]) => s === 0) ? 0 : 1;
