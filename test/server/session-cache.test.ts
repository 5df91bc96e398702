import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionCache } from '../../src/server/session-cache.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';

describe('SessionCache', () => {
  let dir: string;
  let store: Store;
  let now: number;
  const T0 = Date.parse('2026-03-01T00:00:00.000Z');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'juror-sessions-'));
    store = openSqliteStore(join(dir, 'juror.db'));
    store.createAnnotator({ id: 'a1', name: 'ann', role: 'annotator', tokenHash: 'tok-a1', createdAt: new Date(T0).toISOString() });
    store.createSession({ idHash: 'live', annotatorId: 'a1', csrfToken: 'csrf-1', createdAt: new Date(T0).toISOString(), expiresAt: new Date(T0 + 60_000).toISOString() });
    now = T0;
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const cache = (ttlMs = 5_000, max?: number) => new SessionCache(store, { ttlMs, max, now: () => now });

  it('serves a live session from memory until the ttl, then asks the store again', () => {
    const c = cache();
    expect(c.lookup('live')?.annotator.name).toBe('ann');
    store.deleteSession('live'); // e.g. removed by another process
    now = T0 + 4_999;
    expect(c.lookup('live')?.session.csrfToken).toBe('csrf-1');
    now = T0 + 5_000;
    expect(c.lookup('live')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('never serves a session past its expiry, even inside the ttl, and deletes the expired row', () => {
    const c = cache(10 * 60_000);
    expect(c.lookup('live')).toBeDefined();
    now = T0 + 60_000;
    expect(c.lookup('live')).toBeUndefined();
    expect(store.getSession('live')).toBeUndefined();
  });

  it('forget() makes the next lookup go to the store (sign-out)', () => {
    const c = cache();
    expect(c.lookup('live')).toBeDefined();
    store.deleteSession('live');
    c.forget('live');
    expect(c.lookup('live')).toBeUndefined();
  });

  it('does not cache unknown hashes, and stays within max', () => {
    const c = cache(5_000, 4);
    for (let i = 0; i < 50; i++) expect(c.lookup(`forged-${i}`)).toBeUndefined();
    expect(c.size).toBe(0);
    for (let i = 0; i < 10; i++) {
      store.createSession({ idHash: `s${i}`, annotatorId: 'a1', csrfToken: `c${i}`, createdAt: new Date(T0).toISOString(), expiresAt: new Date(T0 + 60_000).toISOString() });
      expect(c.lookup(`s${i}`)?.session.csrfToken).toBe(`c${i}`);
    }
    expect(c.size).toBeLessThanOrEqual(4);
    expect(c.lookup('s9')?.session.csrfToken).toBe('c9');
  });
});
