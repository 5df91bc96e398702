import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { FaultPlan, isFaultKind, type Fault, type FaultKind, type FaultOptions } from './faults.js';
import { mockAnswer, type MockRequest } from './mock-model.js';
import { parseOpenAI, renderOpenAI, openAIError } from './openai-wire.js';
import { parseAnthropic, renderAnthropic, anthropicError } from './anthropic-wire.js';
import { WireError, type WireResponse } from './wire-common.js';

/**
 * The built-in mock model as a real HTTP server (node:http), speaking enough of the OpenAI and
 * Anthropic APIs that the real SDKs talk to it unmodified. OpenAI base URL: `${url}/v1`;
 * Anthropic base URL: `url`. Test hooks: GET /_stats, POST /_reset, POST /_faults.
 */

export interface MockServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Delay before every model answer. */
  latencyMs?: number;
  faults?: FaultOptions;
  /** Called with every model request as received (tests assert on what an adapter sent). */
  onRequest?: (info: { path: string; headers: Record<string, string | string[] | undefined>; body: unknown }) => void;
}

export interface MockStats {
  /** Model requests received (faulted ones included). */
  requests: number;
  /** sha256 of the normalised request (path, canonical JSON body, oracle header) → times seen. */
  byKey: Record<string, number>;
}

export interface MockServer {
  url: string;
  port: number;
  close(): Promise<void>;
  stats(): MockStats;
  /** Clear stats and scripted faults. */
  reset(): void;
  /** Fail the next `count` model requests with `kind` (429 waits `retryAfterSec`, default 1). */
  failNext(count: number, kind: FaultKind, opts?: { retryAfterSec?: number }): void;
  /** Let the process exit even if nobody closes this server (the in-process mock provider). */
  unref(): void;
}

export const EXPECTED_HEADER = 'x-juror-mock-expected';
const MAX_BODY_BYTES = 10 * 1024 * 1024;

type Dialect = 'openai' | 'anthropic';

interface Wire {
  parse(body: Record<string, unknown>, expected: MockRequest['expected']): MockRequest;
  render(body: Record<string, unknown>, req: MockRequest, answer: ReturnType<typeof mockAnswer>, ctx: { seq: number; created: number }): WireResponse;
  error(status: number, message: string, type?: string): unknown;
}

const WIRES: Record<Dialect, Wire> = {
  openai: { parse: parseOpenAI, render: renderOpenAI, error: openAIError },
  anthropic: { parse: parseAnthropic, render: renderAnthropic, error: anthropicError },
};

