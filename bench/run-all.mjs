// juror benchmarks (npm run bench). Runs the compiled CLI (dist/) the way a user does and prints
// a table against the quality bars in DESIGN.md. Options: --quick (10x smaller), --json,
// --only http (just the real-HTTP section: juror and a bare fetch loop against `juror mock-server`).
// The review-server and agreement benches run beside this one from bench/all.mjs (npm run bench).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeBenchSuite } from './suite-fixture.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/juror.js');
const PRELOAD = join(ROOT, 'bench/metrics-preload.mjs');
const { values: args } = parseArgs({ options: { quick: { type: 'boolean' }, json: { type: 'boolean' }, only: { type: 'string' } } });
if (args.only !== undefined && args.only !== 'http') throw new Error(`--only takes "http", got "${args.only}"`);
const all = args.only === undefined;
const scale = args.quick ? 0.1 : 1;
const N10K = Math.round(10_000 * scale);
const N100K = Math.round(100_000 * scale);
const log = (s) => process.stderr.write(`[bench] ${s}\n`);
const work = mkdtempSync(join(tmpdir(), 'juror-bench-'));
const rows = [];
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
/** kind 'bar': a DESIGN.md quality bar (PASS/MISS); 'ref': the same bar applied to a reference setup (shown, not counted); 'info': no bar. */
// every figure carries the 1-minute load average when it was taken: on a shared machine it says how much to trust it
const row = (metric, value, unit, bar, ok, kind = 'bar') => rows.push({ metric, value, unit, bar, ok, kind, load: round(loadavg()[0], 2) });
const ref = (metric, value, unit, bar, ok) => row(metric, value, unit, bar, ok, 'ref');
const info = (metric, value, unit) => row(metric, value, unit, '—', null, 'info');
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const loadBefore = load();

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
      let m = { userMs: NaN, systemMs: NaN, maxRssKb: NaN, elu: NaN };
      try { m = JSON.parse(readFileSync(metrics, 'utf8')); } catch { /* killed before exit */ }
      resolve({ code, wallMs, cpuMs: m.userMs + m.systemMs, rssMb: m.maxRssKb / 1024, elu: m.elu, stdout, stderr });
    });
  });
}

/** The summary of the latest run in a database, through `juror runs --json`. */
function lastSummary(db) {
  const r = spawnSync(process.execPath, [BIN, 'runs', '--db', db, '--limit', '1', '--json'], { encoding: 'utf8' });
  return JSON.parse(r.stdout).runs[0].summary;
}

/** `juror mock-server` in its own process (so its CPU is not counted as juror's): a realistic remote provider. */
async function mockServerProcess(extra = []) {
  const child = spawn(process.execPath, [BIN, 'mock-server', '--port', '0', '--json', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  for await (const chunk of child.stdout) {
    out += chunk;
    try { const urls = JSON.parse(out); return { urls, cpuMs: () => procCpuMs(child.pid), stop: () => new Promise((r) => { child.on('exit', r); child.kill('SIGINT'); }) }; } catch { /* partial */ }
  }
  throw new Error('mock-server did not start');
}

/** A process's CPU so far (user + system, ms) from /proc (Linux; NaN elsewhere): the mock server's share of a run. */
function procCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return NaN;
  }
}

function dirFor(name) {
  const d = join(work, name);
  spawnSync('mkdir', ['-p', d]);
  return d;
}

/** Median of `k` runs of an async measurement, by `key`. */
async function median(k, measure, key) {
  const xs = [];
  for (let i = 0; i < k; i++) xs.push(await measure(i));
  return xs.sort((a, b) => a[key] - b[key])[Math.floor(k / 2)];
}

