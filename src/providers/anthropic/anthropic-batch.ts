import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { ConfigError } from '../../core/errors.js';
import { LOOKUP_SKEW_MS, MOCK_HEADERS_FIELD, type BatchApi, type BatchItem, type BatchLookup, type BatchOutcome, type BatchStatus } from '../batch.js';
import { oneLine } from '../http-errors.js';
import type { CompletionRequest, CompletionResult } from '../provider.js';
import { toProviderError } from './anthropic-errors.js';

/**
 * Anthropic Message Batches through the SDK: every request with its custom_id in one create call,
 * polled by id (processing_status), results streamed as JSONL once the batch has ended.
 */

type Params = Anthropic.Messages.MessageCreateParamsNonStreaming;

export interface AnthropicBatchDeps {
  client: Anthropic;
  id: string;
  baseURL: string;
  params(request: CompletionRequest): Params;
  answer(body: unknown, request: CompletionRequest): Omit<CompletionResult, 'latencyMs'>;
  headersFor?: (request: CompletionRequest) => Record<string, string> | undefined;
  credentialHint?: string;
  endpointHint?: string;
}

export class AnthropicBatch implements BatchApi {
  constructor(private readonly d: AnthropicBatchDeps) {}

  async check(): Promise<void> {
    try {
      await this.d.client.messages.batches.list({ limit: 1 });
    } catch (err) {
      if (err instanceof APIError && (err.status === 404 || err.status === 405 || err.status === 501)) {
        throw new ConfigError(`${this.d.id}: the server at ${this.d.baseURL} has no batch API (GET /v1/messages/batches answered ${err.status}); run without --batch`);
      }
      throw this.error(err);
    }
  }

  async submit(items: BatchItem[], _key: string): Promise<string> {
    const requests = items.map(({ customId, request }) => {
      const headers = this.d.headersFor?.(request);
      // The steering field only exists for the built-in mock (headersFor is the mock adapter's).
      return { custom_id: customId, params: this.d.params(request), ...(headers ? { [MOCK_HEADERS_FIELD]: headers } : {}) };
    });
    try {
      const batch = await this.d.client.messages.batches.create({ requests });
      return batch.id;
    } catch (err) {
      throw this.error(err);
    }
  }

  /**
   * No metadata on Message Batches (BatchLookup): newest first, down to the submission's time, the
   * first batch of exactly as many requests that is still in progress (it cannot show its
   * custom_ids yet) or has ended with results for exactly these custom_ids.
   */
  async find(_key: string, hint: BatchLookup): Promise<string | null> {
    const since = Date.parse(hint.createdAt) - LOOKUP_SKEW_MS;
    const want = new Set(hint.customIds);
    const known = new Set(hint.known);
    try {
      for await (const b of this.d.client.messages.batches.list({ limit: 100 })) {
        if (Date.parse(b.created_at) < since) break;
        if (known.has(b.id)) continue;
        const c = b.request_counts;
        if (c.processing + c.succeeded + c.errored + c.canceled + c.expired !== want.size) continue;
        if (b.processing_status !== 'ended') return b.id;
        let same = true;
        let n = 0;
        for await (const line of await this.d.client.messages.batches.results(b.id)) {
          n++;
          if (!want.has(line.custom_id)) {
            same = false;
            break;
          }
        }
        if (same && n === want.size) return b.id;
      }
    } catch (err) {
      throw this.error(err);
    }
    return null;
  }

  async status(batchId: string): Promise<BatchStatus> {
    let b: Anthropic.Messages.Batches.MessageBatch;
    try {
      b = await this.d.client.messages.batches.retrieve(batchId);
    } catch (err) {
      throw this.error(err);
    }
    const c = b.request_counts;
    const errored = c.errored + c.expired + c.canceled;
    return {
      state: b.processing_status === 'ended' ? 'ended' : 'in_progress',
      providerStatus: b.processing_status,
      counts: { total: c.processing + c.succeeded + errored, succeeded: c.succeeded, errored, pending: c.processing },
    };
  }

  async results(batchId: string): Promise<BatchOutcome[]> {
    const out: BatchOutcome[] = [];
    try {
      for await (const line of await this.d.client.messages.batches.results(batchId)) out.push(this.outcome(line));
    } catch (err) {
      throw this.error(err);
    }
    return out;
  }

  async cancel(batchId: string): Promise<void> {
    try {
      await this.d.client.messages.batches.cancel(batchId);
    } catch (err) {
      throw this.error(err);
    }
  }

  answer(body: unknown, request: CompletionRequest): Omit<CompletionResult, 'latencyMs'> {
    return this.d.answer(body, request);
  }

  private outcome(line: Anthropic.Messages.Batches.MessageBatchIndividualResponse): BatchOutcome {
    const customId = line.custom_id;
    const r = line.result;
    switch (r.type) {
      case 'succeeded':
        return { customId, kind: 'succeeded', body: r.message };
      case 'errored': {
        const e = r.error?.error as { type?: string; message?: string } | undefined;
        return { customId, kind: 'errored', message: `${this.d.id}: ${e?.type ?? 'error'}: ${oneLine(e?.message ?? 'no message')}` };
      }
      case 'expired':
        return { customId, kind: 'expired', message: `${this.d.id}: the batch expired before this request ran` };
      case 'canceled':
        return { customId, kind: 'canceled', message: `${this.d.id}: the batch was cancelled before this request ran` };
    }
  }

  private error(err: unknown) {
    return toProviderError(err, this.d.id, this.d.credentialHint, this.d.endpointHint);
  }
}
