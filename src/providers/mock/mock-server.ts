import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultKind } from './faults.js';
import { createMockHandler, type MockHandler, type MockHandlerOptions, type MockHttpResponse, type MockStats } from './mock-handler.js';

export { EXPECTED_HEADER, canonicalJson, type MockStats } from './mock-handler.js';

/**
 * The built-in mock model as a real HTTP server (node:http), speaking enough of the OpenAI and
 * Anthropic APIs that the real SDKs talk to it unmodified. OpenAI base URL: `${url}/v1`;
 * Anthropic base URL: `url`. Test hooks: GET /_stats, POST /_reset, POST /_faults, POST /_batches.
 * Both batch APIs are there too (mock-batches.ts).
 * Everything but the socket lives in mock-handler.ts (shared with the in-memory transport).
 */

export interface MockServerOptions extends MockHandlerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
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
  /** The next batch created expires after only its first `processed` requests ran. */
  expireNextBatch(processed: number): void;
  /** Let the process exit even if nobody closes this server. */
  unref(): void;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function startMockServer(opts: MockServerOptions = {}, handler: MockHandler = createMockHandler(opts)): Promise<MockServer> {
  // Large limit: the mock adapter sends golden answers in a header.
  const server = createServer({ maxHeaderSize: 1024 * 1024 }, (req, res) => {
    serve(handler, req, res).catch((err: unknown) => {
      if (!res.headersSent) write(res, { kind: 'reply', status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { message: `mock server bug: ${String(err)}` } }) });
      else res.destroy();
    });
  });

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
    stats: handler.stats,
    reset: handler.reset,
    failNext: handler.failNext,
    expireNextBatch: handler.expireNextBatch,
    unref: () => void server.unref(),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Held ('timeout') requests and idle keep-alive sockets would keep close() waiting forever.
        server.closeAllConnections();
      })),
  };
}

async function serve(handler: MockHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  // The client going away ends a latency wait early.
  const gone = new AbortController();
  const onClose = () => gone.abort();
  res.once('close', onClose);
  const [path, query = ''] = (req.url ?? '/').split('?') as [string, string?];
  const response = await handler.handle({ method: req.method ?? 'GET', path, query, headers: req.headers, body }, gone.signal);
  res.off('close', onClose);
  write(res, response, req);
}

function write(res: ServerResponse, response: MockHttpResponse, req?: IncomingMessage): void {
  switch (response.kind) {
    case 'reply': {
      const headers = response.headers['content-type']?.startsWith('text/event-stream')
        ? response.headers
        : { ...response.headers, 'content-length': String(Buffer.byteLength(response.body)) };
      res.writeHead(response.status, headers);
      res.end(response.body);
      return;
    }
    case 'cut':
      res.writeHead(response.status, response.headers);
      res.write(response.body, () => res.destroy());
      return;
    case 'reset':
      req?.socket.destroy();
      return;
    case 'hang':
      return; // never answer; the client's timeout (or server close) ends it
  }
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
