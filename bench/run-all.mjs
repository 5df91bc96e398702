// juror benchmarks (npm run bench). Runs the compiled CLI (dist/) the way a user does and prints
// a table against the quality bars in DESIGN.md. Options: --quick (10x smaller), --json.
// Other benches (review server, agreement) are wired in by the lead below the runner ones.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeBenchSuite } from './suite-fixture.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/juror.js');
const PRELOAD = join(ROOT, 'bench/metrics-preload.mjs');
const { values: args } = parseArgs({ options: { quick: { type: 'boolean' }, json: { type: 'boolean' } } });
const scale = args.quick ? 0.1 : 1;
const N10K = Math.round(10_000 * scale);
const N100K = Math.round(100_000 * scale);
const log = (s) => process.stderr.write(`[bench] ${s}\n`);
const work = mkdtempSync(join(tmpdir(), 'juror-bench-'));
const rows = [];
const row = (metric, value, unit, bar, ok) => rows.push({ metric, value, unit, bar, ok });
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** Run the CLI with the metrics preload; resolves with exit code, wall ms, CPU ms, peak RSS MB. */
function juror(argv, { env = {}, cwd = work } = {}) {
  const metrics = join(work, `m-${Math.random().toString(36).slice(2)}.json`);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', PRELOAD, BIN, ...argv], {
      cwd,
      env: { ...process.env, JUROR_DB: '', CI: '1', ...env, BENCH_METRICS: metrics },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - t0;
      let m = { userMs: NaN, systemMs: NaN, maxRssKb: NaN };
      try { m = JSON.parse(readFileSync(metrics, 'utf8')); } catch { /* killed before exit */ }
      resolve({ code, wallMs, cpuMs: m.userMs + m.systemMs, rssMb: m.maxRssKb / 1024, stdout, stderr });
    });
  });
}

/** The summary of the latest run in a database, through `juror runs --json`. */
function lastSummary(db) {
  const r = spawnSync(process.execPath, [BIN, 'runs', '--db', db, '--limit', '1', '--json'], { encoding: 'utf8' });
  return JSON.parse(r.stdout).runs[0].summary;
}

