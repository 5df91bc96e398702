import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '../storage/store.js';
import { createApp } from './app.js';
import type { ServerConfig } from './config.js';

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  /** Stop accepting, let in-flight requests finish (at most `graceMs`), then close idle sockets. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Start the review app. `port: 0` picks a free port (tests, bench). With a signal, the server
 * shuts down gracefully when it aborts (Ctrl-C in `juror serve`).
 */
export async function startServer(opts: {
  store: Store;
  config?: Partial<ServerConfig>;
  port?: number;
  host?: string;
  signal?: AbortSignal;
}): Promise<RunningServer> {
  const app = createApp({ store: opts.store, config: opts.config });
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(opts.port ?? 0, host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once('error', reject);
  });
  // Many annotators keep connections alive; keep sockets a little longer than typical clients.
  server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | undefined;
  const close = (graceMs = 5000) =>
    (closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      server.closeIdleConnections();
    }));
  if (opts.signal) {
    if (opts.signal.aborted) await close();
    else opts.signal.addEventListener('abort', () => void close(), { once: true });
  }
  return { url: `http://${shownHost}:${port}`, port, server, close };
}
