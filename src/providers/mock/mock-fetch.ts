import type { MockHandler, MockHttpRequest } from './mock-handler.js';
import { headerRecord } from '../header-record.js';
import { BufferedResponse } from '../buffered-response.js';

/**
 * An in-memory transport for the mock: a `fetch` the SDKs are given instead of the global one.
 * It hands the request straight to the mock handler and returns a real `Response`, so everything
 * the SDK does (request building, headers, JSON and SSE parsing, error mapping) still runs and
 * only the socket is skipped. Transport faults look the way node's fetch (undici) reports them:
 * a reset rejects with "fetch failed" caused by "other side closed"; a cut body errors with
 * "terminated"; a hang waits for the abort signal (the SDK's timeout or the caller's).
 */
export type FetchLike = (url: string | URL | Request, init?: RequestInit) => Promise<Response>;

const YIELD_EVERY_MS = 4;
let lastYield = 0;

export function mockFetch(handler: MockHandler): FetchLike {
  return async (input, init = {}) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw abortError(signal);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = headerRecord(init.headers);
    const request: MockHttpRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      path: pathOf(url),
      query: queryOf(url),
      headers,
      body: await bodyText(init.body, headers),
    };
    // Without a socket or a latency timer, a run on the in-memory mock is one endless chain of
    // microtasks: timers, Ctrl-C and progress would never get a turn. Yield to the event loop every
    // few ms (a yield per request, as a socket would force, costs CPU for nothing). With latency the
    // timer is the yield; an extra one would hold every request of a burst of timer callbacks
    // until the whole burst is done, and keep the bursts bunched up.
    if (handler.latencyMs === 0 && performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    const response = await handler.handle(request, signal);
    switch (response.kind) {
      case 'reply':
        // JSON as http-fetch hands it to the SDKs over real HTTP; event streams as a real Response
        if (/\bjson\b/i.test(response.headers['content-type'] ?? '')) {
          return new BufferedResponse(url, response.status, '', new Headers(response.headers), response.body) as unknown as Response;
        }
        return new Response(response.body, { status: response.status, headers: response.headers });
      case 'cut':
        return new Response(brokenStream(response.body, signal), { status: response.status, headers: response.headers });
      case 'reset':
        throw new TypeError('fetch failed', { cause: socketError() });
      case 'hang':
        return new Promise<Response>((_, reject) => {
          if (!signal) return; // like a real silent server: only a timeout ends it
          if (signal.aborted) reject(abortError(signal));
          else signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
        });
    }
  };
}

function queryOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? '' : url.slice(q + 1);
}

function pathOf(url: string): string {
  // Skip scheme and host without building a URL object: this runs for every call.
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const q = url.indexOf('?', start);
  return q < 0 ? url.slice(start) : url.slice(start, q);
}

async function bodyText(body: RequestInit['body'], headers: Record<string, string | string[] | undefined>): Promise<string | undefined> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  // The SDKs send JSON strings; anything else (a stream, bytes, a file upload's FormData) goes
  // through Response to read it, which also picks the multipart boundary fetch would send.
  const r = new Response(body);
  const type = r.headers.get('content-type');
  if (type && headers['content-type'] === undefined) headers['content-type'] = type;
  return r.text();
}

function socketError(): Error {
  return Object.assign(new Error('other side closed'), { name: 'SocketError', code: 'UND_ERR_SOCKET' });
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason instanceof Error && signal.reason.name === 'AbortError'
    ? signal.reason
    : new DOMException('This operation was aborted', 'AbortError');
}

/** The first part of a body, then the error undici raises when the peer drops the connection. */
function brokenStream(part: string, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(part);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (bytes.length > 0) controller.enqueue(bytes);
    },
    pull(controller) {
      // Error only once the first part was read, as a socket closing after a write would.
      controller.error(signal?.aborted ? abortError(signal) : new TypeError('terminated', { cause: socketError() }));
    },
  });
}
