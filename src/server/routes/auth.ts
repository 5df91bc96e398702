import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { hashSecret } from '../../review/tokens.js';
import type { Store } from '../../storage/store.js';
import type { ServerConfig } from '../config.js';
import { HttpError } from '../http-error.js';
import { html, page } from '../html.js';
import type { SessionCache } from '../session-cache.js';
import { endSession, getAuth, startSession } from '../session.js';

const TokenSchema = z.object({ token: z.string().min(16, 'token is too short').max(200, 'token is too long') });

/**
 * Sign-in with the personal link (`GET /login?token=…`) or the form (`POST /login`), and sign-out.
 * Both sign-in routes are rate-limited per client IP.
 */
export function authRoutes(store: Store, config: ServerConfig, sessions: SessionCache): Router {
  const r = Router();
  const limiter = rateLimit({
    windowMs: config.rateLimit.windowMs,
    limit: config.rateLimit.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new HttpError(429, 'too many sign-in attempts; wait a few minutes and try again')),
  });

  const signIn = (token: string, res: import('express').Response) => {
    const annotator = store.getAnnotatorByTokenHash(hashSecret(token));
    if (!annotator || annotator.disabled) throw new HttpError(401, 'this login link is not valid (ask your eval lead for a new one)', 'bad_token');
    startSession(store, config, annotator, res);
    // A page, not a redirect: after a link opened from another site (mail, chat), a SameSite=Strict
    // cookie is not sent on the redirect's request; a navigation started by this page carries it.
    res.set('Cache-Control', 'no-store').type('html').send(
      page({
        title: 'Signed in',
        body: html`<section class="card narrow"><h1>Welcome, ${annotator.name}</h1>
          <p>You are signed in.</p><p><a class="button primary" href="/" id="continue" autofocus>Continue to your reviews</a></p></section>`,
        refreshTo: '/',
      }),
    );
  };

  r.get('/login', limiter, (req, res) => {
    if (req.query.token !== undefined) {
      signIn(TokenSchema.parse(req.query).token, res);
      return;
    }
    res.type('html').send(loginForm(getAuth(res)?.annotator.name));
  });

  r.post('/login', limiter, (req, res) => {
    signIn(TokenSchema.parse(req.body ?? {}).token, res);
  });

  r.post('/logout', (req, res) => {
    endSession(store, sessions, config, req, res);
    res.redirect(303, '/login');
  });
  return r;
}

function loginForm(signedInAs?: string): string {
  return page({
    title: 'Sign in',
    body: html`<section class="card narrow"><h1>Sign in</h1>
      ${signedInAs ? html`<p>You are signed in as <strong>${signedInAs}</strong>. <a href="/">Go to your reviews</a>.</p>` : ''}
      <p>Open the personal login link your eval lead gave you, or paste its token here.</p>
      <form method="post" action="/login" class="stack">
        <label for="token">Token</label>
        <input id="token" name="token" type="password" autocomplete="off" required minlength="16" maxlength="200">
        <button type="submit" class="primary">Sign in</button>
      </form></section>`,
  });
}
