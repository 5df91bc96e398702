#!/usr/bin/env node
// Review server under load: N annotators saving concurrently against ONE server on loopback.
// The server runs in a child process (alone on its event loop, like `juror serve`); this process
// only generates load, so the generator never steals the server's event loop.
//
// Two modes, each reported against the bar (p99 < 25 ms) with PASS/MISS:
//   stress  closed loop, no think time: each annotator's next save starts when the last answered.
//           Latency there is simply annotators / throughput, so it measures how cheap a request is.
//   think   each annotator pauses a uniformly random 200-500 ms between saves (a fast human).
// Then it counts rows and client keys in SQLite: every acknowledged save must be stored exactly
// once, including deliberate resends (a client that lost the answer resends the same key; they
// test idempotency, they are not retries after errors: the generator never retries).
//
//   node bench/review-load.mjs [--mode both|stress|think] [--annotators 50] [--per 1000]
//        [--think-per 100] [--think 200-500] [--items 200] [--overlap 5] [--resend-rate 0.02]
//        [--max-seconds 120] [--json]
// --per: saves per annotator in stress mode; --think-per: in think mode; --max-seconds caps each
// mode (annotators stop starting saves after it). Needs the compiled dist/ (npm run build).
// Exit 1 if any save failed or any annotation is lost or duplicated (a missed latency bar is
// reported, not an exit code: it depends on the machine).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const dist = new URL('../dist/', import.meta.url);
const load = (p) => import(new URL(p, dist).href);
const P99_BAR_MS = 25;

if (process.argv[2] === '--server') {
  await serve(process.argv[3]);
} else {
  await bench();
}

/** Child process: the server. Reports its CPU time between 'mark' and 'cpu' messages. */
async function serve(dbFile) {
  const { openSqliteStore } = await load('storage/sqlite-store.js');
  const { startServer } = await load('server/listen.js');
  const store = openSqliteStore(dbFile);
  // Diagnostics: how saves group into commits and how long each transaction holds the loop.
  let commits = [];
  const batch = store.addAnnotationBatch?.bind(store);
  if (batch) store.addAnnotationBatch = (subs) => {
    const t0 = performance.now();
    try {
      return batch(subs);
    } finally {
      commits.push([subs.length, performance.now() - t0]);
    }
  };
  const running = await startServer({
    store,
    port: 0,
    config: { rateLimit: { windowMs: 60_000, limit: 100_000 }, log: (l) => process.stderr.write(l + '\n') },
  });
  process.send?.({ port: running.port });
  let cpuStart = process.cpuUsage();
  process.on('message', async (m) => {
    if (m === 'mark') {
      cpuStart = process.cpuUsage();
      commits = [];
    }
    if (m === 'cpu') {
      const cpu = process.cpuUsage(cpuStart);
      const ms = commits.map((c) => c[1]).sort((a, b) => a - b);
      const submissions = commits.reduce((s, c) => s + c[0], 0);
      process.send?.({
        cpuMs: (cpu.user + cpu.system) / 1000,
        commits: { count: commits.length, perCommit: round(submissions / Math.max(1, commits.length)),
          p50Ms: round(ms[Math.floor(ms.length * 0.5)] ?? 0), p99Ms: round(ms[Math.floor(ms.length * 0.99)] ?? 0), maxMs: round(ms[ms.length - 1] ?? 0) },
      });
    }
    if (m === 'stop') {
      await running.close(1000);
      store.close();
      process.exit(0);
    }
  });
}

