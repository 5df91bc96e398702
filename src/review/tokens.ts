import { createHash } from 'node:crypto';
import { newId, newSecret } from '../core/ids.js';
import { ConfigError } from '../core/errors.js';
import type { AnnotatorRecord, Role, Store } from '../storage/store.js';

/**
 * Login tokens and session ids are stored only as sha256 hashes: a copy of the database does not
 * let anyone sign in. The raw token is shown once, in the login link.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** How long a login link signs in by default. */
export const DEFAULT_LINK_TTL_MS = 14 * 24 * 3600_000;

/**
 * The token travels in the URL fragment: a browser never sends `#…` to any server, so it stays
 * out of access logs (ours and any proxy's) and out of Referer; the sign-in page reads it.
 */
export function loginLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/login#token=${encodeURIComponent(token)}`;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;

export interface LinkOptions {
  now?: Date;
  /** Link lifetime; default 14 days. */
  ttlMs?: number;
}

function expiry(opts: LinkOptions): string {
  return new Date((opts.now ?? new Date()).getTime() + (opts.ttlMs ?? DEFAULT_LINK_TTL_MS)).toISOString();
}

/** Create an annotator and return its one-time raw token. */
export function addAnnotator(
  store: Store,
  name: string,
  role: Role,
  opts: LinkOptions = {},
): { annotator: AnnotatorRecord; token: string } {
  if (!NAME.test(name)) {
    throw new ConfigError(`annotator name "${name}" must be 1-64 letters, digits, _ . @ - (starting with a letter or digit)`);
  }
  if (store.getAnnotatorByName(name)) throw new ConfigError(`annotator "${name}" already exists`);
  const now = opts.now ?? new Date();
  const token = newSecret(24);
  const annotator = store.createAnnotator({
    id: newId('a', now),
    name,
    role,
    tokenHash: hashSecret(token),
    createdAt: now.toISOString(),
    tokenExpiresAt: expiry(opts),
  });
  return { annotator, token };
}

function requireAnnotator(store: Store, name: string): AnnotatorRecord {
  const annotator = store.getAnnotatorByName(name);
  if (!annotator) throw new ConfigError(`no annotator named "${name}" (see juror annotators list)`);
  return annotator;
}

/** Issue a new login token for an existing annotator; the old link and its sessions stop working. */
export function resetAnnotatorToken(store: Store, name: string, opts: LinkOptions = {}): { annotator: AnnotatorRecord; token: string } {
  const annotator = requireAnnotator(store, name);
  const token = newSecret(24);
  const tokenExpiresAt = expiry(opts);
  store.setAnnotatorToken(annotator.id, hashSecret(token), tokenExpiresAt);
  return { annotator: { ...annotator, tokenExpiresAt }, token };
}

/** Disable (ending every session) or enable an annotator; returns the record as it is now. */
export function setAnnotatorEnabled(store: Store, name: string, enabled: boolean): AnnotatorRecord {
  const annotator = requireAnnotator(store, name);
  store.setAnnotatorDisabled(annotator.id, !enabled);
  return { ...annotator, disabled: !enabled };
}

export type TokenCheck =
  | { ok: true; annotator: AnnotatorRecord }
  | { ok: false; reason: 'invalid' | 'expired' | 'disabled'; message: string };

/** Whether a raw login token signs someone in now, and who; or why not, in words for that person. */
export function checkLoginToken(store: Store, token: string, now: Date = new Date()): TokenCheck {
  const annotator = store.getAnnotatorByTokenHash(hashSecret(token));
  if (!annotator) return { ok: false, reason: 'invalid', message: 'this login link is not valid (ask your eval lead for a new one)' };
  if (annotator.disabled) return { ok: false, reason: 'disabled', message: 'this account is disabled (ask your eval lead)' };
  if (annotator.tokenExpiresAt !== null && !(Date.parse(annotator.tokenExpiresAt) > now.getTime())) {
    return { ok: false, reason: 'expired', message: `this login link expired on ${annotator.tokenExpiresAt.slice(0, 10)} (ask your eval lead for a new one)` };
  }
  return { ok: true, annotator };
}