/** bench/bare-fetch.mjs: the same calls as a suite run, as a plain fetch loop (its own CPU only). */
function bareFetch(suite, baseURL, concurrency) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bench/bare-fetch.mjs'), suite, baseURL, String(concurrency)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bare fetch loop: ${r.stderr.slice(-500)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/**
 * Real loopback HTTP to `juror mock-server` in a separate process (so its CPU is not juror's):
 * what users of OpenAI, Anthropic, vLLM or Ollama get. The DESIGN.md bars for real HTTP.
 * juror's CPU per case leaves out start-up (a one-case run through the same providers, subtracted),
 * so it compares with the bare loop's, which is timed around the loop alone.
 */
async function realHttp() {
  const provider = 'openai:mock-model';
  const C = 32;
  const N = Math.round(1000 * scale);
  const NC = Math.round(10_000 * scale);
  const NC100 = Math.round(100_000 * scale);
  const ext = await mockServerProcess();
  try {
    const env = { OPENAI_BASE_URL: ext.urls.openaiBaseURL, OPENAI_API_KEY: 'bench' };
    const perCase = async (name, n, judge, { bare: withBare = true } = {}) => {
      const one = await median(3, async (i) => {
        const d = dirFor(`${name}-one-${i}`);
        return juror(['run', writeBenchSuite(d, { n: 1, provider, judge }), '--db', join(d, 'j.db')], { cwd: d, env });
      }, 'cpuMs');
      const dir = dirFor(name);
      const suite = writeBenchSuite(dir, { n, provider, judge });
      const server0 = ext.cpuMs();
      const r = await juror(['run', suite, '--db', join(dir, 'j.db'), '--concurrency', String(C)], { cwd: dir, env });
      const serverCpu = ext.cpuMs() - server0;
      if (r.code !== 0) throw new Error(`${name} run exit ${r.code}: ${r.stderr.slice(-500)}`);
      const bare = withBare ? bareFetch(suite, ext.urls.openaiBaseURL, C) : null; // right after, in the same conditions
      return {
        rate: n / (lastSummary(join(dir, 'j.db')).durationMs / 1000),
        cpu: (r.cpuMs - one.cpuMs) / (n - 1),
        whole: r.cpuMs / n,
        startup: one.cpuMs,
        rssMb: r.rssMb,
        serverCpu: serverCpu / n,
        bareCpu: bare ? bare.cpuMs / n : NaN,
        bareRate: bare ? n / (bare.wallMs / 1000) : NaN,
      };
    };
    log(`${N} cases, contains + rubric judge, concurrency ${C}, over HTTP to juror mock-server (juror, then a bare fetch loop)…`);
    const j = await perCase('http-judge', N, 'openai:mock-judge');
    row(`${N} cases + judge over HTTP (separate-process mock), concurrency ${C}: throughput`, round(j.rate, 0), 'cases/s', '≥ 650', j.rate >= 650);
    // The mock server is the ceiling here: a bare fetch loop with nothing else to do gets no more
    // out of it, so juror's share of the bare loop's throughput is the figure juror can move.
    info('  bare fetch loop throughput (the mock server\'s ceiling)', round(j.bareRate, 0), 'cases/s');
    info('  juror / bare fetch loop throughput', round(j.rate / j.bareRate, 2), '×');
    row('  juror CPU per case (2 calls; start-up left out)', round(j.cpu, 2), 'ms', `≤ ${round(1.5 * j.bareCpu, 2)} (1.5× bare)`, j.cpu <= 1.5 * j.bareCpu);
    info('  bare fetch loop, the same calls: CPU per case', round(j.bareCpu, 2), 'ms');
    info('  juror / bare CPU per case', round(j.cpu / j.bareCpu, 2), '×');
    info('  juror CPU per case counting start-up', round(j.whole, 2), 'ms');
    info('  mock server CPU per case (its own process)', round(j.serverCpu, 2), 'ms');
    log(`${NC} cases, contains only, over HTTP…`);
    const c = await perCase('http-contains', NC, null);
    info(`${NC} cases, contains only, over HTTP: juror CPU per case (start-up left out)`, round(c.cpu, 2), 'ms');
    info('  bare fetch loop: CPU per case', round(c.bareCpu, 2), 'ms');
    // issue 14's goal: juror's CPU per case within 1.5× the bare loop's
    row('  juror / bare CPU per case', round(c.cpu / c.bareCpu, 2), '×', '≤ 1.5', c.cpu <= 1.5 * c.bareCpu);
    info('  throughput (juror / bare loop)', `${round(c.rate, 0)} / ${round(c.bareRate, 0)}`, 'cases/s');
    row('  peak RSS', round(c.rssMb, 0), 'MB', '≤ 200', c.rssMb <= 200);
    log(`${NC100} cases, contains only, over HTTP (memory: cases streamed in, results out)…`);
    const c100 = await perCase('http-contains-100k', NC100, null, { bare: false });
    // issue 14: "peak RSS ≤ 200 MB at 10,000 cases and ≤ 1.3× that at 100,000": 1.3 × the 200 MB bar
    row(`${NC100} cases, contains only, over HTTP: peak RSS`, round(c100.rssMb, 0), 'MB', `≤ ${round(1.3 * 200, 0)} (1.3 × the 200 MB bar)`, c100.rssMb <= 1.3 * 200);
    info(`  peak RSS ${NC100} / ${NC} cases`, round(c100.rssMb / c.rssMb, 2), '×');
    info('  juror CPU per case (start-up left out)', round(c100.cpu, 2), 'ms');
  } finally {
    await ext.stop();
  }

  // 200 ms per call at concurrency 128 with the judge: two sequential calls per case.
  const CL = 128;
  const NL = Math.max(CL * 4, Math.round(CL * 20 * scale));
  const limit = CL / 0.4;
  log(`${NL} cases + judge at 200 ms per call, concurrency ${CL}, over HTTP (juror, then a bare fetch loop)…`);
  const slow = await mockServerProcess(['--latency', '200']);
  try {
    const dir = dirFor('http-slow');
    const suite = writeBenchSuite(dir, { n: NL, provider, judge: 'openai:mock-judge' });
    const env = { OPENAI_BASE_URL: slow.urls.openaiBaseURL, OPENAI_API_KEY: 'bench' };
    const server0 = slow.cpuMs();
    const r = await juror(['run', suite, '--db', join(dir, 'j.db'), '--concurrency', String(CL)], { cwd: dir, env });
    const serverCpu = slow.cpuMs() - server0;
    if (r.code !== 0) throw new Error(`http-slow run exit ${r.code}: ${r.stderr.slice(-500)}`);
    const summary = lastSummary(join(dir, 'j.db'));
    const rate = NL / (summary.durationMs / 1000);
    const bare = bareFetch(suite, slow.urls.openaiBaseURL, CL);
    const bareRate = NL / (bare.wallMs / 1000);
    row(`200 ms per call × concurrency ${CL}, judge (2 sequential calls), over HTTP: throughput`, `${round(rate, 0)} of ${limit}`, 'cases/s', '≥ 95%', rate / limit >= 0.95);
    row('  share of the concurrency limit', round((100 * rate) / limit, 1), '%', '≥ 95', rate / limit >= 0.95);
    // Where the rest goes: a case takes 400 ms of mock latency plus what the two calls cost on the
    // way (juror's CPU, the server's, the sockets). ELU near 1 means juror's one thread is the
    // limit (CPU per case × rate ≈ 1 s per s); the bare loop shows what the server allows.
    info('  bare fetch loop, the same calls: share of the limit', round((100 * bareRate) / limit, 1), '%');
    info('  juror latency per call p50 / p95 (200 ms of each is the mock\'s)', `${summary.latencyP50Ms} / ${summary.latencyP95Ms}`, 'ms');
    info('  juror CPU per case (2 calls, counting start-up)', round(r.cpuMs / NL, 2), 'ms');
    info('  juror main thread busy (event-loop utilisation)', round(100 * r.elu, 0), '%');
    info('  mock server CPU per case (its own process)', round(serverCpu / NL, 2), 'ms');
  } finally {
    await slow.stop();
  }
}

try {
  log(`load average ${loadBefore} on ${(await import('node:os')).cpus().length} cores`);
  if (all) {
    // 1. Startup.
    const versions = [];
    for (let i = 0; i < 5; i++) versions.push((await juror(['--version'])).wallMs);
    const versionMs = versions.sort((a, b) => a - b)[2];
    row('juror --version (median of 5)', round(versionMs, 0), 'ms', '≤ 300', versionMs <= 300);

    const tiny = dirFor('tiny');
    const tinySuite = writeBenchSuite(tiny, { n: 1, judge: null });
    await juror(['run', tinySuite, '--db', join(tiny, 'warm.db')], { cwd: tiny }); // warm the file cache
    const starts = [];
    for (let i = 0; i < 5; i++) starts.push(await juror(['run', tinySuite, '--db', join(tiny, `j${i}.db`)], { cwd: tiny }));
    starts.sort((a, b) => a.wallMs - b.wallMs);
    row('one-case run, start to exit (median of 5)', round(starts[2].wallMs, 0), 'ms', '< 500', starts[2].wallMs < 500);
    info('  its CPU (user + system)', round(starts[2].cpuMs, 0), 'ms');

    // 2. 10k cases with a judge on the built-in mock: in-process, real OpenAI SDK, in-memory transport.
    const e2eRun = async (name, provider, judge, extraEnv = {}) => {
      const dir = dirFor(name);
      const suite = writeBenchSuite(dir, { n: N10K, provider, judge });
      const r = await juror(['run', suite, '--db', join(dir, 'j.db'), '--concurrency', '16'], { cwd: dir, env: extraEnv });
      if (r.code !== 0) throw new Error(`${name} run exit ${r.code}: ${r.stderr.slice(-500)}`);
      const rate = N10K / (lastSummary(join(dir, 'j.db')).durationMs / 1000);
      return { ...r, rate, cpuPerCase: r.cpuMs / N10K };
    };
    log(`${N10K} cases with judge on the built-in mock (in-process, in-memory transport)…`);
    const mem = await e2eRun('e2e', 'mock', 'mock');
    row(`${N10K} cases + judge, built-in mock: throughput`, round(mem.rate, 0), 'cases/s', '≥ 800', mem.rate >= 800);
    row('  CPU per case (whole process: runner, SDK, mock model)', round(mem.cpuPerCase, 2), 'ms', '≤ 1.5', mem.cpuPerCase <= 1.5);
    row('  peak RSS', round(mem.rssMb, 0), 'MB', '≤ 250', mem.rssMb <= 250);

    // 3. Same mock behind a loopback node:http server in the same process (mock+http).
    log(`${N10K} cases with judge, mock+http (in-process loopback HTTP)…`);
    const loop = await e2eRun('loop', 'mock+http', 'mock+http');
    ref(`${N10K} cases + judge, mock+http (same process, loopback): throughput`, round(loop.rate, 0), 'cases/s', '≥ 800', loop.rate >= 800);
    ref('  CPU per case (juror + its HTTP mock server)', round(loop.cpuPerCase, 2), 'ms', '≤ 1.5', loop.cpuPerCase <= 1.5);
    ref('  peak RSS', round(loop.rssMb, 0), 'MB', '≤ 250', loop.rssMb <= 250);

    // 5. Runner overhead without any wire, and memory from 10k to 100k cases.
    const direct = async (n) => {
      const d = dirFor(`direct-${n}`);
      const r = spawnSync(process.execPath, ['--expose-gc', join(ROOT, 'bench/runner-child.mjs'), String(n), d], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (r.status !== 0) throw new Error(r.stderr);
      return JSON.parse(r.stdout.trim().split('\n').pop());
    };
    log(`runner alone, ${N10K} and ${N100K} cases, mock model called directly (no SDK, no wire)…`);
    const d10 = await direct(N10K);
    const d100 = await direct(N100K);
    info(`runner alone (${N10K}, judge, no SDK): CPU per case`, round(d10.cpuMs / N10K, 2), 'ms');
    info('  throughput', round(N10K / (d10.wallMs / 1000), 0), 'cases/s');
    info(`  peak RSS at ${N10K} / ${N100K} cases`, `${round(d10.maxRssKb / 1024, 0)} / ${round(d100.maxRssKb / 1024, 0)}`, 'MB');
    // Live heap after a full GC at 10%…100% of the run: flat means nothing is retained per case
    // (RSS itself is a sawtooth: V8 lets garbage accumulate before a major GC).
    const live = d100.heapMb;
    const growth = ((live[live.length - 1] - live[0]) * 1e6) / (N100K * 0.9);
    info(`  live heap during the ${N100K} run (10%…100%)`, live.join(' '), 'MB');
    row(`  memory growth per case, ${N100K / 10}→${N100K} (live heap)`, round(growth, 1), 'bytes', '≈ 0 (< 100)', Math.abs(growth) < 100);

    // 6. 200 ms provider latency at concurrency 128: built-in mock (bar), and a mock in another process (reference).
    const C = 128;
    const NL = Math.max(C * 4, Math.round(C * 20 * scale));
    const limit = C / 0.2;
    const latencyRun = async (name, provider, env) => {
      const dir = dirFor(name);
      const suite = writeBenchSuite(dir, { n: NL, provider, judge: null });
      const r = await juror(['run', suite, '--db', join(dir, 'j.db'), '--concurrency', String(C)], { cwd: dir, env });
      if (r.code !== 0) throw new Error(`${name} run exit ${r.code}: ${r.stderr.slice(-500)}`);
      return { rate: NL / (lastSummary(join(dir, 'j.db')).durationMs / 1000), cpuPerCase: r.cpuMs / NL };
    };
    log(`${NL} cases at 200 ms latency, concurrency ${C}, built-in mock…`);
    const slowMem = await latencyRun('slow-mem', 'mock', { JUROR_MOCK_LATENCY_MS: '200' });
    row(`200 ms latency, concurrency ${C}, built-in mock: throughput`, `${round(slowMem.rate, 0)} of ${limit}`, 'cases/s', '≥ 90%', slowMem.rate / limit >= 0.9);
    row('  share of the concurrency limit', round((100 * slowMem.rate) / limit, 1), '%', '≥ 90', slowMem.rate / limit >= 0.9);
  }
  await realHttp();
} finally {
  rmSync(work, { recursive: true, force: true });
}

const loadAfter = load();
const bars = rows.filter((r) => r.kind === 'bar');
const verdict = `${bars.filter((r) => r.ok).length} of ${bars.length} bars pass; load average (1/5/15 min) ${loadBefore} before, ${loadAfter} after`;
if (args.json) process.stdout.write(JSON.stringify({ rows, load: { before: loadBefore, after: loadAfter }, verdict }, null, 2) + '\n');
else {
  const status = (r) => (r.ok === null ? '' : r.kind === 'ref' ? `(${r.ok ? 'pass' : 'miss'})` : r.ok ? 'PASS' : 'MISS');
  const w = [Math.max(...rows.map((r) => r.metric.length)), Math.max(...rows.map((r) => `${r.value} ${r.unit}`.length)), Math.max(...rows.map((r) => r.bar.length))];
  process.stdout.write(`\n${'metric'.padEnd(w[0])}  ${'value'.padEnd(w[1])}  ${'bar'.padEnd(w[2])}  ${'ok'.padEnd(6)}  load\n`);
  for (const r of rows) process.stdout.write(`${r.metric.padEnd(w[0])}  ${`${r.value} ${r.unit}`.padEnd(w[1])}  ${r.bar.padEnd(w[2])}  ${status(r).padEnd(6)}  ${r.load.toFixed(2)}\n`);
  process.stdout.write(`\n${verdict}\n(pass)/(miss): the bar applied to a reference setup, shown for comparison, not counted. load: the 1-minute load average when the figure was taken.\n`);
}
process.exitCode = bars.every((r) => r.ok) ? 0 : 1;
