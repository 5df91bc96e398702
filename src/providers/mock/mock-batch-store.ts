import type { MockHttpRequest, MockHttpResponse } from './mock-handler.js';

/**
 * The state both mock batch protocols share: batches, uploaded and result files, submission
 * counts, and when a batch ends (mock-batches.ts says how). Protocol routes: mock-batch-openai.ts,
 * mock-batch-anthropic.ts.
 */

export interface MockBatchOptions {
  /** How long after creation a batch ends (default 0: at the first look). */
  delayMs?: number;
  /** Looks (status or list requests) a batch answers "in progress" before it ends (default 0). Deterministic, for tests. */
  inProgressLooks?: number;
}

export interface MockBatchStats {
  /** Batches created (both protocols). */
  created: number;
  /** Requests submitted in them: a request sent in two batches counts twice. */
  requests: number;
  /** custom_id → how many batches it was submitted in. */
  byCustomId: Record<string, number>;
}

/** One request of a batch answered by the model: the HTTP status and JSON body it would have had. */
export type RunModel = (path: string, headers: MockHttpRequest['headers'], body: unknown) => Promise<{ status: number; body: unknown }>;

export interface Line {
  customId: string;
  body: unknown;
  /** Steering headers of the `mock` adapter (the golden answer), carried in the line. */
  headers: Record<string, string>;
}

export type Outcome = { type: 'succeeded' | 'errored'; status: number; body: unknown } | { type: 'expired' | 'canceled' };

export interface Batch {
  id: string;
  dialect: 'openai' | 'anthropic';
  lines: Line[];
  auth: MockHttpRequest['headers'];
  createdAt: number;
  looks: number;
  expireAfter?: number;
  state: 'in_progress' | 'canceling' | 'ended';
  final?: 'completed' | 'expired' | 'cancelled' | 'failed';
  outcomes?: Map<string, Outcome>;
  processing?: Promise<void>;
  outputFileId?: string;
  errorFileId?: string;
  filesWritten?: boolean;
  inputFileId?: string;
  endpoint?: string;
  metadata?: unknown;
  failure?: { code: string; message: string; line?: number };
  endedAt?: number;
}

export interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  text: string;
  createdAt: number;
}

export const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

export class BatchStore {
  readonly batches = new Map<string, Batch>();
  readonly files = new Map<string, StoredFile>();
  private seq = 0;
  private created = 0;
  private requests = 0;
  private readonly byCustomId = new Map<string, number>();
  private expireNextAfter: number | undefined;

  constructor(
    private readonly runModel: RunModel,
    private readonly opts: MockBatchOptions = {},
    private readonly now: () => number = Date.now,
  ) {}

  nextId(prefix: string): string {
    return `${prefix}_${++this.seq}`;
  }

  /** The next batch created expires once its first `processed` requests ran (the rest: expired). */
  expireNext(processed: number): void {
    this.expireNextAfter = Math.max(0, Math.floor(processed));
  }

  stats(): MockBatchStats {
    return { created: this.created, requests: this.requests, byCustomId: Object.fromEntries(this.byCustomId) };
  }

  reset(): void {
    this.created = 0;
    this.requests = 0;
    this.byCustomId.clear();
    this.expireNextAfter = undefined;
  }

  newBatch(dialect: Batch['dialect'], id: string, req: MockHttpRequest): Batch {
    this.created += 1;
    const expireAfter = this.expireNextAfter;
    this.expireNextAfter = undefined;
    const auth: MockHttpRequest['headers'] = {};
    for (const name of ['authorization', 'x-api-key']) if (req.headers[name] !== undefined) auth[name] = req.headers[name];
    return { id, dialect, lines: [], auth, createdAt: this.now(), looks: 0, expireAfter, state: 'in_progress' };
  }

  count(batch: Batch): void {
    this.requests += batch.lines.length;
    for (const l of batch.lines) this.byCustomId.set(l.customId, (this.byCustomId.get(l.customId) ?? 0) + 1);
  }

  cancel(batch: Batch): void {
    if (batch.state !== 'in_progress') return;
    batch.state = 'ended';
    batch.final = 'cancelled';
    batch.outcomes = new Map(batch.lines.map((l) => [l.customId, { type: 'canceled' }]));
    batch.endedAt = this.seconds();
  }

  /** Process the batch once it is due (requests in parallel, as a provider's fleet would). */
  async settle(batch: Batch): Promise<void> {
    if (batch.state === 'ended') return;
    if (batch.looks++ < (this.opts.inProgressLooks ?? 0) || this.now() < batch.createdAt + (this.opts.delayMs ?? 0)) return;
    batch.processing ??= (async () => {
      const path = batch.dialect === 'openai' ? '/v1/chat/completions' : '/v1/messages';
      const outcomes = new Map<string, Outcome>();
      const expired = batch.expireAfter !== undefined;
      await Promise.all(
        batch.lines.map(async (line, i) => {
          if (expired && i >= batch.expireAfter!) return void outcomes.set(line.customId, { type: 'expired' });
          const body = line.body && typeof line.body === 'object' ? { ...(line.body as Record<string, unknown>), stream: false } : line.body;
          const { status, body: answer } = await this.runModel(path, { ...batch.auth, ...line.headers }, body);
          outcomes.set(line.customId, { type: status === 200 ? 'succeeded' : 'errored', status, body: answer });
        }),
      );
      batch.outcomes = outcomes;
      batch.state = 'ended';
      batch.final = expired ? 'expired' : 'completed';
      batch.endedAt = this.seconds();
      })();
    await batch.processing;
  }


  seconds(): number {
    return Math.floor(this.now() / 1000);
  }
}

/**
 * One page of a list route, newest first as the real APIs list: at most `limit` (default 20, at most
 * 100) after the id named by `afterParam` (OpenAI `after`, Anthropic `after_id`), and whether more follow.
 */
export function listPage(batches: Batch[], req: MockHttpRequest, afterParam: 'after' | 'after_id'): { page: Batch[]; hasMore: boolean } {
  const q = new URLSearchParams(req.query ?? '');
  const limit = Math.min(100, Math.max(1, Number(q.get('limit')) || 20));
  const newest = [...batches].reverse();
  const after = q.get(afterParam);
  const from = after ? newest.findIndex((b) => b.id === after) + 1 : 0;
  const page = newest.slice(from, from + limit);
  return { page, hasMore: from + limit < newest.length };
}

export function steering(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k, v]) => k.startsWith('x-juror-mock-') && typeof v === 'string')) as Record<string, string>;
}

export function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text ?? '');
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function header(req: MockHttpRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function hasKey(req: MockHttpRequest): boolean {
  return Boolean(header(req, 'authorization')?.replace(/^Bearer\s*/i, '').trim() || header(req, 'x-api-key')?.trim());
}

export function json(status: number, body: unknown): MockHttpResponse {
  return { kind: 'reply', status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
