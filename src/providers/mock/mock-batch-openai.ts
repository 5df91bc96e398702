import type { MockHttpRequest, MockHttpResponse } from './mock-handler.js';
import { openAIError } from './openai-wire.js';
import { parseMultipart } from './multipart.js';
import { MOCK_HEADERS_FIELD } from '../batch.js';
import { header, hasKey, json, listPage, parseJson, steering, type Batch, type BatchStore, type StoredFile } from './mock-batch-store.js';

/**
 * The OpenAI Batch API of the mock: POST /v1/files (multipart), POST /v1/batches, GET /v1/batches
 * (newest first, `limit` and `after`, with each batch's metadata), GET /v1/batches/{id},
 * POST /v1/batches/{id}/cancel, GET /v1/files/{id}/content. Successes go to the output file,
 * failures and requests that never ran (expired, cancelled) to the error file, as the real API splits them.
 */

export function openAIBatchRoute(store: BatchStore, req: MockHttpRequest): Promise<MockHttpResponse> {
  return openai(store, req, req.method, req.path);
}

async function openai(store: BatchStore, req: MockHttpRequest, method: string, path: string): Promise<MockHttpResponse> {
  const err = (status: number, message: string) => json(status, openAIError(status, message));
  if (!hasKey(req)) return err(401, 'missing API key: send an Authorization: Bearer header');
  if (method === 'POST' && path === '/v1/files') return upload(store, req);
  const content = /^\/v1\/files\/([^/]+)\/content$/.exec(path);
  if (method === 'GET' && content) {
    const file = store.files.get(content[1]!);
    return file ? { kind: 'reply', status: 200, headers: { 'content-type': 'application/octet-stream' }, body: file.text } : err(404, `No such File object: ${content[1]}`);
  }
  if (method === 'POST' && path === '/v1/batches') return createOpenAI(store, req);
  if (method === 'GET' && path === '/v1/batches') {
    const { page, hasMore } = listPage([...store.batches.values()].filter((b) => b.dialect === 'openai'), req, 'after');
    const data = await Promise.all(page.map((b) => viewOpenAI(store, b)));
    return json(200, { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: hasMore });
  }
  const one = /^\/v1\/batches\/([^/]+)(\/cancel)?$/.exec(path);
  const batch = one ? store.batches.get(one[1]!) : undefined;
  if (!one || !batch || batch.dialect !== 'openai') return err(404, one ? `No batch found with id '${one[1]}'.` : `no route ${method} ${path}`);
  if (one[2] && method === 'POST') {
    store.cancel(batch);
    return json(200, await viewOpenAI(store, batch));
  }
  if (!one[2] && method === 'GET') return json(200, await viewOpenAI(store, batch));
  return err(404, `no route ${method} ${path}`);
}

function upload(store: BatchStore, req: MockHttpRequest): MockHttpResponse {
  const parts = parseMultipart(req.body ?? '', header(req, 'content-type'));
  const file = parts?.find((p) => p.name === 'file');
  const purpose = parts?.find((p) => p.name === 'purpose')?.value;
  if (!file) return json(400, openAIError(400, "expected a multipart body with a 'file' part"));
  if (!purpose) return json(400, openAIError(400, "'purpose' is required"));
  const stored: StoredFile = { id: store.nextId('file-mock'), filename: file.filename ?? 'upload', purpose, text: file.value, createdAt: store.seconds() };
  store.files.set(stored.id, stored);
  return json(200, fileView(stored));
}

function createOpenAI(store: BatchStore, req: MockHttpRequest): MockHttpResponse {
  const body = parseJson(req.body);
  const bad = (m: string) => json(400, openAIError(400, m));
  if (!body) return bad('the request body is not valid JSON');
  const file = store.files.get(String(body.input_file_id));
  if (!file) return bad(`No such File object: ${String(body.input_file_id)}`);
  if (file.purpose !== 'batch') return bad(`File ${file.id} was not uploaded with purpose 'batch'`);
  if (body.endpoint !== '/v1/chat/completions') return bad(`the mock batches only /v1/chat/completions, got ${String(body.endpoint)}`);
  if (body.completion_window !== '24h') return bad("completion_window must be '24h'");
  const batch = store.newBatch('openai', store.nextId('batch_mock'), req);
  batch.inputFileId = file.id;
  batch.endpoint = body.endpoint;
  batch.metadata = body.metadata ?? null;
  // The real API validates the file after accepting the batch: a bad file makes a failed batch.
  const seen = new Set<string>();
  file.text.split('\n').forEach((raw, i) => {
    if (batch.failure || raw.trim() === '') return;
    const line = parseJson(raw);
    const customId = typeof line?.custom_id === 'string' ? line.custom_id : undefined;
    if (!line || !customId) batch.failure = { code: 'invalid_json_line', message: 'This line is not parseable as valid JSON or has no custom_id.', line: i + 1 };
    else if (seen.has(customId)) batch.failure = { code: 'duplicate_custom_id', message: `The custom_id ${customId} is used more than once.`, line: i + 1 };
    else if (line.url !== '/v1/chat/completions' || line.method !== 'POST') batch.failure = { code: 'invalid_url', message: 'Each line must POST to the batch endpoint /v1/chat/completions.', line: i + 1 };
    else {
      seen.add(customId);
      batch.lines.push({ customId, body: line.body, headers: steering(line[MOCK_HEADERS_FIELD]) });
    }
  });
  if (batch.failure) {
    batch.state = 'ended';
    batch.final = 'failed';
    batch.endedAt = store.seconds();
  } else store.count(batch);
  store.batches.set(batch.id, batch);
  return json(200, openAIView(batch));
}

