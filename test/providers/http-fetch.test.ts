import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetch, sharedHttpFetch } from '../../src/providers/http-fetch.js';

let server: Server;
let base: string;
const sockets = new Set<unknown>();
const seen: Array<{ method: string; headers: Record<string, unknown>; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, headers: req.headers, body });
      if (req.url === '/gzip') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-request-id': 'r1' });
        res.end(gzipSync(JSON.stringify({ ok: 'zipped' })));
      } else if (req.url === '/text') {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<h1>bad gateway</h1>');
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('{}'), 5_000).unref();
      } else {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ echo: body, n: seen.length }));
      }
    });
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('sharedHttpFetch', () => {
  const call = async (f: { fetch: typeof fetch }) => (await f.fetch(`${base}/v1/chat`, { method: 'POST', body: '{}' })).json();

  it('one pool for every handle (generation and judge reuse one socket); the sockets go with the last close', async () => {
    sockets.clear();
    const generation = sharedHttpFetch();
    const judge = sharedHttpFetch();
    for (let i = 0; i < 3; i++) {
      await call(generation);
      await call(judge);
    }
    expect(sockets.size).toBe(1); // six calls from two providers, one connection
    generation.close();
    generation.close(); // closing twice does not take the judge's share
    await call(judge);
    expect(sockets.size).toBe(1);
    const [socket] = sockets as Set<import('node:net').Socket>;
    const closed = new Promise((r) => socket!.once('close', r));
    judge.close();
    await closed; // the last handle closed: the pooled socket is gone
    const next = sharedHttpFetch();
    try {
      await call(next);
      expect(sockets.size).toBe(2); // a new pool, a new connection
    } finally {
      next.close();
    }
  });
});

describe('createHttpFetch', () => {
  it('posts the body with its length and headers, answers JSON, and reuses one socket', async () => {
    const http = createHttpFetch();
    sockets.clear();
    try {
      for (let i = 0; i < 3; i++) {
        const res = await http.fetch(`${base}/v1/chat`, { method: 'POST', headers: new Headers({ Authorization: 'Bearer k', 'content-type': 'application/json' }), body: '{"é":1}' });
        expect(res.ok).toBe(true);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(((await res.json()) as { echo: string }).echo).toBe('{"é":1}');
        await expect(res.text()).rejects.toThrow(/already been read/);
      }
      const last = seen.at(-1)!;
      expect(last).toMatchObject({ method: 'POST', headers: { authorization: 'Bearer k', 'content-length': '8' } });
      expect(sockets.size).toBe(1); // keep-alive: three calls, one connection
    } finally {
      http.close();
    }
  });

  it('decompresses a gzip answer, and hands non-JSON back as a real Response', async () => {
    const http = createHttpFetch();
    try {
      const z = await http.fetch(`${base}/gzip`);
      expect(await z.json()).toEqual({ ok: 'zipped' });
      expect(z.headers.get('x-request-id')).toBe('r1');
      const t = await http.fetch(`${base}/text`);
      expect(t).toBeInstanceOf(Response);
      expect(t.status).toBe(502);
      expect(t.ok).toBe(false);
      expect(await t.text()).toBe('<h1>bad gateway</h1>');
    } finally {
      http.close();
    }
  });

  it('an abort rejects with an AbortError at once, before and during the call', async () => {
    const http = createHttpFetch();
    try {
      const before = new AbortController();
      before.abort();
      await expect(http.fetch(`${base}/slow`, { signal: before.signal })).rejects.toMatchObject({ name: 'AbortError' });
      const during = new AbortController();
      setTimeout(() => during.abort(new Error('stop')), 50);
      await expect(http.fetch(`${base}/slow`, { signal: during.signal })).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      http.close();
    }
  });
});
