import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ServerConfig } from './config.js';
import { HttpError } from './http-error.js';
import { getAuth } from './session.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOGIN_PATHS = new Set(['/login', '/login/preview']);

/**
 * CSRF defence on every state-changing request, two independent layers:
 * 1. Origin check: a browser names the page that sent the request; it must be us. Without an
 *    Origin header, Sec-Fetch-Site (sent by every current browser) must not say cross-site; with
 *    `Origin: null` it must say same-origin.
 * 2. Synchronizer token: with a session, `x-csrf-token` (or `_csrf` in a form body, for the
 *    sign-out form) must equal the token stored with that session.
 * SameSite=Strict cookies are a third layer, but not one we rely on alone.
 */
export function csrfProtection(config: ServerConfig) {
  const configured = config.publicUrl ? new URL(config.publicUrl).origin : undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE.has(req.method)) return next();
    const expected = configured ?? `${req.protocol}://${req.get('host') ?? ''}`;
    const origin = req.get('origin');
    // Referrer-Policy: no-referrer makes a browser send `Origin: null` with our own form posts
    // (sign-in, sign-out); then Sec-Fetch-Site must say same-origin (a sandboxed or cross-site
    // sender says cross-site, or sends neither and is refused).
    if (origin === 'null') {
      if (req.get('sec-fetch-site') !== 'same-origin') return next(new HttpError(403, 'cross-origin request refused (Origin null)', 'csrf'));
    } else if (origin !== undefined) {
      if (origin !== expected) return next(new HttpError(403, `cross-origin request refused (Origin ${origin})`, 'csrf'));
    } else {
      const site = req.get('sec-fetch-site');
      if (site !== undefined && site !== 'same-origin' && site !== 'none') {
        return next(new HttpError(403, 'cross-site request refused', 'csrf'));
      }
    }
    const auth = getAuth(res);
    // No session: nothing to ride on; routes that need one answer 401. Signing in replaces the
    // session and has its own double-submit token (login-csrf.ts), checked by the route.
    if (!auth || LOGIN_PATHS.has(req.path)) return next();
    const sent = req.get('x-csrf-token') ?? formToken(req);
    if (!sent || !safeEqual(sent, auth.session.csrfToken)) {
      return next(new HttpError(403, 'missing or invalid CSRF token (reload the page)', 'csrf'));
    }
    next();
  };
}

function formToken(req: Request): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  return req.is('application/x-www-form-urlencoded') && typeof body?._csrf === 'string' ? body._csrf : undefined;
}

/** Constant-time comparison of two secrets. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
