import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../src/core/case.js';
import { loadSuite } from '../../src/loader/load-suite.js';
import { createAnthropicProvider } from '../../src/providers/anthropic/anthropic-provider.js';
import { expectedHeaders } from '../../src/providers/mock/mock-provider.js';
import { startMockServer, type MockServer } from '../../src/providers/mock/mock-server.js';
import { createOpenAIProvider } from '../../src/providers/openai/openai-provider.js';
import { atBatchPrices, estimateCost } from '../../src/providers/pricing.js';
import type { Provider } from '../../src/providers/provider.js';
import { BatchRun, type BatchEvent } from '../../src/runner/batch-run.js';
import { planFromSuite } from '../../src/runner/plan-from-suite.js';
import { runSuite, type RunResult } from '../../src/runner/run-suite.js';
import { newCounters, wrapProvider } from '../../src/runner/wrap-providers.js';
import { buildScorers } from '../../src/scorers/registry.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';
import { ROOT, makeCases } from './support.js';

/**
 * The --batch path end to end: generations through the OpenAI Batch API, the rubric judge through
 * Anthropic Message Batches, both through the real SDKs over HTTP to the mock server; the results
 * against an ordinary streaming run of the same cases, case for case.
 */

const suite = loadSuite(join(ROOT, 'test/fixtures/runner/rag-rubric.yaml'));
const N = 8;

interface Setup {
  batch?: { events?: BatchEvent[]; onEvent?: (e: BatchEvent, run: BatchRun) => void };
  /** The BatchRun's Store, e.g. one that "dies" at a chosen write (killedAt). */
  batchStore?: (store: Store) => Store;
  resumeRunId?: string;
  signal?: AbortSignal;
  cache?: boolean;
}

