import type { MockHttpRequest, MockHttpResponse } from './mock-handler.js';
import { anthropicError } from './anthropic-wire.js';
import { MOCK_HEADERS_FIELD } from '../batch.js';
import { CUSTOM_ID, header, hasKey, json, listPage, parseJson, steering, type Batch, type BatchStore, type Outcome } from './mock-batch-store.js';

/**
 * Anthropic Message Batches of the mock: POST /v1/messages/batches, GET /v1/messages/batches (newest
 * first, `limit` and `after_id`), GET /v1/messages/batches/{id}, POST .../cancel,
 * GET .../results (JSONL, one line per request with its custom_id).
 */

export function anthropicBatchRoute(store: BatchStore, req: MockHttpRequest): Promise<MockHttpResponse> {
  return anthropic(store, req, req.method, req.path);
}

async function anthropic(store: BatchStore, req: MockHttpRequest, method: string, path: string): Promise<MockHttpResponse> {
  const err = (status: number, message: string) => json(status, anthropicError(status, message));
  if (!hasKey(req)) return err(401, 'missing API key: send an x-api-key header');
  if (method === 'POST' && path === '/v1/messages/batches') return createAnthropic(store, req);
  if (method === 'GET' && path === '/v1/messages/batches') {
    const { page, hasMore } = listPage([...store.batches.values()].filter((b) => b.dialect === 'anthropic'), req, 'after_id');
    const data = await Promise.all(page.map((b) => viewAnthropic(store, b, req)));
    return json(200, { data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
  }
  const one = /^\/v1\/messages\/batches\/([^/]+)(\/cancel|\/results)?$/.exec(path);
  const batch = one ? store.batches.get(one[1]!) : undefined;
  if (!one || !batch || batch.dialect !== 'anthropic') return err(404, one ? `message batch ${one[1]} not found` : `no route ${method} ${path}`);
  if (one[2] === '/cancel' && method === 'POST') {
    store.cancel(batch);
    return json(200, await viewAnthropic(store, batch, req));
  }
  if (one[2] === '/results' && method === 'GET') {
    await store.settle(batch);
    if (batch.state !== 'ended') return err(400, `message batch ${batch.id} is still in progress; results are available once it ends`);
    const lines = batch.lines.map((l) => JSON.stringify({ custom_id: l.customId, result: anthropicResult(batch.outcomes!.get(l.customId)!) }));
    return { kind: 'reply', status: 200, headers: { 'content-type': 'application/binary' }, body: lines.join('\n') + '\n' };
  }
  if (!one[2] && method === 'GET') return json(200, await viewAnthropic(store, batch, req));
  return err(404, `no route ${method} ${path}`);
}

function createAnthropic(store: BatchStore, req: MockHttpRequest): MockHttpResponse {
  const body = parseJson(req.body);
  const bad = (m: string) => json(400, anthropicError(400, m));
  if (!body || !Array.isArray(body.requests) || body.requests.length === 0) return bad('requests: at least one request is required');
  const batch = store.newBatch('anthropic', store.nextId('msgbatch_mock'), req);
  const seen = new Set<string>();
  for (const [i, r] of (body.requests as unknown[]).entries()) {
    const item = r && typeof r === 'object' ? (r as Record<string, unknown>) : {};
    const customId = item.custom_id;
    if (typeof customId !== 'string' || !CUSTOM_ID.test(customId)) return bad(`requests.${i}.custom_id: must match ^[a-zA-Z0-9_-]{1,64}$`);
    if (seen.has(customId)) return bad(`requests.${i}.custom_id: duplicate custom_id ${customId}`);
    seen.add(customId);
    batch.lines.push({ customId, body: item.params, headers: steering(item[MOCK_HEADERS_FIELD]) });
  }
  store.count(batch);
  store.batches.set(batch.id, batch);
  return json(200, anthropicView(batch, req));
}

async function viewAnthropic(store: BatchStore, batch: Batch, req: MockHttpRequest): Promise<Record<string, unknown>> {
  await store.settle(batch);
  return anthropicView(batch, req);
}

// ---------- both ----------

function anthropicView(b: Batch, req: MockHttpRequest): Record<string, unknown> {
  const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
  if (!b.outcomes) counts.processing = b.lines.length;
  for (const o of b.outcomes?.values() ?? []) counts[o.type] += 1;
  const host = header(req, 'host');
  const resultsPath = `/v1/messages/batches/${b.id}/results`;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: b.id,
    type: 'message_batch',
    processing_status: b.state,
    request_counts: counts,
    ended_at: b.endedAt !== undefined ? iso(b.endedAt * 1000) : null,
    created_at: iso(b.createdAt),
    expires_at: iso(b.createdAt + 86_400_000),
    archived_at: null,
    cancel_initiated_at: b.final === 'cancelled' ? iso(b.endedAt! * 1000) : null,
    // Absolute like the real API when the client said where it sent the request; the SDK joins a path with its base URL.
    results_url: b.state === 'ended' ? (host ? `http://${host}${resultsPath}` : resultsPath) : null,
  };
}

function anthropicResult(o: Outcome): Record<string, unknown> {
  if (o.type === 'succeeded') return { type: 'succeeded', message: o.body };
  if (o.type === 'errored') {
    const body = o.body && typeof o.body === 'object' ? o.body : anthropicError(o.status, 'mock error');
    return { type: 'errored', error: body };
  }
  return { type: o.type };
}