async function bench() {
  const { values } = parseArgs({
    options: {
      mode: { type: 'string', default: 'both' },
      annotators: { type: 'string', default: '50' },
      per: { type: 'string', default: '1000' },
      'think-per': { type: 'string', default: '100' },
      think: { type: 'string', default: '200-500' },
      items: { type: 'string', default: '200' },
      overlap: { type: 'string', default: '5' },
      'resend-rate': { type: 'string', default: '0.02' },
      'max-seconds': { type: 'string', default: '120' },
      json: { type: 'boolean', default: false },
    },
  });
  const A = Number(values.annotators);
  const ITEMS = Number(values.items);
  const OVERLAP = Math.min(Number(values.overlap), A);
  const RESEND = Number(values['resend-rate']);
  const MAX_S = Number(values['max-seconds']);
  const [thinkMin, thinkMax] = values.think.split('-').map(Number);
  if (!(thinkMin >= 0 && thinkMax >= thinkMin)) throw new Error(`--think must be MIN-MAX in ms, got ${values.think}`);
  if (!['both', 'stress', 'think'].includes(values.mode)) throw new Error(`--mode must be both, stress or think`);
  const modes = [];
  if (values.mode !== 'think') modes.push({ name: 'stress', label: 'stress (no think time)', per: Number(values.per), think: null });
  if (values.mode !== 'stress') modes.push({ name: 'think', label: `think ${thinkMin}-${thinkMax} ms`, per: Number(values['think-per']), think: [thinkMin, thinkMax] });
  const log = (s) => process.stderr.write(s + '\n');

  const dir = mkdtempSync(join(tmpdir(), 'juror-review-load-'));
  const dbFile = join(dir, 'juror.db');
  let child;
  try {
    const { people, reviewId } = await setup(dbFile, { A, ITEMS, OVERLAP });

    child = fork(new URL(import.meta.url).pathname, ['--server', dbFile], {
      execArgv: process.env.REVIEW_LOAD_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.REVIEW_LOAD_PROF] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise((resolve, reject) => {
      child.once('message', (m) => resolve(m.port));
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const ask = (msg) => new Promise((r) => { child.once('message', r); child.send(msg); });
    const agent = new http.Agent({ keepAlive: true, maxSockets: A + 5 });
    const origin = `http://127.0.0.1:${port}`;

    for (const p of people) {
      // as the sign-in page does: its double-submit token, then the form POST with the link's token
      const page = await request(agent, port, 'GET', '/login');
      const loginCookie = String(page.headers['set-cookie']?.[0] ?? '').split(';')[0];
      const loginCsrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page.body)?.[1] ?? '';
      const form = new URLSearchParams({ token: p.token, _csrf: loginCsrf }).toString();
      const res = await request(agent, port, 'POST', '/login', { cookie: loginCookie, origin, 'content-type': 'application/x-www-form-urlencoded' }, form);
      p.cookie = String((res.headers['set-cookie'] ?? []).find((c) => c.startsWith('juror_sid=')) ?? '').split(';')[0];
      const home = await request(agent, port, 'GET', '/', { cookie: p.cookie });
      p.csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(home.body)?.[1];
      if (!p.cookie || !p.csrf) throw new Error(`sign-in failed for ${p.id}: ${res.status}`);
    }
    log(`review-load: ${A} annotators, ${ITEMS} items, overlap ${OVERLAP}, resend rate ${RESEND}, cap ${MAX_S} s per mode, server pid ${child.pid}`);

    const keys = new Map(); // clientKey -> mode name, for acknowledged saves only
    const results = {};
    for (const mode of modes) {
      log(`review-load: ${mode.label}, up to ${mode.per} saves per annotator...`);
      child.send('mark');
      const r = await runMode(mode, { people, agent, port, origin, reviewId, RESEND, MAX_S, keys });
      const { cpuMs, commits } = await ask('cpu');
      r.serverCpuMsPerRequest = round(cpuMs / (r.saves + r.resends + r.errors));
      r.commits = commits;
      results[mode.name] = r;
    }
    agent.destroy();
    const exited = new Promise((r) => child.once('exit', r));
    child.send('stop');
    await exited;
    child = undefined;

    // --- verify in SQLite: rows and client keys ---
    const { openSqliteStore } = await load('storage/sqlite-store.js');
    const check = openSqliteStore(dbFile);
    const history = check.getAnnotationHistory(reviewId);
    check.close();
    const perKey = new Map();
    for (const h of history) perKey.set(h.clientKey, (perKey.get(h.clientKey) ?? 0) + 1);
    for (const r of Object.values(results)) Object.assign(r, { lost: 0, duplicated: 0 });
    for (const [k, m] of keys) {
      const c = perKey.get(k) ?? 0;
      if (c === 0) results[m].lost++;
      if (c > 1) results[m].duplicated++;
    }
    const unknown = [...perKey.keys()].filter((k) => !keys.has(k)).length;
    const stored = { rows: history.length, clientKeys: perKey.size, acknowledged: keys.size, extra: history.length - keys.size, unknownKeys: unknown };
    const errors = Object.values(results).reduce((s, r) => s + r.errors, 0);
    const lostOrDup = Object.values(results).reduce((s, r) => s + r.lost + r.duplicated, 0);
    const ok = errors === 0 && lostOrDup === 0 && stored.extra === 0 && unknown === 0;
    const load1 = loadavg()[0];

    if (values.json) {
      process.stdout.write(JSON.stringify({ annotators: A, items: ITEMS, overlap: OVERLAP, p99BarMs: P99_BAR_MS, modes: results, stored, ok, loadAverage: round(load1), cores: cpus().length }) + '\n');
    } else {
      for (const m of modes) {
        const r = results[m.name];
        console.log(
          `${m.label.padEnd(24)} ${r.saves} saves in ${r.seconds} s = ${r.savesPerSecond}/s${r.capped ? ' (time cap hit)' : ''} | ` +
          `p50 ${r.latencyMs.p50}  p95 ${r.latencyMs.p95}  p99 ${r.latencyMs.p99}  max ${r.latencyMs.max} ms | ` +
          `server CPU ${r.serverCpuMsPerRequest} ms/req | errors ${r.errors}, lost ${r.lost}, duplicated ${r.duplicated} | ` +
          `p99 < ${P99_BAR_MS} ms: ${r.p99Pass ? 'PASS' : 'MISS'}`,
        );
      }
      for (const m of modes) {
        const c = results[m.name].commits;
        if (c.count > 0) console.log(`${''.padEnd(24)} group commit: ${c.count} transactions, ${c.perCommit} saves each on average; transaction p50 ${c.p50Ms}  p99 ${c.p99Ms}  max ${c.maxMs} ms`);
      }
      const resends = Object.values(results).reduce((s, r) => s + r.resends, 0);
      console.log(`stored       ${stored.rows} rows, ${stored.clientKeys} distinct client keys, for ${stored.acknowledged} acknowledged saves (+${resends} deliberate same-key resends): extra ${stored.extra} -> ${ok ? 'OK' : 'FAIL'}`);
      console.log(`machine      load average ${load1.toFixed(1)} on ${cpus().length} cores (latency depends on it; server CPU per request much less)`);
    }
    process.exitCode = ok ? 0 : 1;
  } finally {
    child?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A run, annotators, one review with overlap; returns each annotator's token and items. */
async function setup(dbFile, { A, ITEMS, OVERLAP }) {
  const { openSqliteStore } = await load('storage/sqlite-store.js');
  const { addAnnotator } = await load('review/tokens.js');
  const { createReviewFromRun } = await load('review/create-review.js');
  const store = openSqliteStore(dbFile);
  store.createRun({ id: 'run1', kind: 'run', suiteName: 'load', provider: 'mock', config: {}, startedAt: new Date().toISOString() });
  const cases = Array.from({ length: ITEMS }, (_, i) => ({ id: `c${i}`, vars: { q: `question ${i}` }, tags: [] }));
  store.saveCases('run1', cases);
  store.saveResults(cases.map((c) => ({
    output: { runId: 'run1', caseId: c.id, repeat: 0, prompt: c.vars.q, output: `answer to ${c.vars.q}`, error: null,
      usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: 0, costUsd: null, cached: false, attempts: 1 },
    scores: [],
  })));
  const names = Array.from({ length: A }, (_, i) => `a${String(i).padStart(3, '0')}`);
  const people = names.map((name) => {
    const { annotator, token } = addAnnotator(store, name, 'annotator');
    return { id: annotator.id, token };
  });
  const rubric = { name: 'load', criteria: [{ name: 'q', question: 'Good?', scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] }, anchors: {} }] };
  const { review } = createReviewFromRun(store, { runId: 'run1', rubric, overlap: OVERLAP, seed: 1, annotators: names });
  for (const p of people) p.items = store.getAssignments(review.id, p.id).map((v) => v.itemId);
  store.close();
  return { people, reviewId: review.id };
}

async function runMode(mode, { people, agent, port, origin, reviewId, RESEND, MAX_S, keys }) {
  const latencies = [];
  let errors = 0;
  let resends = 0;
  let capped = false;
  const firstError = [];
  const started = performance.now();
  const deadline = started + MAX_S * 1000;
  const pause = () => {
    const [lo, hi] = mode.think;
    return new Promise((r) => setTimeout(r, lo + Math.random() * (hi - lo)));
  };
  const send = async (path, headers, body) => {
    try {
      const res = await request(agent, port, 'POST', path, headers, body);
      if (res.status === 200) return true;
      if (firstError.length === 0) firstError.push(`HTTP ${res.status} ${res.body.slice(0, 200)}`);
    } catch (err) {
      if (firstError.length === 0) firstError.push(String(err));
    }
    errors++;
    return false;
  };
  await Promise.all(people.map(async (p, pi) => {
    // think mode: annotators start spread over one pause, not in lockstep
    if (mode.think) await new Promise((r) => setTimeout(r, Math.random() * mode.think[1]));
    for (let i = 0; i < mode.per; i++) {
      if (mode.think && i > 0) await pause();
      if (performance.now() > deadline) {
        capped = true;
        return;
      }
      const itemId = p.items[i % p.items.length];
      const clientKey = `${mode.name}-p${pi}x${i}x${Math.random().toString(36).slice(2, 10)}`;
      const body = JSON.stringify({ clientKey, labels: { q: (i % 5) + 1 } });
      const headers = { cookie: p.cookie, 'x-csrf-token': p.csrf, origin, 'content-type': 'application/json' };
      const path = `/api/reviews/${reviewId}/items/${itemId}/annotations`;
      const t0 = performance.now();
      const ok = await send(path, headers, body);
      latencies.push(performance.now() - t0);
      if (!ok) continue;
      keys.set(clientKey, mode.name);
      if (Math.random() < RESEND) {
        resends++;
        await send(path, headers, body);
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  if (firstError.length) process.stderr.write(`review-load: ${mode.name}: first error: ${firstError[0]}\n`);
  const sorted = latencies.sort((a, b) => a - b);
  const q = (x) => sorted[Math.min(sorted.length - 1, Math.floor(x * sorted.length))] ?? NaN;
  return {
    saves: sorted.length, resends, errors, capped, seconds: round(seconds), savesPerSecond: Math.round(sorted.length / seconds),
    latencyMs: { p50: round(q(0.5)), p95: round(q(0.95)), p99: round(q(0.99)), max: round(sorted[sorted.length - 1]) },
    p99Pass: q(0.99) < P99_BAR_MS,
  };
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
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
