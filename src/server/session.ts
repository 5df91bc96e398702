import type { NextFunction, Request, Response } from 'express';
import { newSecret } from '../core/ids.js';
import { hashSecret } from '../review/tokens.js';
import type { AnnotatorRecord, SessionRecord, Store } from '../storage/store.js';
import type { ServerConfig } from './config.js';
import { HttpError } from './http-error.js';
import type { SessionCache } from './session-cache.js';

/**
 * Sessions: a random cookie value whose sha256 is the session key in the store (a leaked
 * database holds no usable session), with a CSRF synchronizer token stored beside it.
 */
export interface Auth {
  annotator: AnnotatorRecord;
  session: SessionRecord;
}

export function cookieName(config: ServerConfig): string {
  // __Host- makes the browser refuse the cookie unless Secure, Path=/ and no Domain: no subdomain
  // can plant or read it.
  return config.secureCookies ? '__Host-juror_sid' : 'juror_sid';
}

export function startSession(store: Store, config: ServerConfig, annotator: AnnotatorRecord, res: Response): SessionRecord {
  const raw = newSecret(32);
  const now = new Date();
  const session: SessionRecord = {
    idHash: hashSecret(raw),
    annotatorId: annotator.id,
    csrfToken: newSecret(24),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + config.sessionTtlMs).toISOString(),
  };
  store.createSession(session);
  res.cookie(cookieName(config), raw, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.secureCookies,
    path: '/',
    maxAge: config.sessionTtlMs,
  });
  return session;
}

export function endSession(store: Store, sessions: SessionCache, config: ServerConfig, req: Request, res: Response): void {
  const raw = readCookie(req, config);
  if (raw) {
    const idHash = hashSecret(raw);
    sessions.forget(idHash);
    store.deleteSession(idHash);
  }
  res.clearCookie(cookieName(config), { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/' });
}

function readCookie(req: Request, config: ServerConfig): string | undefined {
  const v = (req.cookies as Record<string, unknown> | undefined)?.[cookieName(config)];
  return typeof v === 'string' && v.length > 0 && v.length < 200 ? v : undefined;
}

/**
 * Attach `res.locals.auth` when the cookie names a live session of an enabled annotator.
 * Looked up through the SessionCache: a signed-in request reads nothing from the database.
 */
export function loadSession(sessions: SessionCache, config: ServerConfig) {
  return (req: Request, res: Response, next: NextFunction) => {
    const raw = readCookie(req, config);
    if (raw) {
      const found = sessions.lookup(hashSecret(raw));
      if (found) res.locals.auth = found satisfies Auth;
    }
    next();
  };
}

export function getAuth(res: Response): Auth | undefined {
  return res.locals.auth as Auth | undefined;
}

/** The signed-in user, or 401 (the error handler turns 401 on a page into a login redirect). */
export function auth(res: Response): Auth {
  const a = getAuth(res);
  if (!a) throw new HttpError(401, 'sign in first: open your personal login link');
  return a;
}

export function adminAuth(res: Response): Auth {
  const a = auth(res);
  if (a.annotator.role !== 'admin') throw new HttpError(403, 'this page needs the admin role');
  return a;
}
