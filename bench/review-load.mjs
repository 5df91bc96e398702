#!/usr/bin/env node
// Review server under load: N concurrent annotators, each saving M annotations one after another
// (as a person would: the next save starts when the last one answered), against ONE server on
// loopback, in its own process. Reports p50/p95/p99 save latency and checks that every
// annotation is stored exactly once, including deliberate retries of the same idempotency key.
//
//   node bench/review-load.mjs [--annotators 50] [--per 1000] [--items 200] [--overlap 5]
//                              [--retry-rate 0.02] [--think-ms 0] [--json]
// --think-ms: pause between one annotator's saves (0 = saturation: the next save starts at once).
// Needs the compiled dist/ (npm run build). Exit 1 if any annotation is lost or duplicated.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const dist = new URL('../dist/', import.meta.url);
const load = (p) => import(new URL(p, dist).href);

if (process.argv[2] === '--server') {
  await serve(process.argv[3]);
} else {
  await bench();
}

/** Child process: the server, alone on its event loop, like `juror serve`. */
async function serve(dbFile) {
  const { openSqliteStore } = await load('storage/sqlite-store.js');
  const { startServer } = await load('server/listen.js');
  const store = openSqliteStore(dbFile);
  const running = await startServer({
    store,
    port: 0,
    config: { rateLimit: { windowMs: 60_000, limit: 100_000 }, log: (l) => process.stderr.write(l + '\n') },
  });
  process.send?.({ port: running.port });
  let cpuStart;
  process.on('message', async (m) => {
    if (m === 'mark') cpuStart = process.cpuUsage();
    if (m === 'stop') {
      const cpu = process.cpuUsage(cpuStart);
      process.send?.({ cpuMs: (cpu.user + cpu.system) / 1000 });
      await running.close(1000);
      store.close();
      process.exit(0);
    }
  });
}

