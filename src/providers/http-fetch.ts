import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { BufferedResponse } from './buffered-response.js';
import { headerRecord } from './header-record.js';

/**
 * A `fetch` for the official SDKs over node:http with keep-alive pools: the SDKs build and parse
 * every request exactly as before, only the transport is lighter. Node's global fetch runs each
 * call through WHATWG streams, a spec Request/Response pair and an AbortSignal chain, which cost
 * more CPU than the rest of a call (profiled in bench/profile-http.mjs). JSON answers are read
 * whole and handed back as a small Response with the same surface; event streams (and anything
 * not JSON) get a real Response over the socket, so streaming stays incremental. Bodies other
 * than strings and bytes (uploads) and Request objects go to the global fetch unchanged.
 */
export interface HttpFetch {
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Close the pooled sockets (a run's end). */
  close(): void;
}

export function createHttpFetch(): HttpFetch {
  // lifo: reuse the warmest socket; no cap: the runner's concurrency is the cap
  const http = new HttpAgent({ keepAlive: true, scheduling: 'lifo' });
  const https = new HttpsAgent({ keepAlive: true, scheduling: 'lifo' });
  return {
    fetch: fetchOver(http, https),
    close: () => {
      http.destroy();
      https.destroy();
    },
  };
}

let shared: { pool: HttpFetch; users: number } | undefined;

/**
 * The process's one keep-alive pool, for every provider that asks: the generation model and the
 * judge on the same server (vLLM, a proxy, one API) reuse each other's warm sockets instead of
 * opening a second set. Each caller closes its own handle; the sockets go with the last one.
 */
export function sharedHttpFetch(): HttpFetch {
  const s = (shared ??= { pool: createHttpFetch(), users: 0 });
  s.users += 1;
  let open = true;
  return {
    fetch: s.pool.fetch,
    close: () => {
      if (!open) return;
      open = false;
      s.users -= 1;
      if (s.users === 0) {
        if (shared === s) shared = undefined;
        s.pool.close();
      }
    },
  };
}

function fetchOver(http: HttpAgent, https: HttpsAgent): HttpFetch['fetch'] {
  return (input, init = {}) => {
    const body = init.body;
    if (typeof input === 'object' && !(input instanceof URL)) return fetch(input, init);
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) return fetch(input, init);
    const url = typeof input === 'string' ? new URL(input) : input;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fetch(input, init);
    return send(url, init, body ?? undefined, url.protocol === 'https:' ? https : http);
  };
}

function send(url: URL, init: RequestInit, body: string | Uint8Array | undefined, agent: HttpAgent | HttpsAgent): Promise<Response> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  const headers = headerRecord(init.headers);
  if (body !== undefined) headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  return new Promise<Response>((resolve, reject) => {
    const req = (agent instanceof HttpsAgent ? httpsRequest : httpRequest)(url, { method: init.method ?? 'GET', headers, agent });
    const onAbort = () => req.destroy(abortError(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    req.on('error', (err) => {
      done();
      reject(err);
    });
    req.on('response', (res) => {
      const type = res.headers['content-type'] ?? '';
      if (!/\bjson\b/i.test(type)) {
        // streams and the unexpected: a real Response over the socket, read as it arrives
        res.once('close', done);
        resolve(new Response(res.statusCode === 204 || res.statusCode === 304 ? null : (Readable.toWeb(res) as ReadableStream), {
          status: res.statusCode, statusText: res.statusMessage, headers: responseHeaders(res),
        }));
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err) => {
        done();
        // as fetch does: the headers came, so the response resolves and reading its body fails
        if (signal?.aborted) reject(abortError(signal));
        else resolve(bufferedResponse(url.href, res, new TypeError('terminated', { cause: err })));
      });
      res.on('end', () => {
        done();
        try {
          resolve(bufferedResponse(url.href, res, decoded(res, Buffer.concat(chunks))));
        } catch (err) {
          reject(err);
        }
      });
    });
    req.end(body);
  });
}

function bufferedResponse(url: string, res: IncomingMessage, body: Buffer | Error): Response {
  return new BufferedResponse(url, res.statusCode ?? 0, res.statusMessage ?? '', responseHeaders(res), body) as unknown as Response;
}

function responseHeaders(res: IncomingMessage): Headers {
  const h = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) h.append(raw[i]!, raw[i + 1]!);
  return h;
}

/** fetch decompresses; so must we, for a server that compresses unasked. */
function decoded(res: IncomingMessage, buf: Buffer): Buffer {
  const enc = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (!enc || enc === 'identity') return buf;
  if (enc === 'gzip' || enc === 'x-gzip') return gunzipSync(buf);
  if (enc === 'deflate') return inflateSync(buf);
  if (enc === 'br') return brotliDecompressSync(buf);
  throw new Error(`unsupported content-encoding "${enc}"`);
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const err = new Error('This operation was aborted', { cause: reason });
  err.name = 'AbortError';
  return err;
}
