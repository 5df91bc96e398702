import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Case } from '../../src/core/case.js';
import { loadSuite } from '../../src/loader/load-suite.js';
import { expectedHeaders } from '../../src/providers/mock/mock-provider.js';
import { startMockServer, type MockServer, type MockServerOptions } from '../../src/providers/mock/mock-server.js';
import { createOpenAIProvider } from '../../src/providers/openai/openai-provider.js';
import { withRetry } from '../../src/providers/retry.js';
import { estimateCost } from '../../src/providers/pricing.js';
import { buildScorers } from '../../src/scorers/registry.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';
import { planFromSuite } from '../../src/runner/plan-from-suite.js';
import { runSuite, type RunOptions } from '../../src/runner/run-suite.js';
import { newCounters, wrapProvider } from '../../src/runner/wrap-providers.js';

export const ROOT = resolve(import.meta.dirname, '../..');

/** N RAG cases in the shape of suites/rag-faq: varied questions, context and golden answers. */
export function makeCases(n: number, prefix = 'c'): Case[] {
  const topics = ['export', 'sync', 'billing', 'sharing', 'search', 'backup', 'themes', 'tags'];
  return Array.from({ length: n }, (_, i) => {
    const t = topics[i % topics.length]!;
    const fact = `The ${t} feature number ${i} lives under Settings > ${t} > option ${i}.`;
    return {
      id: `${prefix}${i}`,
      vars: { question: `Where is the ${t} feature number ${i}?` },
      context: [{ text: fact }, { text: `Unrelated passage ${i} about coffee.` }],
      expected: `under Settings > ${t} > option ${i}`,
      tags: [t],
    };
  });
}

export interface Harness {
  dir: string;
  dbPath: string;
  store: Store;
  server: MockServer;
  /** Run the rag-faq suite with `cases` against the mock server, fresh providers each time. */
  run(cases: Case[], opts?: Partial<RunOptions> & { cache?: boolean; attempts?: number }): ReturnType<typeof runSuite>;
  close(): Promise<void>;
}

export async function harness(serverOpts: MockServerOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'juror-runner-'));
  const dbPath = join(dir, 'juror.db');
  const store = openSqliteStore(dbPath);
  const server = await startMockServer(serverOpts);
  const suite = loadSuite(join(ROOT, 'test/fixtures/runner/rag-rubric.yaml'));
  return {
    dir,
    dbPath,
    store,
    server,
    async run(cases, opts = {}) {
      const counters = newCounters();
      const raw = createOpenAIProvider({ model: 'mock-model', apiKey: 'test', baseURL: `${server.url}/v1`, headersFor: expectedHeaders });
      const rawJudge = createOpenAIProvider({ model: 'mock-judge', apiKey: 'test', baseURL: `${server.url}/v1` });
      // Fast backoff: faults must be retried, but tests should not sleep for seconds.
      const retry = (p: typeof raw, hooks: { onRetry: () => void }) =>
        withRetry(p, { attempts: opts.attempts ?? 6, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5_000 }, hooks);
      const wrap = (p: typeof raw) => wrapProvider(p, { store, cache: opts.cache ?? true, counters, retry });
      const judge = wrap(rawJudge);
      const plan = planFromSuite(suite, buildScorers(suite, { judge }), cases);
      return runSuite(plan, { providerSpec: 'openai:mock-model', judgeSpec: 'openai:mock-judge', concurrency: 8, ...opts }, {
        store,
        provider: wrap(raw),
        counters,
        estimateCost,
        judgeModel: 'mock-judge',
      });
    },
    async close() {
      store.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
