import { Router, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { checkLoginToken } from '../../review/tokens.js';
import type { Store } from '../../storage/store.js';
import type { ServerConfig } from '../config.js';
import { HttpError } from '../http-error.js';
import { html, page } from '../html.js';
import { checkLoginCsrf, issueLoginCsrf } from '../login-csrf.js';
import type { SessionCache } from '../session-cache.js';
import { auth, endSession, getAuth, startSession } from '../session.js';

const TokenSchema = z.object({ token: z.string().min(16, 'token is too short').max(200, 'token is too long') });

/**
 * Signing in. A link is `/login#token=…`: GET /login only shows the page (a GET never signs
 * anyone in, so a link planted on another site cannot sign a victim in); its script reads the
 * token from the fragment, asks POST /login/preview whose link it is, shows "Sign in as NAME?",
 * and a click POSTs the form to /login. Both POSTs pass the Origin check and the login
 * double-submit token. Failed attempts are rate-limited (successes and page views cost nothing),
 * per client IP and token prefix, and per IP with a wider bound.
 */
export function authRoutes(store: Store, config: ServerConfig, sessions: SessionCache): Router {
  const r = Router();
  const limiters = failedAttemptLimiters(config);

  const verify = (req: Request, sent: unknown) => {
    checkLoginCsrf(req, config, sent);
    const token = TokenSchema.parse(req.body ?? {}).token;
    const check = checkLoginToken(store, token);
    if (!check.ok) throw new HttpError(check.reason === 'disabled' ? 403 : 401, check.message, 'bad_token');
    return check.annotator;
  };

  r.get('/login', (req, res) => {
    const csrf = issueLoginCsrf(req, res, config);
    res.set('Cache-Control', 'no-store').type('html').send(loginPage(csrf, getAuth(res)?.annotator.name));
  });

  r.post('/login/preview', ...limiters, (req, res) => {
    const annotator = verify(req, req.get('x-csrf-token'));
    res.set('Cache-Control', 'no-store').json({ name: annotator.name, role: annotator.role, linkExpiresAt: annotator.tokenExpiresAt });
  });

  r.post('/login', ...limiters, (req, res) => {
    const annotator = verify(req, (req.body as Record<string, unknown> | undefined)?._csrf);
    startSession(store, config, annotator, res);
    // A page, not a redirect: a navigation this page starts carries the new SameSite=Strict cookie.
    res.set('Cache-Control', 'no-store').type('html').send(
      page({
        title: 'Signed in',
        body: html`<section class="card narrow"><h1>Welcome, ${annotator.name}</h1>
          <p>You are signed in.</p><p><a class="button primary" href="/" id="continue" autofocus>Continue to your reviews</a></p></section>`,
        refreshTo: '/',
      }),
    );
  });

  r.post('/logout', (req, res) => {
    endSession(store, sessions, config, req, res);
    res.redirect(303, '/login');
  });

  /** Every session of the signed-in person ends: other browsers and devices too. */
  r.post('/logout/everywhere', (req, res) => {
    const { annotator } = auth(res);
    store.deleteSessionsOf(annotator.id);
    sessions.forgetAnnotator(annotator.id);
    endSession(store, sessions, config, req, res);
    res.redirect(303, '/login');
  });
  return r;
}

/**
 * Two buckets of FAILED sign-in attempts (a response >= 400; a success is given back): per client
 * IP and token prefix, so one person with a mistyped link locks out only themselves and not
 * everyone behind the same proxy; and per IP at five times the limit, so cycling prefixes does
 * not buy unlimited guesses.
 */
function failedAttemptLimiters(config: ServerConfig) {
  const ip = (req: Request) => ipKeyGenerator(req.ip ?? '');
  const prefix = (req: Request) => {
    const t = (req.body as Record<string, unknown> | undefined)?.token;
    return typeof t === 'string' ? t.slice(0, 8) : '';
  };
  const common = {
    windowMs: config.rateLimit.windowMs,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    handler: (_req: Request, _res: Response, next: (err: unknown) => void) =>
      next(new HttpError(429, 'too many failed sign-in attempts; wait a few minutes and try again')),
  };
  return [
    rateLimit({ ...common, limit: config.rateLimit.limit, keyGenerator: (req) => `${ip(req)}|${prefix(req)}`, identifier: 'per-token' }),
    rateLimit({ ...common, limit: config.rateLimit.limit * 5, keyGenerator: (req) => ip(req), identifier: 'per-ip' }),
  ];
}

function loginPage(csrf: string, signedInAs?: string): string {
  return page({
    title: 'Sign in',
    script: 'login.js',
    csrfToken: csrf,
    body: html`<section class="card narrow" id="signin"><h1>Sign in</h1>
      ${signedInAs ? html`<p>You are signed in as <strong>${signedInAs}</strong>. <a href="/">Go to your reviews</a>.</p>` : ''}
      <p id="login-status" role="status" class="status"></p>
      <form method="post" action="/login" class="stack" id="confirm" hidden>
        <h2>Sign in as <span id="confirm-name"></span>?</h2>
        <p class="muted" id="confirm-expiry"></p>
        <input type="hidden" name="token" id="confirm-token">
        <input type="hidden" name="_csrf" value="${csrf}">
        <button type="submit" class="primary" id="confirm-submit">Sign in</button>
        <p class="muted">Not you? Close this page: nothing has happened yet.</p>
      </form>
      <form method="post" action="/login" class="stack" id="paste">
        <p>Open the personal login link your eval lead gave you, or paste its token here.</p>
        <input type="hidden" name="_csrf" value="${csrf}">
        <label for="token">Token</label>
        <input id="token" name="token" type="password" autocomplete="off" required minlength="16" maxlength="200">
        <button type="submit" class="primary">Sign in</button>
      </form></section>`,
  });
}
