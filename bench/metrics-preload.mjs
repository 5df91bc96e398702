// Preloaded with `node --import ./bench/metrics-preload.mjs bin/juror.js ...`: when the process
// exits, writes its own CPU time and peak RSS to $BENCH_METRICS (so the real CLI is measured,
// unmodified, from the inside). `elu`: the share of the process's life the main thread's event
// loop was busy (near 1: CPU bound on one thread, whatever the machine's other cores do).
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const out = process.env.BENCH_METRICS;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000, maxRssKb: u.maxRSS, elu: performance.eventLoopUtilization().utilization }));
  });
}
