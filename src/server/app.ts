import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { packagePath } from '../core/package-root.js';
import type { Store } from '../storage/store.js';
import { AnnotationWriter } from './annotation-writer.js';
import { resolveConfig, type ServerConfig } from './config.js';
import { csrfProtection } from './csrf.js';
import { errorHandler } from './error-handler.js';
import { hostCheck } from './host-check.js';
import { notFound } from './http-error.js';
import { ReviewCache } from './review-cache.js';
import { securityHeaders } from './security.js';
import { SessionCache } from './session-cache.js';
import { loadSession } from './session.js';
import { adminApi } from './routes/admin-api.js';
import { adminStats } from './routes/admin-stats.js';
import { annotateApi } from './routes/annotate-api.js';
import { authRoutes } from './routes/auth.js';
import { pages } from './routes/pages.js';

/** review-ui/ at the package root (with the trailing slash express.static and the tests expect). */
export const REVIEW_UI_DIR = packagePath('review-ui') + '/';

export interface AppOptions {
  store: Store;
  config?: Partial<ServerConfig>;
}

/**
 * The review app. A factory, not a singleton: tests build one per temp database and listen on
 * port 0. Middleware order matters: headers, the Host check, static files (no session needed), cookies and
 * session, size-limited body parsers, CSRF, routes, then the one error handler.
 */
export function createApp({ store, config: partial }: AppOptions): Express {
  const config = resolveConfig(partial);
  // SQLite's busy wait blocks the event loop: keep it to a few ms, the writer retries on a timer.
  store.setBusyTimeout(config.busyTimeoutMs);
  const app = express();
  app.disable('x-powered-by');
  // Every dynamic response is Cache-Control: no-store, so an ETag (a SHA-1 of each body) is wasted work.
  app.set('etag', false);
  if (partial?.trustProxy !== undefined) app.set('trust proxy', partial.trustProxy);
  app.use(securityHeaders(config));
  app.use(hostCheck(config));
  app.use('/ui', express.static(REVIEW_UI_DIR, { index: false, fallthrough: false, maxAge: '1h' }));
  app.use(cookieParser());
  const sessions = new SessionCache(store, { ttlMs: config.sessionCacheTtlMs });
  app.use(loadSession(sessions, config));
  app.use(express.json({ limit: config.bodyLimit, strict: true }));
  app.use(express.urlencoded({ limit: config.bodyLimit, extended: false, parameterLimit: 20 }));
  app.use(csrfProtection(config));

  const reviews = new ReviewCache(store);
  // before annotateApi: a saved annotation marks the review's cached statistics stale
  app.use(adminStats(store, reviews));
  // The annotators' API (the hot path: every save) comes before the sign-in and admin routers, so
  // a save is not matched against their dozen routes first; none of their paths overlap it.
  app.use(annotateApi(store, reviews, new AnnotationWriter(store, { busyRetryMs: config.busyRetryMs })));
  app.use(authRoutes(store, config, sessions));
  app.use(adminApi(store, config, reviews));
  app.use(pages());
  app.use((_req, _res, next) => next(notFound('no such page')));
  app.use(errorHandler(config));
  return app;
}
