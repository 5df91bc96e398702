import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

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
  const fetchImpl = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const body = init.body;
    if (typeof input === 'object' && !(input instanceof URL)) return fetch(input, init);
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) return fetch(input, init);
    const url = typeof input === 'string' ? new URL(input) : input;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fetch(input, init);
    return send(url, init, body ?? undefined, url.protocol === 'https:' ? https : http);
  };
  return {
    fetch: fetchImpl,
    close: () => {
      http.destroy();
      https.destroy();
    },
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
        else resolve(new BufferedResponse(url.href, res, new TypeError('terminated', { cause: err })) as unknown as Response);
      });
      res.on('end', () => {
        done();
        try {
          resolve(new BufferedResponse(url.href, res, decoded(res, Buffer.concat(chunks))) as unknown as Response);
        } catch (err) {
          reject(err);
        }
      });
    });
    req.end(body);
  });
}

/** Request headers in any HeadersInit shape as a plain object with lower-case names. */
export function headerRecord(h: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (h instanceof Headers) h.forEach((v, k) => (out[k] = v));
  else if (Array.isArray(h)) for (const [k, v] of h) out[k!.toLowerCase()] = v!;
  else for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
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

/** What the SDKs read of a JSON Response, over a body already in memory. */
class BufferedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: Headers;
  readonly redirected = false;
  readonly type = 'basic';
  private used = false;

  /** `buf`: the whole body, or the error that broke it off (thrown when it is read). */
  constructor(readonly url: string, res: IncomingMessage, private readonly buf: Buffer | Error) {
    this.status = res.statusCode ?? 0;
    this.statusText = res.statusMessage ?? '';
    this.ok = this.status >= 200 && this.status < 300;
    this.headers = responseHeaders(res);
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  /** A fresh stream over the bytes; looking at it (SDK loggers do) does not use the body up. */
  get body(): ReadableStream<Uint8Array> {
    const buf = this.buf;
    if (buf instanceof Error) return new ReadableStream({ start: (c) => c.error(buf) });
    return new Blob([new Uint8Array(buf)]).stream(); // a copy: only a cancelled or odd read comes here
  }

  async text(): Promise<string> {
    return this.take().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.take().toString('utf8'));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.take();
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }

  clone(): BufferedResponse {
    const c = Object.create(BufferedResponse.prototype) as BufferedResponse;
    Object.assign(c, this, { used: false });
    return c;
  }

  private take(): Buffer {
    if (this.used) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    if (this.buf instanceof Error) throw this.buf;
    return this.buf;
  }
}
