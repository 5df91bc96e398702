// Runner overhead without HTTP: the real loader, scorers (judge included), cache, SQLite store and
// runSuite, with the built-in mock MODEL called in-process instead of over HTTP + SDK.
//   node --expose-gc bench/runner-child.mjs N DIR   → prints one JSON line of metrics
// With --expose-gc the live heap is sampled after a full GC at every 10% (is anything retained per case?).
import { join } from 'node:path';
import { loadSuite } from '../dist/loader/load-suite.js';
import { buildScorers } from '../dist/scorers/registry.js';
import { openSqliteStore } from '../dist/storage/sqlite-store.js';
import { planFromSuite } from '../dist/runner/plan-from-suite.js';
import { runSuite } from '../dist/runner/run-suite.js';
import { newCounters, wrapProvider } from '../dist/runner/wrap-providers.js';
import { withRetry } from '../dist/providers/retry.js';
import { estimateCost } from '../dist/providers/pricing.js';
import { mockAnswer } from '../dist/providers/mock/mock-model.js';
import { writeBenchSuite } from './suite-fixture.mjs';

const n = Number(process.argv[2]);
const dir = process.argv[3];
const tokens = (s) => Math.ceil(s.length / 4);

/** The mock model as a Provider, no wire: isolates juror's own cost per case. */
const direct = {
  id: 'mock:direct',
  model: 'mock',
  async complete(req) {
    const a = mockAnswer({
      model: 'mock',
      messages: req.messages,
      schema: req.structured ? { name: req.structured.name, schema: req.structured.schema } : undefined,
      expected: req.meta?.expected !== undefined ? { value: req.meta.expected } : undefined,
    });
    return {
      text: a.text,
      structured: a.kind === 'structured' ? a.value : undefined,
      usage: { inputTokens: tokens(req.messages.map((m) => m.content).join('')), outputTokens: tokens(a.text) },
      latencyMs: 0,
      model: 'mock',
    };
  },
};

const suitePath = writeBenchSuite(dir, { n, provider: 'mock', judge: 'mock' });
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const store = openSqliteStore(join(dir, 'bench.db'));
const counters = newCounters();
const wrap = (p) => wrapProvider(p, { store, cache: true, counters, retry: (x, hooks) => withRetry(x, {}, hooks) });
const suite = loadSuite(suitePath);
const judge = wrap(direct);
const plan = planFromSuite(suite, buildScorers(suite, { judge }));
const heap = [];
const rss = [];
const res = await runSuite(plan, {
  providerSpec: 'mock:direct', judgeSpec: 'mock:direct', concurrency: 8,
  onResult: (_o, done) => { if (done % Math.max(1, Math.floor(n / 10)) === 0) { rss.push(process.memoryUsage().rss); globalThis.gc?.(); heap.push(process.memoryUsage().heapUsed); } },
}, { store, provider: wrap(direct), counters, estimateCost, judgeModel: 'mock' });
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const outputs = store.getOutputs(res.runId).length;
store.close();
process.stdout.write(JSON.stringify({
  n, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS,
  heapMb: heap.map((h) => Math.round(h / 1e6)), rssMb: rss.map((h) => Math.round(h / 1e6)), passed: res.summary.passed, outputs,
}) + '\n');
