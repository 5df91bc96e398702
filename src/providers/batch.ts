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
  /**
   * Submit; returns the provider's batch id. `key` is the client's name for this submission (stored
   * before it is sent), carried with the batch where the API takes metadata, so `find` can tell it.
   */
  submit(items: BatchItem[], key: string): Promise<string>;
  /**
   * The id of a batch submitted as `key` that the provider accepted, if there is one: a process that
   * died after the provider accepted a batch but before it stored the id looks here before sending
   * again (paying twice). See BatchLookup for what each API can tell.
   */
  find(key: string, hint: BatchLookup): Promise<string | null>;
  status(batchId: string): Promise<BatchStatus>;
  /** Every request's outcome, once `status` says ended. */
  results(batchId: string): Promise<BatchOutcome[]>;
  cancel(batchId: string): Promise<void>;
  /** A succeeded outcome's body as the answer to `request` (as a single call would have returned it). */
  answer(body: unknown, request: CompletionRequest): Omit<CompletionResult, 'latencyMs'>;
}

/**
 * What is known of a submission that may have reached the provider. OpenAI batches carry the key in
 * their metadata, so the answer is certain. Anthropic Message Batches take no metadata: a batch
 * created after `createdAt` (less a minute of clock skew) with exactly `customIds.length` requests
 * is taken, one whose results show exactly these custom_ids first; a batch still in progress cannot
 * show them. Adopting a stranger's batch costs no correctness: answers are matched by custom_id,
 * which is the request's cache key, so requests without a result in it are sent again on --resume.
 */
export interface BatchLookup {
  /** When the submission was stored, just before it was sent (ISO). */
  createdAt: string;
  customIds: readonly string[];
  /** Provider ids of batches the client already holds (never another submission's). */
  known: readonly string[];
}

/** Clock skew between this machine and the provider allowed when looking for a submission. */
export const LOOKUP_SKEW_MS = 60_000;

/** The field of a batch line that carries the `mock` adapter's steering headers (real APIs never get it). */
export const MOCK_HEADERS_FIELD = 'juror_mock_headers';
