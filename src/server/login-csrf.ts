import type { Request, Response } from 'express';
import { newSecret } from '../core/ids.js';
import type { ServerConfig } from './config.js';
import { safeEqual } from './csrf.js';
import { HttpError } from './http-error.js';

/**
 * CSRF defence for signing in, where there is no session yet (double submit): the sign-in page
 * sets a random value in an httpOnly SameSite=Strict cookie scoped to /login and repeats it in
 * the page; a sign-in POST must carry the same value. Another site can neither read the page nor
 * send the cookie, so it cannot sign a victim into someone else's account (login CSRF); the
 * Origin check is the first wall, this the second.
 */
export function loginCsrfCookie(config: ServerConfig): string {
  return config.secureCookies ? '__Secure-juror_login' : 'juror_login';
}

/** The value for this browser: the one it already has, else a new one set as a cookie. */
export function issueLoginCsrf(req: Request, res: Response, config: ServerConfig): string {
  const have = readLoginCsrf(req, config);
  if (have) return have;
  const value = newSecret(24);
  res.cookie(loginCsrfCookie(config), value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.secureCookies,
    path: '/login',
    maxAge: 3600_000,
  });
  return value;
}

function readLoginCsrf(req: Request, config: ServerConfig): string | undefined {
  const v = (req.cookies as Record<string, unknown> | undefined)?.[loginCsrfCookie(config)];
  return typeof v === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(v) ? v : undefined;
}

export function checkLoginCsrf(req: Request, config: ServerConfig, sent: unknown): void {
  const have = readLoginCsrf(req, config);
  if (!have || typeof sent !== 'string' || !safeEqual(have, sent)) {
    throw new HttpError(403, 'the sign-in page has expired or was not opened here: open your login link again', 'csrf');
  }
}
