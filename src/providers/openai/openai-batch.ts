import OpenAI, { APIError, toFile } from 'openai';
import { ConfigError, ProviderError } from '../../core/errors.js';
import { LOOKUP_SKEW_MS, MOCK_HEADERS_FIELD, type BatchApi, type BatchItem, type BatchLookup, type BatchOutcome, type BatchStatus } from '../batch.js';
import { oneLine } from '../http-errors.js';
import type { CompletionRequest, CompletionResult } from '../provider.js';
import { toProviderError } from './openai-errors.js';

/**
 * The OpenAI Batch API through the SDK: the requests as a JSONL file (Files API, purpose "batch"),
 * one batch on /v1/chat/completions with the 24 h window, polled by id; successes come back in
 * the output file and failures (errored or expired requests) in the error file, matched by custom_id.
 */

export interface OpenAIBatchDeps {
  client: OpenAI;
  id: string;
  baseURL: string;
  params(request: CompletionRequest): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
  answer(body: unknown, request: CompletionRequest): Omit<CompletionResult, 'latencyMs'>;
  headersFor?: (request: CompletionRequest) => Record<string, string> | undefined;
  credentialHint?: string;
  endpointHint?: string;
}

const ENDPOINT = '/v1/chat/completions';
/** The metadata field that names the submission (BatchApi.find). */
const KEY_FIELD = 'juror_submission';

export class OpenAIBatch implements BatchApi {
  constructor(private readonly d: OpenAIBatchDeps) {}

  async check(): Promise<void> {
    try {
      await this.d.client.batches.list({ limit: 1 });
    } catch (err) {
      if (err instanceof APIError && (err.status === 404 || err.status === 405 || err.status === 501)) {
        throw new ConfigError(`${this.d.id}: the server at ${this.d.baseURL} has no batch API (GET /batches answered ${err.status}); run without --batch`);
      }
      throw this.error(err);
    }
  }

  async submit(items: BatchItem[], key: string): Promise<string> {
    const lines = items.map(({ customId, request }) => {
      const headers = this.d.headersFor?.(request);
      return JSON.stringify({ custom_id: customId, method: 'POST', url: ENDPOINT, body: this.d.params(request), ...(headers ? { [MOCK_HEADERS_FIELD]: headers } : {}) });
    });
    try {
      const file = await this.d.client.files.create({
        file: await toFile(Buffer.from(lines.join('\n') + '\n', 'utf8'), 'juror-batch.jsonl', { type: 'application/jsonl' }),
        purpose: 'batch',
      });
      const batch = await this.d.client.batches.create({ input_file_id: file.id, endpoint: ENDPOINT, completion_window: '24h', metadata: { source: 'juror', [KEY_FIELD]: key } });
      return batch.id;
    } catch (err) {
      throw this.error(err);
    }
  }

  /** Newest first, down to the submission's time: the batch whose metadata carries `key`. */
  async find(key: string, hint: BatchLookup): Promise<string | null> {
    const since = Math.floor((Date.parse(hint.createdAt) - LOOKUP_SKEW_MS) / 1000);
    try {
      for await (const b of this.d.client.batches.list({ limit: 100 })) {
        if (b.created_at < since) break;
        if ((b.metadata as Record<string, string> | null)?.[KEY_FIELD] === key) return b.id;
      }
    } catch (err) {
      throw this.error(err);
    }
    return null;
  }

  async status(batchId: string): Promise<BatchStatus> {
    let b: OpenAI.Batches.Batch;
    try {
      b = await this.d.client.batches.retrieve(batchId);
    } catch (err) {
      throw this.error(err);
    }
    const total = b.request_counts?.total ?? 0;
    const succeeded = b.request_counts?.completed ?? 0;
    const errored = b.request_counts?.failed ?? 0;
    const ended = b.status === 'completed' || b.status === 'expired' || b.status === 'cancelled' || b.status === 'failed';
    const failure = b.status === 'failed' ? oneLine(b.errors?.data?.map((e) => `${e.message ?? e.code}${e.line ? ` (line ${e.line})` : ''}`).join('; ') || 'the batch failed') : undefined;
    return {
      state: ended ? 'ended' : 'in_progress',
      providerStatus: b.status,
      counts: { total, succeeded, errored, pending: ended ? 0 : Math.max(0, total - succeeded - errored) },
      ...(failure ? { failure: `${this.d.id}: batch ${batchId} failed: ${failure}` } : {}),
    };
  }

  async results(batchId: string): Promise<BatchOutcome[]> {
    try {
      const b = await this.d.client.batches.retrieve(batchId);
      const out: BatchOutcome[] = [];
      for (const fileId of [b.output_file_id, b.error_file_id]) {
        if (!fileId) continue;
        const text = await (await this.d.client.files.content(fileId)).text();
        for (const raw of text.split('\n')) if (raw.trim() !== '') out.push(this.outcome(JSON.parse(raw) as OutputLine));
      }
      return out;
    } catch (err) {
      throw err instanceof SyntaxError
        ? new ProviderError(`${this.d.id}: batch ${batchId}: a result file is not JSONL (${err.message})`, { retryable: true, provider: this.d.id })
        : this.error(err);
    }
  }

  async cancel(batchId: string): Promise<void> {
    try {
      await this.d.client.batches.cancel(batchId);
    } catch (err) {
      throw this.error(err);
    }
  }

  answer(body: unknown, request: CompletionRequest): Omit<CompletionResult, 'latencyMs'> {
    return this.d.answer(body, request);
  }

  private outcome(line: OutputLine): BatchOutcome {
    const customId = String(line.custom_id);
    const status = line.response?.status_code;
    if (line.response && status === 200) return { customId, kind: 'succeeded', body: line.response.body };
    if (line.error && !line.response) {
      const code = String(line.error.code ?? '');
      const message = `${this.d.id}: ${oneLine(String(line.error.message ?? code))}`;
      if (code === 'batch_expired') return { customId, kind: 'expired', message };
      if (code === 'batch_cancelled') return { customId, kind: 'canceled', message };
      return { customId, kind: 'errored', message };
    }
    const error = (line.response?.body as { error?: { message?: unknown } } | undefined)?.error;
    const detail = oneLine(typeof error?.message === 'string' ? error.message : 'no message');
    return { customId, kind: 'errored', message: `${this.d.id}: HTTP ${status ?? '?'}: ${detail}` };
  }

  private error(err: unknown) {
    return toProviderError(err, this.d.id, this.d.credentialHint, this.d.endpointHint);
  }
}

interface OutputLine {
  custom_id?: unknown;
  response?: { status_code?: number; body?: unknown } | null;
  error?: { code?: unknown; message?: unknown } | null;
}
