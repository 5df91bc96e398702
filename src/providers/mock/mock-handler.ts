import { createHash } from 'node:crypto';
import { FaultPlan, isFaultKind, type FaultKind, type FaultOptions } from './faults.js';
import { mockAnswer, type MockRequest } from './mock-model.js';
import { parseOpenAI, renderOpenAI, openAIError } from './openai-wire.js';
import { parseAnthropic, renderAnthropic, anthropicError } from './anthropic-wire.js';
import { WireError, type WireResponse } from './wire-common.js';
import { MockBatches, type MockBatchOptions, type MockBatchStats } from './mock-batches.js';

/**
 * The built-in mock model's request handler, independent of any transport: a request
 * {method, path, headers, body} in, a response (or a transport fault) out. The node:http server
 * (mock-server.ts) and the in-memory fetch (mock-fetch.ts) both drive this one handler, so wire
 * formats, stats and faults behave the same whichever way the SDK reaches it.
 */

export interface MockHandlerOptions {
  /** Delay before every model answer. */
  latencyMs?: number;
  faults?: FaultOptions;
  /**
   * Count requests by normalised content in `stats().byKey` (default true). The in-process mock
   * provider turns it off: canonical JSON + sha256 per call is a few % of a run's CPU, for a
   * statistic only tests of the HTTP server read.
   */
  countKeys?: boolean;
  /** Batch protocols: how long a batch takes to end (mock-batches.ts). */
  batch?: MockBatchOptions;
  /** Called with every model request as received (tests assert on what an adapter sent). */
  onRequest?: (info: { path: string; headers: Record<string, string | string[] | undefined>; body: unknown }) => void;
}

export interface MockStats {
  /** Model requests received (faulted ones included). */
  requests: number;
  /** sha256 of the normalised request (path, canonical JSON body, oracle header) → times seen. */
  byKey: Record<string, number>;
  /** Batches created and the requests submitted in them (both protocols). */
  batches: MockBatchStats;
}

export interface MockHttpRequest {
  method: string;
  /** Without the query string. */
  path: string;
  /** The query string without its `?` ('' when none): read by the list routes (limit, after). */
  query?: string;
  /** Lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /** The body text; undefined when it exceeded the size limit. */
  body: string | undefined;
}

/**
 * What the transport must do. `reply`: send status, headers and body (a string, or SSE frames).
 * `cut`: send status, headers and the start of the body, then drop the connection.
 * `reset`: drop the connection without a response. `hang`: never answer (until the client gives up).
 */
export type MockHttpResponse =
  | { kind: 'reply'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'cut'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'reset' }
  | { kind: 'hang' };

export interface MockHandler {
  /** The delay before every model answer (0: answers at once). */
  readonly latencyMs: number;
  /** `signal`: the client went away (the latency wait ends early; the answer is `hang`). */
  handle(req: MockHttpRequest, signal?: AbortSignal): Promise<MockHttpResponse>;
  stats(): MockStats;
  /** Clear stats and scripted faults. */
  reset(): void;
  /** Fail the next `count` model requests with `kind` (429 waits `retryAfterSec`, default 1). */
  failNext(count: number, kind: FaultKind, opts?: { retryAfterSec?: number }): void;
  /** The next batch created expires after only its first `processed` requests ran. */
  expireNextBatch(processed: number): void;
}

export const EXPECTED_HEADER = 'x-juror-mock-expected';
/** A case's scripted answer for this request (see Case.mock), base64url JSON. */
export const SCRIPT_HEADER = 'x-juror-mock-script';

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

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

