import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { ConfigError, ConflictError, DatabaseBusyError, NotFoundError, describeError } from '../core/errors.js';
import type { ServerConfig } from './config.js';
import { HttpError } from './http-error.js';
import { html, page } from './html.js';
import { getAuth } from './session.js';

/**
 * The ONE error handler: JSON `{ error: { code, message } }` for /api/* (and clients that ask for
 * JSON), a readable HTML page for the browser. Unexpected errors are logged and shown as a generic
 * 500 so internals never reach the client.
 */
export function errorHandler(config: ServerConfig) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = toHttpError(err);
    if (e.status >= 500) config.log(`[juror serve] ${req.method} ${req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(e.status).set('Cache-Control', 'no-store').set(e.headers);
    if (wantsJson(req)) {
      res.json({ error: { code: e.code, message: e.message } });
      return;
    }
    if (e.status === 401 && e.code === 'unauthenticated') {
      res.redirect(303, '/login');
      return;
    }
    const auth = getAuth(res);
    res.type('html').send(
      page({
        title: `Error ${e.status}`,
        user: auth ? { name: auth.annotator.name, role: auth.annotator.role } : undefined,
        csrfToken: auth?.session.csrfToken,
        body: html`<section class="card narrow"><h1>${titleFor(e.status)}</h1><p>${e.message}</p><p><a href="/">Back to your reviews</a></p></section>`,
      }),
    );
  };
}

export function wantsJson(req: Request): boolean {
  if (req.path.startsWith('/api/') || req.path === '/login/preview') return true;
  return req.accepts(['html', 'json']) === 'json';
}

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof ZodError) return new HttpError(400, zodMessage(err), 'invalid');
  if (err instanceof NotFoundError) return new HttpError(404, err.message);
  if (err instanceof ConflictError) return new HttpError(409, err.message);
  if (err instanceof ConfigError) return new HttpError(400, err.message, 'invalid');
  if (err instanceof DatabaseBusyError) {
    // Not an internal error: another process (e.g. `juror run`) is writing. The page resends.
    return new HttpError(503, 'the database is busy (another process is writing to it); try again in a moment', 'busy', { 'Retry-After': '1' });
  }
  // body-parser errors carry status/type (413 entity.too.large, 400 entity.parse.failed, ...)
  const status = (err as { status?: unknown })?.status;
  const type = (err as { type?: unknown })?.type;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (type === 'entity.too.large') return new HttpError(413, 'request body too large');
    if (type === 'entity.parse.failed') return new HttpError(400, 'request body is not valid JSON', 'invalid');
    return new HttpError(status, describeError(err));
  }
  return new HttpError(500, 'internal error (see the server log)');
}

/** `labels.faithfulness: label "7" is not on the scale` — path, then zod's message. */
export function zodMessage(err: ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

function titleFor(status: number): string {
  if (status === 403) return 'Not allowed';
  if (status === 404) return 'Not found';
  if (status === 429) return 'Too many attempts';
  if (status === 503) return 'Busy, try again';
  if (status >= 500) return 'Something went wrong';
  return 'That did not work';
}