export async function startMockServer(opts: MockServerOptions = {}): Promise<MockServer> {
  const plan = new FaultPlan(opts.faults);
  const latencyMs = Math.max(0, opts.latencyMs ?? 0);
  let seq = 0;
  let requests = 0;
  const byKey = new Map<string, number>();

  // Large limit: the mock adapter sends golden answers in a header.
  const server = createServer({ maxHeaderSize: 1024 * 1024 }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `mock server bug: ${String(err)}` } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'GET' && path === '/_stats') return sendJson(res, 200, stats());
    if (req.method === 'POST' && path === '/_reset') {
      await readBody(req);
      reset();
      return sendJson(res, 200, { ok: true });
    }
    if (req.method === 'POST' && path === '/_faults') return scriptFaults(req, res);
    const dialect: Dialect | undefined =
      path === '/v1/chat/completions' || path === '/chat/completions' ? 'openai' : path === '/v1/messages' ? 'anthropic' : undefined;
    if (!dialect || req.method !== 'POST') return sendJson(res, 404, { error: { message: `no route ${req.method} ${path}` } });
    return model(dialect, path, req, res);
  }

  async function model(dialect: Dialect, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const wire = WIRES[dialect];
    const raw = await readBody(req);
    if (raw === undefined) return sendJson(res, 413, wire.error(413, 'request body too large'));
    const n = seq++;
    requests += 1;
    const oracle = header(req, EXPECTED_HEADER);
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      count(`${path}\n${raw}\n${oracle ?? ''}`);
      return sendJson(res, 400, wire.error(400, 'the request body is not valid JSON'));
    }
    count(`${path}\n${canonicalJson(body)}\n${oracle ?? ''}`);
    opts.onRequest?.({ path, headers: req.headers, body });

    const key = bearer(req);
    if (!key) return sendJson(res, 401, wire.error(401, 'missing API key: send an Authorization: Bearer or x-api-key header'));
    if (key === 'bad-key') {
      return sendJson(res, 401, wire.error(401, dialect === 'openai' ? 'Incorrect API key provided: bad-key.' : 'invalid x-api-key'));
    }

    let request: MockRequest;
    try {
      request = wire.parse(body, decodeExpected(oracle));
    } catch (err) {
      if (err instanceof WireError) return sendJson(res, err.status, wire.error(err.status, err.message, err.type));
      throw err;
    }

    if (latencyMs > 0 && !(await wait(latencyMs, res))) return;
    const fault = plan.next(n);
    const answer = () => wire.render(body, request, mockAnswer(request), { seq: n, created: Math.floor(Date.now() / 1000) });
    if (fault) return inject(fault, wire, req, res, answer);
    send(res, answer());
  }

  function count(key: string): void {
    const digest = createHash('sha256').update(key).digest('hex');
    byKey.set(digest, (byKey.get(digest) ?? 0) + 1);
  }

  async function scriptFaults(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = (await readBody(req)) ?? '';
    let spec: { kind?: unknown; count?: unknown; retryAfterSec?: unknown };
    try {
      spec = JSON.parse(raw || '{}');
    } catch {
      return sendJson(res, 400, { error: { message: 'body must be JSON { kind, count }' } });
    }
    const kind = String(spec.kind);
    if (!isFaultKind(kind)) return sendJson(res, 400, { error: { message: `unknown fault kind "${kind}"` } });
    const count = typeof spec.count === 'number' ? spec.count : 1;
    plan.failNext(count, kind, typeof spec.retryAfterSec === 'number' ? spec.retryAfterSec : undefined);
    return sendJson(res, 200, { ok: true });
  }

  function stats(): MockStats {
    return { requests, byKey: Object.fromEntries(byKey) };
  }

  function reset(): void {
    requests = 0;
    byKey.clear();
    plan.clear();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1';
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stats,
    reset,
    failNext: (count, kind, o) => plan.failNext(count, kind, o?.retryAfterSec),
    unref: () => void server.unref(),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Held ('timeout') requests and idle keep-alive sockets would keep close() waiting forever.
        server.closeAllConnections();
      })),
  };
}

function inject(fault: Fault, wire: Wire, req: IncomingMessage, res: ServerResponse, answer: () => WireResponse): void {
  switch (fault.kind) {
    case '429':
      return sendJson(res, 429, wire.error(429, 'Rate limit reached (mock)'), { 'retry-after': String(fault.retryAfterSec ?? 1) });
    case '429-no-retry-after':
      return sendJson(res, 429, wire.error(429, 'Rate limit reached (mock)'));
    case '500':
    case '502':
    case '503': {
      const status = Number(fault.kind);
      return sendJson(res, status, wire.error(status, `mock server error ${status}`));
    }
    case 'reset':
      req.socket.destroy();
      return;
    case 'timeout':
      return; // never answer; the client's timeout (or server close) ends it
    case 'non-json':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    case 'truncated':
    case 'stream-cut':
      return sendCut(res, answer());
  }
}

/** Send about half of the answer, then drop the connection: a proxy or server dying mid-response. */
function sendCut(res: ServerResponse, response: WireResponse): void {
  if (response.stream) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const half = response.frames.slice(0, Math.max(1, Math.floor(response.frames.length / 2)));
    res.write(half.join(''), () => res.destroy());
    return;
  }
  const data = Buffer.from(JSON.stringify(response.body));
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(data.length) });
  res.write(data.subarray(0, Math.floor(data.length / 2)), () => res.destroy());
}

function send(res: ServerResponse, response: WireResponse): void {
  if (!response.stream) return sendJson(res, 200, response.body);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.end(response.frames.join(''));
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(data)), ...headers });
  res.end(data);
}

/** Resolves false when the client went away during the wait. */
function wait(ms: number, res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

/** The body as text, or undefined when it exceeds the size limit. Events, not `for await`: cheaper per request. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else parts.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? undefined : parts.length === 1 ? parts[0]!.toString('utf8') : Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function bearer(req: IncomingMessage): string | undefined {
  const auth = header(req, 'authorization');
  const m = auth ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  const key = m?.[1]?.trim() || header(req, 'x-api-key')?.trim();
  return key || undefined;
}

function decodeExpected(value: string | undefined): MockRequest['expected'] {
  if (value === undefined) return undefined;
  try {
    return { value: JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown };
  } catch {
    throw new WireError(400, `${EXPECTED_HEADER} must be base64url-encoded JSON`);
  }
}

/** JSON with object keys sorted, so equal requests hash equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