describe('juror run --batch (runner)', () => {
  let dir: string;
  let store: Store;
  let server: MockServer;
  const opened: Provider[] = [];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'juror-batch-'));
    store = openSqliteStore(join(dir, 'juror.db'));
    // Each batch answers "in progress" twice before it ends, so every run polls.
    server = await startMockServer({ batch: { inProgressLooks: 2 } });
  });
  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((p) => p.close?.()));
    store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One "process": fresh providers and, with `batch`, a fresh BatchRun over the same database. */
  async function run(cases: Case[], s: Setup = {}): Promise<RunResult & { events: BatchEvent[] }> {
    const counters = newCounters();
    const events: BatchEvent[] = [];
    const batch = s.batch
      ? new BatchRun({
          store: s.batchStore ? s.batchStore(store) : store,
          pollIntervalMs: 1,
          discount: 0.5,
          cache: s.cache === false ? undefined : { onHit: () => void counters.cachedCalls++ },
          onEvent: (e) => {
            events.push(e);
            s.batch!.onEvent?.(e, batch!);
          },
        })
      : undefined;
    const system = createOpenAIProvider({ model: 'gpt-4o-mini', apiKey: 'k', baseURL: `${server.url}/v1`, headersFor: expectedHeaders, id: 'openai:gpt-4o-mini' });
    const judgeRaw = createAnthropicProvider({ model: 'claude-haiku-4-5', apiKey: 'k', baseURL: server.url, id: 'anthropic:claude-haiku-4-5' });
    opened.push(system, judgeRaw);
    const wrap = (p: Provider, role: 'system' | 'judge') =>
      wrapProvider(batch ? batch.wrap(p, role) : p, { store, cache: !batch && s.cache !== false, counters });
    const judge = wrap(judgeRaw, 'judge');
    const plan = planFromSuite(suite, buildScorers(suite, { judge }), cases);
    const result = await runSuite(
      plan,
      { providerSpec: 'openai:gpt-4o-mini', judgeSpec: 'anthropic:claude-haiku-4-5', concurrency: 4, resumeRunId: s.resumeRunId, signal: s.signal, graceMs: 0 },
      { store, provider: wrap(system, 'system'), counters, estimateCost: batch ? atBatchPrices(estimateCost) : estimateCost, judgeModel: 'claude-haiku-4-5', batch },
    );
    return { ...result, events };
  }

  /**
   * The Store of a process killed at its `nth` call of `method`: before the write (setBatchSubmitted:
   * the provider accepted the batch, its id is never stored) or after it (createBatch: the
   * submission is stored, never sent).
   */
  function killedAt(inner: Store, method: 'createBatch' | 'setBatchSubmitted', nth: number): Store {
    let calls = 0;
    return new Proxy(inner, {
      get(target, prop) {
        const v = Reflect.get(target, prop) as unknown;
        if (typeof v !== 'function') return v;
        const fn = (v as (...a: unknown[]) => unknown).bind(target);
        if (prop !== method) return fn;
        return (...args: unknown[]) => {
          const dies = ++calls === nth;
          if (dies && method === 'setBatchSubmitted') throw new Error(`killed at ${method}`);
          fn(...args);
          if (dies) throw new Error(`killed at ${method}`);
        };
      },
    });
  }

  /** What must be equal between two runs of the same cases: per case output, error, usage, scores, status. */
  function perCase(runId: string) {
    const scores = store.getScores(runId);
    return store
      .getOutputs(runId)
      .map((o) => ({
        caseId: o.caseId,
        repeat: o.repeat,
        output: o.output,
        error: o.error,
        usage: o.usage,
        scores: scores.filter((s) => s.outputId === o.id).map((s) => [s.criterion, s.value, s.passed ?? null]).sort(),
      }))
      .sort((a, b) => a.caseId.localeCompare(b.caseId));
  }

  it('submits the generations, then the judge calls, and ends as an ordinary run does, at half the cost', async () => {
    const cases = makeCases(N);
    const plain = await run(cases, { cache: false });
    server.reset();
    const batched = await run(cases, { batch: {}, cache: false });

    expect(batched.status).toBe('finished');
    expect(perCase(batched.runId)).toEqual(perCase(plain.runId));
    const { durationMs: _a, latencyP50Ms: _b, latencyP95Ms: _c, costUsd: plainCost, ...plainRest } = plain.summary;
    const { durationMs: _d, latencyP50Ms, latencyP95Ms, costUsd, batch, ...batchRest } = batched.summary;
    expect(batchRest).toEqual(plainRest);
    expect(plainCost).toBeGreaterThan(0);
    // The summary rounds to 6 places; per case the batch cost is exactly half.
    expect(Math.abs(costUsd! - plainCost! / 2)).toBeLessThanOrEqual(1e-6);
    const plainCosts = new Map(store.getOutputs(plain.runId).map((o) => [o.caseId, o.costUsd!]));
    for (const o of store.getOutputs(batched.runId)) expect(o.costUsd).toBeCloseTo(plainCosts.get(o.caseId)! / 2, 12);
    expect(batch).toEqual({ batches: 2, discount: 0.5 });
    expect([latencyP50Ms, latencyP95Ms]).toEqual([null, null]);
    expect(store.getOutputs(batched.runId).every((o) => o.latencyMs === null && !o.cached && o.attempts === 1)).toBe(true);

    // One batch of generations (OpenAI), then one of judge calls (Anthropic); nothing sent one by one.
    expect(server.stats().batches).toMatchObject({ created: 2, requests: 2 * N });
    expect(server.stats().requests).toBe(2 * N);
    const kinds = batched.events.map((e) => (e.kind === 'submitted' || e.kind === 'ended' ? [e.kind, e.provider, e.role] : null)).filter(Boolean);
    expect(kinds).toEqual([
      ['submitted', 'openai:gpt-4o-mini', 'system'],
      ['ended', 'openai:gpt-4o-mini', 'system'],
      ['submitted', 'anthropic:claude-haiku-4-5', 'judge'],
      ['ended', 'anthropic:claude-haiku-4-5', 'judge'],
    ]);
    // Polled: each batch answered "in progress" twice (pending = all N) before it ended.
    const looks = batched.events.filter((e) => e.kind === 'status').map((e) => (e.kind === 'status' ? [e.status.state, e.status.counts.pending] : []));
    expect(looks).toEqual([['in_progress', N], ['in_progress', N], ['ended', 0], ['in_progress', N], ['in_progress', N], ['ended', 0]]);
    expect(store.listBatches(batched.runId).map((b) => [b.role, b.status, b.requests])).toEqual([['system', 'ended', N], ['judge', 'ended', N]]);
  });

  it('survives a restart mid-batch: --resume polls the stored batches, nothing is submitted twice', async () => {
    const cases = makeCases(N);
    const plain = await run(cases, { cache: false });
    server.reset();

    // "Kill" the first process right after its generations were submitted.
    const stop = new AbortController();
    const first = await run(cases, { batch: { onEvent: (e) => void (e.kind === 'submitted' && stop.abort()) }, signal: stop.signal });
    expect(first.status).toBe('interrupted');
    expect(store.getOutputs(first.runId)).toEqual([]);
    const [stored] = store.listBatches(first.runId);
    expect(stored).toMatchObject({ role: 'system', status: 'in_progress', requests: N, remoteId: expect.stringMatching(/^batch_mock_/) });
    expect(server.stats().batches.created).toBe(1);

    const second = await run([], { batch: {}, resumeRunId: first.runId });
    expect(second.status).toBe('finished');
    expect(second.events[0]).toMatchObject({ kind: 'resumed', remoteId: stored!.remoteId, requests: N });
    const { created, requests, byCustomId } = server.stats().batches;
    expect([created, requests]).toEqual([2, 2 * N]);
    expect(Object.values(byCustomId).every((n) => n === 1)).toBe(true);
    expect(server.stats().requests).toBe(2 * N);
    expect(perCase(second.runId)).toEqual(perCase(plain.runId));
  });

  it('a crash after the provider accepted a batch but before its id was stored: --resume finds the batch (both protocols) and sends nothing twice', async () => {
    const cases = makeCases(N);
    const plain = await run(cases, { cache: false });
    server.reset();

    // 1: the generation batch (OpenAI) is accepted, then the process dies before storing its id.
    const first = await run(cases, { batch: {}, batchStore: (x) => killedAt(x, 'setBatchSubmitted', 1) }).catch((e: Error) => e);
    expect((first as Error).message).toBe('killed at setBatchSubmitted');
    const [runRecord] = store.listRuns();
    expect(store.listBatches(runRecord!.id).map((b) => [b.role, b.status, b.remoteId])).toEqual([['system', 'submitting', null]]);
    expect(server.stats().batches.created).toBe(1);

    // 2: resumed, it finds that batch by its key instead of paying for it again; then the judge
    // batch (Anthropic, no metadata: found by size, time and custom_ids) is cut off the same way
    // (the first id this process stores is the adopted batch's, the second the judge batch's).
    const second = await run([], { batch: {}, resumeRunId: runRecord!.id, batchStore: (x) => killedAt(x, 'setBatchSubmitted', 2) }).catch((e: Error) => e);
    expect((second as Error).message).toBe('killed at setBatchSubmitted');
    expect(server.stats().batches.created).toBe(2);
    expect(store.listBatches(runRecord!.id).map((b) => [b.role, b.status])).toEqual([['system', 'ended'], ['judge', 'submitting']]);

    const third = await run([], { batch: {}, resumeRunId: runRecord!.id });
    expect(third.status).toBe('finished');
    expect(third.events.filter((e) => e.kind === 'adopted' || e.kind === 'submitted').map((e) => [e.kind, e.provider])).toEqual([['adopted', 'anthropic:claude-haiku-4-5']]);
    const { created, requests, byCustomId } = server.stats().batches;
    expect([created, requests]).toEqual([2, 2 * N]);
    expect(Object.values(byCustomId).every((n) => n === 1)).toBe(true);
    expect(server.stats().requests).toBe(2 * N);
    expect(store.listBatches(runRecord!.id).map((b) => [b.role, b.status, b.requests])).toEqual([['system', 'ended', N], ['judge', 'ended', N]]);
    expect(third.summary.batch).toEqual({ batches: 2, discount: 0.5 });
    expect(perCase(third.runId)).toEqual(perCase(plain.runId));
  });

  it('a crash after the submission was stored but before it was sent: --resume finds nothing at the provider and sends it once', async () => {
    const cases = makeCases(N);
    const err = await run(cases, { batch: {}, batchStore: (x) => killedAt(x, 'createBatch', 1) }).catch((e: Error) => e);
    expect((err as Error).message).toBe('killed at createBatch');
    const [r] = store.listRuns();
    expect(store.listBatches(r!.id).map((x) => x.status)).toEqual(['submitting']);
    expect(server.stats().batches.created).toBe(0);
    const resumed = await run([], { batch: {}, resumeRunId: r!.id });
    expect(resumed.status).toBe('finished');
    expect(resumed.events.some((e) => e.kind === 'adopted')).toBe(false);
    expect(server.stats().batches).toMatchObject({ created: 2, requests: 2 * N });
  });

  it('records a partial failure as errored cases with the provider message; the judge batch holds only the rest', async () => {
    const cases = makeCases(N);
    server.failNext(2, '500');
    const r = await run(cases, { batch: {} });
    expect(r.status).toBe('finished');
    expect(r.summary).toMatchObject({ total: N, errored: 2, retries: 0 });
    const errored = store.getOutputs(r.runId).filter((o) => o.error !== null);
    expect(errored.map((o) => o.error)).toEqual([
      'openai:gpt-4o-mini: HTTP 500: mock server error 500',
      'openai:gpt-4o-mini: HTTP 500: mock server error 500',
    ]);
    expect(server.stats().batches.requests).toBe(N + (N - 2));
  });

  it('a batch that expires leaves its unfinished cases not run; --resume submits only those', async () => {
    const cases = makeCases(N);
    const plain = await run(cases, { cache: false });
    server.reset();
    server.expireNextBatch(3);
    let first: BatchRun | undefined;
    const r1 = await run(cases, { batch: { onEvent: (_e, b) => void (first = b) } });
    expect(r1.status).toBe('interrupted');
    expect(r1.summary).toMatchObject({ total: 3, notRun: N - 3, errored: 0 });
    expect(first!.expiredNote()).toBe(
      `${N - 3} cases not run: their batch ended before every request ran (expired after the 24 h window, or cancelled); juror run --resume ${r1.runId} submits only those requests again`,
    );
    expect(r1.events.find((e) => e.kind === 'ended')).toMatchObject({ providerStatus: 'expired', succeeded: 3, expired: N - 3 });
    const before = server.stats().batches.byCustomId;

    const r2 = await run([], { batch: {}, resumeRunId: r1.runId });
    expect(r2.status).toBe('finished');
    const after = server.stats().batches.byCustomId;
    // Resubmitted: exactly the N-3 generations that expired, each once more; then their N-3 judge calls.
    const again = Object.keys(after).filter((k) => after[k] === 2);
    expect(again).toHaveLength(N - 3);
    expect(again.every((k) => before[k] === 1)).toBe(true);
    expect(server.stats().batches.requests).toBe(N + 3 + (N - 3) + (N - 3));
    expect(perCase(r2.runId)).toEqual(perCase(plain.runId));
  });
});