async function bench() {
  const { values } = parseArgs({
    options: {
      annotators: { type: 'string', default: '50' },
      per: { type: 'string', default: '1000' },
      items: { type: 'string', default: '200' },
      overlap: { type: 'string', default: '5' },
      'retry-rate': { type: 'string', default: '0.02' },
      'think-ms': { type: 'string', default: '0' },
      json: { type: 'boolean', default: false },
    },
  });
  const A = Number(values.annotators);
  const PER = Number(values.per);
  const ITEMS = Number(values.items);
  const OVERLAP = Math.min(Number(values.overlap), A);
  const RETRY = Number(values['retry-rate']);
  const THINK = Number(values['think-ms']);
  const log = (s) => process.stderr.write(s + '\n');

  const dir = mkdtempSync(join(tmpdir(), 'juror-review-load-'));
  const dbFile = join(dir, 'juror.db');
  let child;
  try {
    // --- setup: a run, annotators, one review with overlap ---
    const { openSqliteStore } = await load('storage/sqlite-store.js');
    const { addAnnotator } = await load('review/tokens.js');
    const { createReviewFromRun } = await load('review/create-review.js');
    const setup = openSqliteStore(dbFile);
    setup.createRun({ id: 'run1', kind: 'run', suiteName: 'load', provider: 'mock', config: {}, startedAt: new Date().toISOString() });
    const cases = Array.from({ length: ITEMS }, (_, i) => ({ id: `c${i}`, vars: { q: `question ${i}` }, tags: [] }));
    setup.saveCases('run1', cases);
    setup.saveResults(cases.map((c) => ({
      output: { runId: 'run1', caseId: c.id, repeat: 0, prompt: c.vars.q, output: `answer to ${c.vars.q}`, error: null,
        usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: 0, costUsd: null, cached: false, attempts: 1 },
      scores: [],
    })));
    const people = [];
    for (let i = 0; i < A; i++) {
      const { annotator, token } = addAnnotator(setup, `a${String(i).padStart(3, '0')}`, 'annotator');
      people.push({ id: annotator.id, token });
    }
    const rubric = { name: 'load', criteria: [{ name: 'q', question: 'Good?', scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] }, anchors: {} }] };
    const { review } = createReviewFromRun(setup, { runId: 'run1', rubric, overlap: OVERLAP, seed: 1, annotators: people.map((_, i) => `a${String(i).padStart(3, '0')}`) });
    for (const p of people) p.items = setup.getAssignments(review.id, p.id).map((v) => v.itemId);
    setup.close();

    // --- server in its own process ---
    child = fork(new URL(import.meta.url).pathname, ['--server', dbFile], { execArgv: process.env.REVIEW_LOAD_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.REVIEW_LOAD_PROF] : [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise((resolve, reject) => {
      child.once('message', (m) => resolve(m.port));
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: A + 5 });
    const origin = `http://127.0.0.1:${port}`;

    // --- sign everyone in ---
    for (const p of people) {
      const res = await request(agent, port, 'GET', `/login?token=${p.token}`);
      p.cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0];
      const home = await request(agent, port, 'GET', '/', { cookie: p.cookie });
      p.csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(home.body)?.[1];
      if (!p.cookie || !p.csrf) throw new Error(`sign-in failed for ${p.id}: ${res.status}`);
    }
    log(`review-load: ${A} annotators x ${PER} saves, ${ITEMS} items, overlap ${OVERLAP}, retry rate ${RETRY}, think ${THINK} ms, server pid ${child.pid}`);

    // --- the load ---
    const latencies = new Float64Array(A * PER);
    let n = 0;
    let errors = 0;
    let retries = 0;
    const keys = new Set();
    child.send('mark');
    const started = performance.now();
    await Promise.all(people.map(async (p, pi) => {
      for (let i = 0; i < PER; i++) {
        if (THINK > 0) await new Promise((r) => setTimeout(r, THINK * (0.5 + Math.random())));
        const itemId = p.items[i % p.items.length];
        const clientKey = `p${pi}x${i}x${Math.random().toString(36).slice(2, 10)}`;
        keys.add(clientKey);
        const body = JSON.stringify({ clientKey, labels: { q: (i % 5) + 1 } });
        const headers = { cookie: p.cookie, 'x-csrf-token': p.csrf, origin, 'content-type': 'application/json' };
        const path = `/api/reviews/${review.id}/items/${itemId}/annotations`;
        const t0 = performance.now();
        const res = await request(agent, port, 'POST', path, headers, body);
        latencies[n++] = performance.now() - t0;
        if (res.status !== 200) errors++;
        // A client that lost the answer resends the same key: must not store a second row.
        if (Math.random() < RETRY) {
          retries++;
          const again = await request(agent, port, 'POST', path, headers, body);
          if (again.status !== 200) errors++;
        }
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    agent.destroy();
    const cpuReport = new Promise((r) => child.once('message', (m) => r(m.cpuMs)));
    child.send('stop');
    const serverCpuMs = await cpuReport;
    await new Promise((r) => child.once('exit', r));
    child = undefined;

    // --- verify: exactly one row per key, none lost, none extra ---
    const check = openSqliteStore(dbFile);
    const history = check.getAnnotationHistory(review.id);
    check.close();
    const perKey = new Map();
    for (const h of history) perKey.set(h.clientKey, (perKey.get(h.clientKey) ?? 0) + 1);
    const lost = [...keys].filter((k) => !perKey.has(k)).length;
    const duplicated = [...perKey.values()].filter((c) => c !== 1).length;
    const extra = history.length - keys.size;

    const sorted = Array.from(latencies.subarray(0, n)).sort((a, b) => a - b);
    const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    const result = {
      annotators: A, perAnnotator: PER, thinkMs: THINK, saves: n, retries, errors, seconds: round(seconds), savesPerSecond: Math.round(n / seconds),
      latencyMs: { p50: round(q(0.5)), p95: round(q(0.95)), p99: round(q(0.99)), max: round(sorted[sorted.length - 1]) },
      serverCpuMsPerRequest: round(serverCpuMs / (n + retries)),
      stored: history.length, lost, duplicated, extra,
      ok: lost === 0 && duplicated === 0 && extra === 0 && errors === 0,
      p99Target: 25, p99Ok: q(0.99) < 25,
    };
    if (values.json) process.stdout.write(JSON.stringify(result) + '\n');
    else {
      console.log(`saves        ${n} in ${result.seconds} s (${result.savesPerSecond}/s), ${retries} deliberate retries, ${errors} errors`);
      console.log(`latency ms   p50 ${result.latencyMs.p50}  p95 ${result.latencyMs.p95}  p99 ${result.latencyMs.p99}  max ${result.latencyMs.max}  (target p99 < 25: ${result.p99Ok ? 'met' : 'MISSED'})`);
      console.log(`server CPU   ${result.serverCpuMsPerRequest} ms per request (load average now ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`);
      console.log(`stored       ${history.length} rows for ${keys.size} keys: lost ${lost}, duplicated ${duplicated}, extra ${extra} -> ${result.ok ? 'OK' : 'FAIL'}`);
    }
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    child?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(x) {
  return Math.round(x * 100) / 100;
}

function request(agent, port, method, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
