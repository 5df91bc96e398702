/** What the Store keeps of provider batches (`juror run --batch`; migration 009). */

export type BatchRole = 'system' | 'judge';
export type BatchRecordStatus = 'submitting' | 'in_progress' | 'ended';
export type BatchRequestStatus = 'pending' | 'succeeded' | 'errored' | 'expired';

export interface NewBatch {
  /** Local id (`b_...`); the provider's id comes with setBatchSubmitted. */
  id: string;
  runId: string;
  /** Provider spec, e.g. `openai:gpt-4o-mini`. */
  provider: string;
  role: BatchRole;
  createdAt: string;
}

export interface NewBatchRequest {
  customId: string;
  /** The response-cache key of the request (runner/cache.ts): how a rerun finds its answer. */
  requestKey: string;
  caseId: string;
  repeat: number;
}

export interface BatchRecord extends NewBatch {
  remoteId: string | null;
  status: BatchRecordStatus;
  providerStatus: string | null;
  requests: number;
  endedAt: string | null;
}

export interface BatchRequestRecord extends NewBatchRequest {
  batchId: string;
  status: BatchRequestStatus;
  /** The provider's response body (JSON) of a succeeded request. */
  body: unknown;
  error: string | null;
}

export interface BatchResultUpdate {
  customId: string;
  status: Exclude<BatchRequestStatus, 'pending'>;
  body?: unknown;
  error?: string | null;
}

/** Provider batches in the Store (src/storage/sqlite/batches.ts). */
export interface BatchStore {
  /** A batch and its requests, before anything is sent (status `submitting`). */
  createBatch(batch: NewBatch, requests: readonly NewBatchRequest[]): void;
  /** The provider accepted it: its id, status `in_progress`. */
  setBatchSubmitted(id: string, remoteId: string): void;
  setBatchProviderStatus(id: string, providerStatus: string): void;
  /** Forget a batch that was never accepted (a failed or cut-off submission). */
  deleteBatch(id: string): void;
  listBatches(runId: string): BatchRecord[];
  getBatchRequests(runId: string): BatchRequestRecord[];
  /** Every request's outcome and the batch's end, atomically. */
  saveBatchResults(id: string, results: readonly BatchResultUpdate[], providerStatus: string, endedAt: string): void;
}