export function createMockHandler(opts: MockHandlerOptions = {}): MockHandler {
  const plan = new FaultPlan(opts.faults);
  const latencyMs = Math.max(0, opts.latencyMs ?? 0);
  let seq = 0;
  let requests = 0;
  const byKey = new Map<string, number>();
  const batches = new MockBatches(async (path, headers, body) => {
    const dialect: Dialect = path === '/v1/messages' ? 'anthropic' : 'openai';
    const res = await model(dialect, { method: 'POST', path, headers, body: JSON.stringify(body) });
    if (res.kind === 'reply' && !res.headers['content-type']?.startsWith('text/event-stream')) {
      try {
        return { status: res.status, body: JSON.parse(res.body) as unknown };
      } catch {
        // a non-JSON fault: an error line like any other server failure
      }
    }
    return { status: 500, body: WIRES[dialect].error(500, 'mock server error 500 (the request failed mid-answer)') };
  }, opts.batch);

  async function handle(req: MockHttpRequest, signal?: AbortSignal): Promise<MockHttpResponse> {
    const { method, path } = req;
    if (method === 'GET' && path === '/_stats') return json(200, stats());
    if (method === 'POST' && path === '/_reset') {
      reset();
      return json(200, { ok: true });
    }
    if (method === 'POST' && path === '/_faults') return scriptFaults(req.body ?? '');
    if (method === 'POST' && path === '/_batches') return scriptBatches(req.body ?? '');
    const batch = await batches.handle(req);
    if (batch) return batch;
    const dialect: Dialect | undefined =
      path === '/v1/chat/completions' || path === '/chat/completions' ? 'openai' : path === '/v1/messages' ? 'anthropic' : undefined;
    if (!dialect || method !== 'POST') return json(404, { error: { message: `no route ${method} ${path}` } });
    return model(dialect, req, signal);
  }

  async function model(dialect: Dialect, req: MockHttpRequest, signal?: AbortSignal): Promise<MockHttpResponse> {
    const wire = WIRES[dialect];
    const { path, body: raw } = req;
    if (raw === undefined) return json(413, wire.error(413, 'request body too large'));
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
      return json(400, wire.error(400, 'the request body is not valid JSON'));
    }
    if (opts.countKeys !== false) count(`${path}\n${canonicalJson(body)}\n${oracle ?? ''}`);
    opts.onRequest?.({ path, headers: req.headers, body });

    const key = bearer(req);
    if (!key) return json(401, wire.error(401, 'missing API key: send an Authorization: Bearer or x-api-key header'));
    if (key === 'bad-key') return json(401, wire.error(401, dialect === 'openai' ? 'Incorrect API key provided: bad-key.' : 'invalid x-api-key'));

    let request: MockRequest;
    try {
      request = wire.parse(body, decodeExpected(oracle));
      const script = header(req, SCRIPT_HEADER);
      if (script !== undefined) request.script = decodeHeader(script, SCRIPT_HEADER);
    } catch (err) {
      if (err instanceof WireError) return json(err.status, wire.error(err.status, err.message, err.type));
      throw err;
    }

    if (latencyMs > 0 && !(await wait(latencyMs, signal))) return { kind: 'hang' };
    const fault = plan.next(n);
    const answer = () => wire.render(body, request, mockAnswer(request), { seq: n, created: Math.floor(Date.now() / 1000) });
    if (!fault) return reply(answer());
    switch (fault.kind) {
      case '429':
        return json(429, wire.error(429, 'Rate limit reached (mock)'), { 'retry-after': String(fault.retryAfterSec ?? 1) });
      case '429-no-retry-after':
        return json(429, wire.error(429, 'Rate limit reached (mock)'));
      case '500':
      case '502':
      case '503': {
        const status = Number(fault.kind);
        return json(status, wire.error(status, `mock server error ${status}`));
      }
      case 'reset':
        return { kind: 'reset' };
      case 'timeout':
        return { kind: 'hang' }; // the client's timeout (or server close) ends it
      case 'non-json':
        return { kind: 'reply', status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' };
      case 'truncated':
      case 'stream-cut':
        return cut(answer());
    }
  }

  function count(key: string): void {
    if (opts.countKeys === false) return;
    const digest = createHash('sha256').update(key).digest('hex');
    byKey.set(digest, (byKey.get(digest) ?? 0) + 1);
  }

  function scriptFaults(raw: string): MockHttpResponse {
    let spec: { kind?: unknown; count?: unknown; retryAfterSec?: unknown };
    try {
      spec = JSON.parse(raw || '{}');
    } catch {
      return json(400, { error: { message: 'body must be JSON { kind, count }' } });
    }
    const kind = String(spec.kind);
    if (!isFaultKind(kind)) return json(400, { error: { message: `unknown fault kind "${kind}"` } });
    const n = typeof spec.count === 'number' ? spec.count : 1;
    plan.failNext(n, kind, typeof spec.retryAfterSec === 'number' ? spec.retryAfterSec : undefined);
    return json(200, { ok: true });
  }

  /** `{ "expireNext": k }`: the next batch expires after its first k requests (for tests across processes). */
  function scriptBatches(raw: string): MockHttpResponse {
    let spec: { expireNext?: unknown };
    try {
      spec = JSON.parse(raw || '{}');
    } catch {
      return json(400, { error: { message: 'body must be JSON { expireNext }' } });
    }
    if (typeof spec.expireNext !== 'number' || spec.expireNext < 0) return json(400, { error: { message: 'expireNext must be a number >= 0' } });
    batches.expireNext(spec.expireNext);
    return json(200, { ok: true });
  }

  function stats(): MockStats {
    return { requests, byKey: Object.fromEntries(byKey), batches: batches.stats() };
  }

  function reset(): void {
    requests = 0;
    byKey.clear();
    plan.clear();
    batches.reset();
  }

  return {
    latencyMs,
    handle,
    stats,
    reset,
    failNext: (n, kind, o) => plan.failNext(n, kind, o?.retryAfterSec),
    expireNextBatch: (n) => batches.expireNext(n),
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): MockHttpResponse {
  return { kind: 'reply', status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

function reply(response: WireResponse): MockHttpResponse {
  if (!response.stream) return json(200, response.body);
  return { kind: 'reply', status: 200, headers: { ...SSE_HEADERS }, body: response.frames.join('') };
}

/** About half of the answer, then the connection drops: a proxy or server dying mid-response. */
function cut(response: WireResponse): MockHttpResponse {
  if (response.stream) {
    const half = response.frames.slice(0, Math.max(1, Math.floor(response.frames.length / 2)));
    return { kind: 'cut', status: 200, headers: { ...SSE_HEADERS }, body: half.join('') };
  }
  const data = JSON.stringify(response.body);
  // content-length promises the whole body, so the client knows the body was broken off.
  return { kind: 'cut', status: 200, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(data)) }, body: data.slice(0, Math.floor(data.length / 2)) };
}

/** Resolves false when the client went away during the wait. */
function wait(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function header(req: MockHttpRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function bearer(req: MockHttpRequest): string | undefined {
  const auth = header(req, 'authorization');
  const m = auth ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  const key = m?.[1]?.trim() || header(req, 'x-api-key')?.trim();
  return key || undefined;
}

function decodeExpected(value: string | undefined): MockRequest['expected'] {
  return value === undefined ? undefined : decodeHeader(value, EXPECTED_HEADER);
}

function decodeHeader(value: string, name: string): { value: unknown } {
  try {
    return { value: JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown };
  } catch {
    throw new WireError(400, `${name} must be base64url-encoded JSON`);
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
