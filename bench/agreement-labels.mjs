// `juror agreement --labels FILE` on a 1,000,000-row CSV (quality bar: < 1.5 s and < 400 MB peak RSS).
//   node bench/agreement-labels.mjs [--rows N] [--json]
// Runs the compiled CLI (npm run build first) the way a user does, on a CSV shaped like the stored
// bench (bench/agreement.mjs): 2 criteria, 3 of 10 raters per item, a 5-level scale, ~70% agreeing
// labels. 3 runs after one warm-up (file cache); the median wall time, its CPU (user + system, from
// inside the process: robust on a shared machine) and peak RSS, with the 1-minute load average.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mulberry } from './prng.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/juror.js');
const PRELOAD = join(ROOT, 'bench/metrics-preload.mjs');
const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, json: { type: 'boolean' } } });
const total = Number(args.rows);
const LIMIT_MS = 1500;
const LIMIT_MB = 400;
const work = mkdtempSync(join(tmpdir(), 'juror-bench-labels-'));

function writeLabels(path) {
  const rand = mulberry(2026);
  const lines = ['item,rater,criterion,label'];
  for (let i = 0; lines.length <= total; i++) {
    const picked = new Set();
    while (picked.size < 3) picked.add(`ann${String(Math.floor(rand() * 10)).padStart(2, '0')}`);
    for (const criterion of ['accuracy', 'helpfulness']) {
      const truth = 1 + Math.floor(rand() * 5);
      for (const rater of picked) if (lines.length <= total) lines.push(`c${i},${rater},${criterion},${rand() < 0.7 ? truth : 1 + Math.floor(rand() * 5)}`);
    }
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

function once(file) {
  const metrics = join(work, `m-${Math.random().toString(36).slice(2)}.json`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', PRELOAD, BIN, 'agreement', '--labels', file, '--json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, BENCH_METRICS: metrics },
  });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`juror agreement exit ${r.status}: ${r.stderr.slice(-500)}`);
  const m = JSON.parse(readFileSync(metrics, 'utf8'));
  const labels = JSON.parse(r.stdout).criteria.reduce((n, c) => n + c.labels, 0);
  return { wallMs, cpuMs: m.userMs + m.systemMs, rssMb: m.maxRssKb / 1024, labels, load: loadavg()[0] };
}

try {
  const file = join(work, 'labels.csv');
  writeLabels(file);
  once(file); // warm-up: the file cache
  const runs = [once(file), once(file), once(file)].sort((a, b) => a.wallMs - b.wallMs);
  const m = runs[1];
  const result = {
    bench: 'agreement-labels',
    rows: total,
    labels: m.labels,
    median_ms: Math.round(m.wallMs),
    cpu_ms: Math.round(m.cpuMs),
    peak_rss_mb: Math.round(Math.max(...runs.map((r) => r.rssMb))),
    limit_ms: LIMIT_MS,
    limit_mb: LIMIT_MB,
    load_avg_1m: Number(m.load.toFixed(2)),
    ok: m.wallMs < LIMIT_MS && Math.max(...runs.map((r) => r.rssMb)) < LIMIT_MB,
  };
  if (args.json) process.stdout.write(JSON.stringify(result) + '\n');
  else {
    console.log(`juror agreement --labels on ${total} CSV rows (${m.labels} labels): median ${result.median_ms} ms ` +
      `(CPU ${result.cpu_ms} ms), peak RSS ${result.peak_rss_mb} MB (limits ${LIMIT_MS} ms, ${LIMIT_MB} MB; load average ` +
      `${result.load_avg_1m}) ${result.ok ? 'OK' : 'MISS'}`);
  }
  process.exitCode = result.ok ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
