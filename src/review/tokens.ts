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

export function loginLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/login?token=${encodeURIComponent(token)}`;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;

/** Create an annotator and return its one-time raw token. */
export function addAnnotator(
  store: Store,
  name: string,
  role: Role,
  now: Date = new Date(),
): { annotator: AnnotatorRecord; token: string } {
  if (!NAME.test(name)) {
    throw new ConfigError(`annotator name "${name}" must be 1-64 letters, digits, _ . @ - (starting with a letter or digit)`);
  }
  if (store.getAnnotatorByName(name)) throw new ConfigError(`annotator "${name}" already exists`);
  const token = newSecret(24);
  const annotator = store.createAnnotator({
    id: newId('a', now),
    name,
    role,
    tokenHash: hashSecret(token),
    createdAt: now.toISOString(),
  });
  return { annotator, token };
}

/** Issue a new login token for an existing annotator; the old link stops working. */
export function resetAnnotatorToken(store: Store, name: string): { annotator: AnnotatorRecord; token: string } {
  const annotator = store.getAnnotatorByName(name);
  if (!annotator) throw new ConfigError(`no annotator named "${name}" (see juror annotators list)`);
  const token = newSecret(24);
  store.setAnnotatorToken(annotator.id, hashSecret(token));
  return { annotator, token };
}
