import { randomBytes } from 'node:crypto';

/**
 * Short, sortable, URL-safe ids: a time prefix (so `juror runs` lists in order) and random tail.
 * Example: `r_20261125T133045_k3j9x2`.
 */
export function newId(prefix: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');
  const tail = randomBytes(4).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 6).padEnd(6, '0');
  return `${prefix}_${stamp}_${tail}`;
}

/** A random secret suitable for login tokens and CSRF tokens. */
export function newSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
