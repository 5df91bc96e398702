/**
 * Server configuration. Everything has a safe default so tests can call
 * `createApp({ store })` and the CLI passes only what the user set.
 */
export interface ServerConfig {
  /** Mark cookies Secure (and use the __Host- prefix); set when served over HTTPS. */
  secureCookies: boolean;
  /**
   * Public address, e.g. https://review.example.org. Requests must name its host (or a loopback
   * address) in Host, and state-changing ones its origin in Origin. Absent: only loopback hosts
   * are served, and the Origin must match the request's own scheme and host.
   */
  publicUrl?: string;
  /** Login attempts per window per client IP (express-rate-limit). */
  rateLimit: { windowMs: number; limit: number };
  /** Largest accepted request body (express body parsers syntax). */
  bodyLimit: string;
  sessionTtlMs: number;
  /**
   * Another process (a `juror run`, a sqlite3 shell) may hold SQLite's write lock. SQLite waits
   * for it synchronously, freezing every request, so a write waits at most `busyTimeoutMs`; a save
   * is then retried asynchronously for up to `busyRetryMs` before answering 503 with Retry-After.
   */
  busyTimeoutMs: number;
  /**
   * How long a looked-up session is trusted from memory. Sign-out in this server evicts at once;
   * this bounds how long `juror annotators disable` (another process) takes to end sessions.
   */
  sessionCacheTtlMs: number;
  busyRetryMs: number;
  /** Directory whose *.yaml rubrics the admin page offers when creating a review. */
  rubricsDir?: string;
  /** Express `trust proxy` setting, for X-Forwarded-* behind a reverse proxy. */
  trustProxy?: boolean | number | string;
  /** Where unexpected (500) errors are logged; the client only sees a generic message. */
  log: (line: string) => void;
}

export const DEFAULT_CONFIG: ServerConfig = {
  secureCookies: false,
  rateLimit: { windowMs: 15 * 60_000, limit: 100 },
  bodyLimit: '64kb',
  sessionTtlMs: 30 * 24 * 3600_000,
  busyTimeoutMs: 5,
  sessionCacheTtlMs: 5000,
  busyRetryMs: 2000,
  log: (line) => process.stderr.write(line + '\n'),
};

export function resolveConfig(partial: Partial<ServerConfig> = {}): ServerConfig {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_CONFIG, ...defined, rateLimit: { ...DEFAULT_CONFIG.rateLimit, ...partial.rateLimit } };
}