/** `juror mock-server` in its own process (so its CPU is not counted as juror's). */
async function mockServerProcess(extra = []) {
  const child = spawn(process.execPath, [BIN, 'mock-server', '--port', '0', '--json', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  for await (const chunk of child.stdout) {
    out += chunk;
    try { const urls = JSON.parse(out); return { urls, stop: () => new Promise((r) => { child.on('exit', r); child.kill('SIGINT'); }) }; } catch { /* partial */ }
  }
  throw new Error('mock-server did not start');
}

function dirFor(name) {
  const d = join(work, name);
  spawnSync('mkdir', ['-p', d]);
  return d;
}

try {
  // 1. Startup.
  const versions = [];
  for (let i = 0; i < 5; i++) versions.push((await juror(['--version'])).wallMs);
  const versionMs = versions.sort((a, b) => a - b)[2];
  row('juror --version', round(versionMs, 0), 'ms', '≤ 300', versionMs <= 300);

  const tiny = dirFor('tiny');
  const tinySuite = writeBenchSuite(tiny, { n: 1, judge: null });
  await juror(['run', tinySuite, '--db', join(tiny, 'warm.db')], { cwd: tiny }); // warm the file cache
  const empty = await juror(['run', tinySuite, '--db', join(tiny, 'j.db')], { cwd: tiny });
  row('one-case run, start to exit', round(empty.wallMs, 0), 'ms', '< 500 (start)', empty.wallMs < 500);

  // 2. 10k cases with a judge on the built-in mock (in-process HTTP server, real OpenAI SDK).
  log(`${N10K} cases with judge on the built-in mock (CLI, HTTP mock in-process)…`);
  const e2eDir = dirFor('e2e');
  const e2eSuite = writeBenchSuite(e2eDir, { n: N10K });
  const e2e = await juror(['run', e2eSuite, '--db', join(e2eDir, 'j.db'), '--concurrency', '16'], { cwd: e2eDir });
  if (e2e.code !== 0) throw new Error(`e2e run exit ${e2e.code}: ${e2e.stderr.slice(-500)}`);
  const e2eSum = lastSummary(join(e2eDir, 'j.db'));
  const e2eRate = N10K / (e2eSum.durationMs / 1000);
  row(`${N10K} cases + judge, mock over HTTP in-process: throughput`, round(e2eRate, 0), 'cases/s', '≥ 800', e2eRate >= 800);
  row('  CPU per case (juror + in-process mock server)', round(e2e.cpuMs / N10K, 2), 'ms', '—', null);
  row('  peak RSS', round(e2e.rssMb, 0), 'MB', '≤ 250', e2e.rssMb <= 250);

  // 3. Same, with the mock server in its own process: juror's own CPU through the SDK.
  log(`${N10K} cases with judge, mock server in a separate process…`);
  const ext = await mockServerProcess();
  const extDir = dirFor('ext');
  const extSuite = writeBenchSuite(extDir, { n: N10K, provider: 'openai:mock-model', judge: 'openai:mock-judge' });
  const extRun = await juror(['run', extSuite, '--db', join(extDir, 'j.db'), '--concurrency', '16'], {
    cwd: extDir,
    env: { OPENAI_BASE_URL: ext.urls.openaiBaseURL, OPENAI_API_KEY: 'bench' },
  });
  await ext.stop();
  const extSum = lastSummary(join(extDir, 'j.db'));
  const extCpu = extRun.cpuMs / N10K;
  row(`${N10K} cases + judge, mock in another process: throughput`, round(N10K / (extSum.durationMs / 1000), 0), 'cases/s', '≥ 800', N10K / (extSum.durationMs / 1000) >= 800);
  row('  juror CPU per case (2 HTTP calls via the OpenAI SDK)', round(extCpu, 2), 'ms', '—', null);
  row('  peak RSS', round(extRun.rssMb, 0), 'MB', '≤ 250', extRun.rssMb <= 250);

  // 4. Runner overhead without HTTP, and memory from 10k to 100k cases.
  const direct = async (n) => {
    const d = dirFor(`direct-${n}`);
    const r = spawnSync(process.execPath, ['--expose-gc', join(ROOT, 'bench/runner-child.mjs'), String(n), d], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout.trim().split('\n').pop());
  };
  log(`runner overhead, ${N10K} and ${N100K} cases, mock model in-process (no HTTP)…`);
  const d10 = await direct(N10K);
  const d100 = await direct(N100K);
  const overhead = d10.cpuMs / N10K;
  row(`runner overhead per case (${N10K}, judge, no HTTP)`, round(overhead, 2), 'ms CPU', '≤ 1.5', overhead <= 1.5);
  row('  throughput', round(N10K / (d10.wallMs / 1000), 0), 'cases/s', '≥ 800', N10K / (d10.wallMs / 1000) >= 800);
  row(`  peak RSS at ${N10K} / ${N100K} cases`, `${round(d10.maxRssKb / 1024, 0)} / ${round(d100.maxRssKb / 1024, 0)}`, 'MB', '≤ 250 at 10k', d10.maxRssKb / 1024 <= 250);
  // Live heap after a full GC at 10%…100% of the run: flat means nothing is retained per case
  // (RSS itself is a sawtooth: V8 lets garbage accumulate before a major GC).
  const live = d100.heapMb;
  const growth = ((live[live.length - 1] - live[0]) * 1e6) / (N100K * 0.9);
  row(`  live heap during the ${N100K} run (10%…100%)`, live.join(' '), 'MB', 'flat', null);
  row('  live-heap growth per case, 10%→100%', round(growth, 1), 'bytes', '≈ 0', Math.abs(growth) < 100);

  // 5. 200 ms provider latency at concurrency 128.
  const C = 128;
  const NL = Math.max(C * 4, Math.round(C * 20 * scale));
  log(`${NL} cases at 200 ms latency, concurrency ${C}…`);
  const slow = await mockServerProcess(['--latency', '200']);
  const slowDir = dirFor('slow');
  const slowSuite = writeBenchSuite(slowDir, { n: NL, provider: 'openai:mock-model', judge: null });
  const slowRun = await juror(['run', slowSuite, '--db', join(slowDir, 'j.db'), '--concurrency', String(C)], {
    cwd: slowDir,
    env: { OPENAI_BASE_URL: slow.urls.openaiBaseURL, OPENAI_API_KEY: 'bench' },
  });
  await slow.stop();
  if (slowRun.code !== 0) throw new Error(`latency run exit ${slowRun.code}: ${slowRun.stderr.slice(-500)}`);
  const slowSum = lastSummary(join(slowDir, 'j.db'));
  const limit = C / 0.2;
  const got = NL / (slowSum.durationMs / 1000);
  row(`200 ms latency, concurrency ${C}: throughput`, `${round(got, 0)} of ${limit}`, 'cases/s', '≥ 90%', got / limit >= 0.9);
  row('  share of the concurrency limit', round((100 * got) / limit, 1), '%', '≥ 90', got / limit >= 0.9);
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (args.json) process.stdout.write(JSON.stringify({ rows }, null, 2) + '\n');
else {
  const w = [Math.max(...rows.map((r) => r.metric.length)), Math.max(...rows.map((r) => `${r.value} ${r.unit}`.length)), Math.max(...rows.map((r) => r.bar.length))];
  process.stdout.write(`\n${'metric'.padEnd(w[0])}  ${'value'.padEnd(w[1])}  ${'bar'.padEnd(w[2])}  ok\n`);
  for (const r of rows) {
    process.stdout.write(`${r.metric.padEnd(w[0])}  ${`${r.value} ${r.unit}`.padEnd(w[1])}  ${r.bar.padEnd(w[2])}  ${r.ok === null ? '' : r.ok ? 'yes' : 'NO'}\n`);
  }
}
