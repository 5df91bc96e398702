import type { MockHttpRequest, MockHttpResponse } from './mock-handler.js';
import { anthropicBatchRoute } from './mock-batch-anthropic.js';
import { openAIBatchRoute } from './mock-batch-openai.js';
import { BatchStore, type MockBatchOptions, type MockBatchStats, type RunModel } from './mock-batch-store.js';

export type { MockBatchOptions, MockBatchStats, RunModel } from './mock-batch-store.js';

/**
 * The two batch protocols of the mock, over the same mock model as single calls:
 * OpenAI (POST /v1/files multipart, POST /v1/batches, GET /v1/batches[/{id}], POST .../cancel,
 * GET /v1/files/{id}/content) and Anthropic Message Batches (POST/GET /v1/messages/batches[/{id}],
 * POST .../cancel, GET .../results as JSONL).
 *
 * A batch ends `delayMs` after it was created and after `inProgressLooks` looks at it: it is
 * processed (every request through the model, faults included, so `failNext` makes partial
 * failures) when a client looks at it after that. `expireNext(k)` makes the next batch created expire after only its first k requests ran.
 * No timers: nothing runs between two requests of a client, so tests are deterministic.
 */
export class MockBatches {
  private readonly store: BatchStore;

  constructor(runModel: RunModel, opts: MockBatchOptions = {}, now: () => number = Date.now) {
    this.store = new BatchStore(runModel, opts, now);
  }

  /** The next batch created expires once its first `processed` requests ran (the rest: expired). */
  expireNext(processed: number): void {
    this.store.expireNext(processed);
  }

  stats(): MockBatchStats {
    return this.store.stats();
  }

  /** Clears the counts and a scripted expiry (batches and files stay, as on a real server). */
  reset(): void {
    this.store.reset();
  }

  /** A batch or file route's answer, or undefined when `req` is not one. */
  async handle(req: MockHttpRequest): Promise<MockHttpResponse | undefined> {
    const { path } = req;
    if (path === '/v1/files' || path.startsWith('/v1/files/') || path === '/v1/batches' || path.startsWith('/v1/batches/')) {
      return openAIBatchRoute(this.store, req);
    }
    if (path === '/v1/messages/batches' || path.startsWith('/v1/messages/batches/')) return anthropicBatchRoute(this.store, req);
    return undefined;
  }
}