async function viewOpenAI(store: BatchStore, batch: Batch): Promise<Record<string, unknown>> {
  await store.settle(batch);
  writeFiles(store, batch);
  return openAIView(batch);
}

// ---------- Anthropic ----------

/** OpenAI: successes in the output file, everything else in the error file (as the real API splits them). */
function writeFiles(store: BatchStore, batch: Batch): void {
  if (batch.dialect !== 'openai' || !batch.outcomes || batch.filesWritten) return;
  batch.filesWritten = true;
  const ok: string[] = [];
  const bad: string[] = [];
  batch.lines.forEach((l, i) => {
    const o = batch.outcomes!.get(l.customId)!;
    const id = `batch_req_mock_${batch.id}_${i}`;
    if (o.type === 'succeeded' || o.type === 'errored') {
      const line = JSON.stringify({ id, custom_id: l.customId, response: { status_code: o.status, request_id: `req_mock_${i}`, body: o.body }, error: null });
      (o.type === 'succeeded' ? ok : bad).push(line);
    } else {
      const error = o.type === 'expired'
        ? { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' }
        : { code: 'batch_cancelled', message: 'This request was not executed because the batch was cancelled.' };
      bad.push(JSON.stringify({ id, custom_id: l.customId, response: null, error }));
    }
  });
  const save = (lines: string[], suffix: string) => {
    if (lines.length === 0) return undefined;
    const file: StoredFile = { id: store.nextId('file-mock'), filename: `${batch.id}_${suffix}.jsonl`, purpose: 'batch_output', text: lines.join('\n') + '\n', createdAt: store.seconds() };
    store.files.set(file.id, file);
    return file.id;
  };
  batch.outputFileId = save(ok, 'output');
  batch.errorFileId = save(bad, 'error');
}

function openAIView(b: Batch): Record<string, unknown> {
  const outcomes = [...(b.outcomes?.values() ?? [])];
  const created = Math.floor(b.createdAt / 1000);
  const status = b.state === 'in_progress' ? 'in_progress' : b.final!;
  return {
    id: b.id,
    object: 'batch',
    endpoint: b.endpoint ?? '/v1/chat/completions',
    errors: b.failure ? { object: 'list', data: [{ code: b.failure.code, message: b.failure.message, line: b.failure.line ?? null, param: null }] } : null,
    input_file_id: b.inputFileId,
    completion_window: '24h',
    status,
    output_file_id: b.outputFileId ?? null,
    error_file_id: b.errorFileId ?? null,
    created_at: created,
    in_progress_at: b.failure ? null : created,
    expires_at: created + 86_400,
    finalizing_at: b.final === 'completed' || b.final === 'expired' ? b.endedAt : null,
    completed_at: b.final === 'completed' ? b.endedAt : null,
    failed_at: b.final === 'failed' ? b.endedAt : null,
    expired_at: b.final === 'expired' ? b.endedAt : null,
    cancelling_at: b.final === 'cancelled' ? b.endedAt : null,
    cancelled_at: b.final === 'cancelled' ? b.endedAt : null,
    request_counts: {
      total: b.lines.length,
      completed: outcomes.filter((o) => o.type === 'succeeded').length,
      failed: outcomes.filter((o) => o.type !== 'succeeded').length,
    },
    metadata: b.metadata ?? null,
  };
}

function fileView(f: StoredFile): Record<string, unknown> {
  return { id: f.id, object: 'file', bytes: Buffer.byteLength(f.text), created_at: f.createdAt, filename: f.filename, purpose: f.purpose, status: 'processed', expires_at: null, status_details: null };
}
