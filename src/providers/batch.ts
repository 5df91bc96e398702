import type { CompletionRequest, CompletionResult } from './provider.js';

/**
 * A provider's own batch API (OpenAI Batch API, Anthropic Message Batches): many requests in one
 * submission, answered within 24 h at half the price. The runner's --batch path (runner/batch-run.ts)
 * drives it; each adapter implements it with its SDK (openai/openai-batch.ts, anthropic/anthropic-batch.ts).
 */

export interface BatchItem {
  /** Unique within the batch; [a-zA-Z0-9_-]{1,64} (Anthropic's rule, which OpenAI's allows too). */
  customId: string;
  request: CompletionRequest;
}

export interface BatchStatus {
  /** `ended`: results can be fetched (completed, expired, cancelled or failed as a whole). */
  state: 'in_progress' | 'ended';
  /** The provider's own word for it (validating, in_progress, finalizing, completed, expired, ...). */
  providerStatus: string;
  counts: { total: number; succeeded: number; errored: number; pending: number };
  /** The whole batch was refused (e.g. the input file did not validate): every request failed with this. */
  failure?: string;
}

/** One request's outcome. `body` is the provider's response, parsed by `BatchApi.answer` when the case asks for it. */
export type BatchOutcome =
  | { customId: string; kind: 'succeeded'; body: unknown }
  | { customId: string; kind: 'errored'; message: string }
  /** Never ran: the batch expired (24 h window) or was cancelled. Resubmitted on --resume. */
  | { customId: string; kind: 'expired' | 'canceled'; message: string };

export interface BatchApi {
  /** Throws a one-line ConfigError when the endpoint has no batch API (OpenAI-compatible servers). */
  check(): Promise<void>;
  /** Submit; returns the provider's batch id. */
  submit(items: BatchItem[]): Promise<string>;
  status(batchId: string): Promise<BatchStatus>;
  /** Every request's outcome, once `status` says ended. */
  results(batchId: string): Promise<BatchOutcome[]>;
  cancel(batchId: string): Promise<void>;
  /** A succeeded outcome's body as the answer to `request` (as a single call would have returned it). */
  answer(body: unknown, request: CompletionRequest): Omit<CompletionResult, 'latencyMs'>;
}

/** The field of a batch line that carries the `mock` adapter's steering headers (real APIs never get it). */
export const MOCK_HEADERS_FIELD = 'juror_mock_headers';
