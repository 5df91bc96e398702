import { DatabaseBusyError } from '../core/errors.js';
import type { AnnotatorRecord, SessionRecord, Store } from '../storage/store.js';

export interface CachedAuth {
  annotator: AnnotatorRecord;
  session: SessionRecord;
}

interface Entry {
  auth: CachedAuth;
  /** Date.parse(session.expiresAt), parsed once. */
  expiresAt: number;
  /** When this entry must be re-read from the store. */
  freshUntil: number;
}

export interface SessionCacheOptions {
  /**
   * How long a looked-up session is trusted without asking the store again. Sign-out in this
   * server evicts at once; this bounds how long a change made by another process (an annotator
   * disabled, a session row deleted by hand) can go unnoticed.
   */
  ttlMs?: number;
  /** Entries kept at most; past it the oldest half is dropped (sessions are few: one per annotator). */
  max?: number;
  now?: () => number;
}

/**
 * Session hash -> (session, annotator), so a signed-in request costs no database reads. Only
 * live sessions of enabled annotators are cached; unknown hashes are not (a flood of forged
 * cookies cannot grow the map), and an expired session is never served from memory.
 */
export class SessionCache {
  private readonly map = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(private readonly store: Store, opts: SessionCacheOptions = {}) {
    this.ttlMs = opts.ttlMs ?? 5_000;
    this.max = opts.max ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  /** The live session and its enabled annotator, or undefined. Deletes an expired session row. */
  lookup(idHash: string): CachedAuth | undefined {
    const now = this.now();
    const hit = this.map.get(idHash);
    if (hit) {
      if (now < hit.freshUntil && now < hit.expiresAt) return hit.auth;
      this.map.delete(idHash);
    }
    const session = this.store.getSession(idHash);
    if (!session) return undefined;
    const expiresAt = Date.parse(session.expiresAt);
    if (!(expiresAt > now)) {
      try {
        this.store.deleteSession(idHash);
      } catch (err) {
        // tidying only: the expired session is refused either way, and a page view must not
        // fail because another process holds the write lock
        if (!(err instanceof DatabaseBusyError)) throw err;
      }
      return undefined;
    }
    const annotator = this.store.getAnnotator(session.annotatorId);
    if (!annotator || annotator.disabled) return undefined;
    const auth = { annotator, session };
    if (this.map.size >= this.max) this.evictOldest();
    this.map.set(idHash, { auth, expiresAt, freshUntil: now + this.ttlMs });
    return auth;
  }

  /** Sign-out: the next request with this cookie goes to the store (and finds nothing). */
  forget(idHash: string): void {
    this.map.delete(idHash);
  }

  /** Sign-out everywhere: drop every cached session of one annotator. */
  forgetAnnotator(annotatorId: string): void {
    for (const [key, e] of this.map) if (e.auth.annotator.id === annotatorId) this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }

  private evictOldest(): void {
    // Map iterates in insertion order, so the first keys are the oldest entries.
    let drop = Math.ceil(this.map.size / 2);
    for (const key of this.map.keys()) {
      if (drop-- <= 0) break;
      this.map.delete(key);
    }
  }
}
