import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../../src/providers/mock/mock-server.js';
import { createMockProvider } from '../../../src/providers/mock/mock-provider.js';
import { parseMultipart } from '../../../src/providers/mock/multipart.js';

/** The mock's batch protocols over raw HTTP, where the SDKs would hide a mistake. */
describe('mock batches over raw HTTP', () => {
  let server: MockServer;
  const auth = { authorization: 'Bearer k' };
  const post = (path: string, body: unknown) =>
    fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });
  const upload = async (text: string) => {
    const form = new FormData();
    form.set('purpose', 'batch');
    form.set('file', new Blob([text]), 'in.jsonl');
    return (await (await fetch(`${server.url}/v1/files`, { method: 'POST', headers: auth, body: form })).json()) as { id: string; bytes: number };
  };
  const line = (id: string, content = 'hello') => JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions', body: { model: 'm', messages: [{ role: 'user', content }] } });

  beforeAll(async () => {
    server = await startMockServer();
  });
  afterAll(() => server.close());

  it('a file with a duplicate custom_id makes a failed batch, naming the line', async () => {
    const file = await upload(`${line('x')}\n${line('x')}\n`);
    expect(file.bytes).toBe(line('x').length * 2 + 2);
    const batch = await (await post('/v1/batches', { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' })).json();
    expect(batch.status).toBe('failed');
    expect(batch.errors.data[0]).toMatchObject({ code: 'duplicate_custom_id', line: 2 });
  });

  it('answers OpenAI lines in the output file, in custom_id order of the input', async () => {
    const file = await upload(`${line('one', 'first')}\n${line('two', 'second')}\n`);
    const created = await (await post('/v1/batches', { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' })).json();
    const done = await (await fetch(`${server.url}/v1/batches/${created.id}`, { headers: auth })).json();
    expect(done).toMatchObject({ status: 'completed', request_counts: { total: 2, completed: 2, failed: 0 }, error_file_id: null });
    const text = await (await fetch(`${server.url}/v1/files/${done.output_file_id}/content`, { headers: auth })).text();
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.custom_id, l.response.status_code, l.response.body.object])).toEqual([['one', 200, 'chat.completion'], ['two', 200, 'chat.completion']]);
  });

  it('refuses an Anthropic custom_id outside [a-zA-Z0-9_-]{1,64}; /_batches scripts an expiry', async () => {
    const bad = await post('/v1/messages/batches', { requests: [{ custom_id: 'has space', params: {} }] });
    expect(bad.status).toBe(400);
    expect((await post('/_batches', { expireNext: 0 })).status).toBe(200);
    const params = { model: 'c', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] };
    const b = await (await post('/v1/messages/batches', { requests: [{ custom_id: 'a', params }] })).json();
    const seen = await (await fetch(`${server.url}/v1/messages/batches/${b.id}`, { headers: auth })).json();
    expect(seen.request_counts).toEqual({ processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 1 });
    expect(seen.results_url).toBe(`${server.url}/v1/messages/batches/${b.id}/results`);
    const results = await (await fetch(seen.results_url, { headers: auth })).text();
    expect(JSON.parse(results.trim())).toEqual({ custom_id: 'a', result: { type: 'expired' } });
  });
});

describe('mock batch lists, a page at a time', () => {
  let server: MockServer;
  const auth = { authorization: 'Bearer k', 'x-api-key': 'k' };
  beforeAll(async () => {
    server = await startMockServer();
  });
  afterAll(() => server.close());

  it('both protocols list newest first, honour limit and the cursor, and say when more follow; OpenAI shows each batch\'s metadata', async () => {
    const params = { model: 'c', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] };
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.url}/v1/messages/batches`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ requests: [{ custom_id: `c${i}`, params }] }) });
      created.push(((await res.json()) as { id: string }).id);
    }
    const newest = [...created].reverse();
    const page = async (query: string) => (await (await fetch(`${server.url}/v1/messages/batches?${query}`, { headers: auth })).json()) as { data: Array<{ id: string }>; has_more: boolean; last_id: string };
    const one = await page('limit=2');
    expect([one.data.map((b) => b.id), one.has_more, one.last_id]).toEqual([newest.slice(0, 2), true, newest[1]]);
    const two = await page(`limit=2&after_id=${one.last_id}`);
    expect(two.data.map((b) => b.id)).toEqual(newest.slice(2, 4));
    const three = await page(`limit=2&after_id=${two.last_id}`);
    expect([three.data.map((b) => b.id), three.has_more]).toEqual([newest.slice(4), false]);

    const form = new FormData();
    form.set('purpose', 'batch');
    form.set('file', new Blob([JSON.stringify({ custom_id: 'x', method: 'POST', url: '/v1/chat/completions', body: { model: 'm', messages: [] } }) + '\n']), 'in.jsonl');
    const file = (await (await fetch(`${server.url}/v1/files`, { method: 'POST', headers: auth, body: form })).json()) as { id: string };
    const ids: string[] = [];
    for (const key of ['k0', 'k1', 'k2']) {
      const body = JSON.stringify({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { juror_submission: key } });
      ids.push(((await (await fetch(`${server.url}/v1/batches`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body })).json()) as { id: string }).id);
    }
    const list = async (query: string) =>
      (await (await fetch(`${server.url}/v1/batches?${query}`, { headers: auth })).json()) as { data: Array<{ id: string; metadata: Record<string, string> }>; has_more: boolean };
    const first = await list('limit=2');
    expect([first.data.map((b) => b.metadata.juror_submission), first.has_more]).toEqual([['k2', 'k1'], true]);
    const rest = await list(`limit=2&after=${first.data[1]!.id}`);
    expect([rest.data.map((b) => b.id), rest.has_more]).toEqual([[ids[0]], false]);
  });
});

describe('the in-process mock provider', () => {
  it('has the batch API of the SDK adapter it wraps (in-memory transport)', async () => {
    const p = await createMockProvider('mock:anthropic');
    try {
      const id = await p.batch!.submit([{ customId: 'c1', request: { messages: [{ role: 'user', content: 'Say hi' }], meta: { expected: 'hi there' } } }], 'b_mock1');
      expect((await p.batch!.status(id)).state).toBe('ended');
      const [o] = await p.batch!.results(id);
      // The golden answer reached the mock through the line's steering field, as the header does for single calls.
      expect(o!.kind === 'succeeded' && p.batch!.answer(o!.body, { messages: [] }).text).toBe('hi there');
      expect(p.stats().batches.requests).toBe(1);
    } finally {
      await p.close?.();
    }
  });
});

describe('parseMultipart', () => {
  it('reads named parts and file names; undefined without a boundary', () => {
    const body = '--XyZ\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.jsonl"\r\nContent-Type: application/jsonl\r\n\r\n{"a":1}\n\r\n--XyZ--\r\n';
    expect(parseMultipart(body, 'multipart/form-data; boundary=XyZ')).toEqual([
      { name: 'purpose', value: 'batch' },
      { name: 'file', filename: 'a.jsonl', value: '{"a":1}\n' },
    ]);
    expect(parseMultipart(body, 'application/json')).toBeUndefined();
  });
});
