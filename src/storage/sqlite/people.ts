import { ConfigError, NotFoundError, StorageError } from '../../core/errors.js';
import type { AnnotatorRecord, CacheEntry, CacheStats, Role, SessionRecord } from '../store.js';
import { sqliteCode, type Sql } from './connection.js';

// ---------- response cache ----------

export function cacheGet(sql: Sql, key: string): CacheEntry | undefined {
  // Read first, count the hit only when there is one: a fresh run misses on every call, and a
  // miss then takes no write lock (two write transactions per call were one more than needed)
  const row = sql.stmt('SELECT key, provider, value, created_at FROM cache WHERE key = ?').get(key) as
    | { key: string; provider: string; value: string; created_at: string }
    | undefined;
  if (row && !sql.readonly) sql.stmt('UPDATE cache SET hits = hits + 1 WHERE key = ?').run(key);
  return row && { key: row.key, provider: row.provider, value: row.value, createdAt: row.created_at };
}

/** Overwrites an existing key (a fresh answer replaces a stale one) but keeps its hit count. */
export function cachePut(sql: Sql, e: CacheEntry): void {
  sql.stmt(
    `INSERT INTO cache (key, provider, value, created_at, hits) VALUES (?, ?, ?, ?, 0)
     ON CONFLICT (key) DO UPDATE SET provider = excluded.provider, value = excluded.value, created_at = excluded.created_at`,
  ).run(e.key, e.provider, e.value, e.createdAt);
}

export function cachePutMany(sql: Sql, entries: Iterable<CacheEntry>): number {
  return sql.db.transaction(() => {
    let n = 0;
    for (const e of entries) {
      cachePut(sql, e);
      n++;
    }
    return n;
  }).immediate();
}

export function* cacheEntries(sql: Sql): IterableIterator<CacheEntry> {
  const rows = sql.stmt('SELECT key, provider, value, created_at FROM cache ORDER BY key').iterate() as IterableIterator<{
    key: string; provider: string; value: string; created_at: string;
  }>;
  for (const r of rows) yield { key: r.key, provider: r.provider, value: r.value, createdAt: r.created_at };
}

export function cacheStats(sql: Sql): CacheStats {
  const r = sql.stmt(
    `SELECT count(*) AS entries, coalesce(sum(length(CAST(value AS BLOB))), 0) AS bytes,
            coalesce(sum(hits), 0) AS hits FROM cache`,
  ).get() as CacheStats;
  return { entries: r.entries, bytes: r.bytes, hits: r.hits };
}

export function cacheClear(sql: Sql): number {
  return sql.stmt('DELETE FROM cache').run().changes;
}

// ---------- annotators ----------

interface AnnotatorRow { id: string; name: string; role: Role; created_at: string; disabled: number; token_expires_at: string | null }

const ANNOTATOR_COLS = 'id, name, role, created_at, disabled, token_expires_at';

function toAnnotator(r: AnnotatorRow): AnnotatorRecord {
  return { id: r.id, name: r.name, role: r.role, createdAt: r.created_at, disabled: r.disabled === 1, tokenExpiresAt: r.token_expires_at };
}

export function createAnnotator(
  sql: Sql, a: { id: string; name: string; role: Role; tokenHash: string; createdAt: string; tokenExpiresAt?: string | null },
): AnnotatorRecord {
  try {
    // seq: next small integer, taken under the write lock of this one statement
    sql.stmt(
      `INSERT INTO annotators (id, name, role, token_hash, created_at, disabled, token_expires_at, seq)
       VALUES (?, ?, ?, ?, ?, 0, ?, (SELECT coalesce(max(seq), 0) + 1 FROM annotators))`,
    ).run(a.id, a.name, a.role, a.tokenHash, a.createdAt, a.tokenExpiresAt ?? null);
  } catch (err) {
    const msg = err instanceof Error ? err.message : '';
    if (sqliteCode(err)?.startsWith('SQLITE_CONSTRAINT')) {
      if (msg.includes('annotators.name')) throw new ConfigError(`annotator "${a.name}" already exists`);
      if (msg.includes('annotators.id')) throw new ConfigError(`annotator id ${a.id} already exists`);
      if (msg.includes('annotators.token_hash')) throw new StorageError('token hash collision; generate a new token');
      if (msg.includes('CHECK')) throw new ConfigError(`unknown role "${a.role}" (use annotator or admin)`);
    }
    throw err;
  }
  return { id: a.id, name: a.name, role: a.role, createdAt: a.createdAt, disabled: false, tokenExpiresAt: a.tokenExpiresAt ?? null };
}

export function getAnnotator(sql: Sql, id: string): AnnotatorRecord | undefined {
  const r = sql.stmt(`SELECT ${ANNOTATOR_COLS} FROM annotators WHERE id = ?`).get(id) as AnnotatorRow | undefined;
  return r && toAnnotator(r);
}

export function getAnnotatorByName(sql: Sql, name: string): AnnotatorRecord | undefined {
  const r = sql.stmt(`SELECT ${ANNOTATOR_COLS} FROM annotators WHERE name = ?`).get(name) as AnnotatorRow | undefined;
  return r && toAnnotator(r);
}

export function getAnnotatorByTokenHash(sql: Sql, tokenHash: string): AnnotatorRecord | undefined {
  const r = sql.stmt(`SELECT ${ANNOTATOR_COLS} FROM annotators WHERE token_hash = ?`).get(tokenHash) as
    | AnnotatorRow
    | undefined;
  return r && toAnnotator(r);
}

export function listAnnotators(sql: Sql): AnnotatorRecord[] {
  return (sql.stmt(`SELECT ${ANNOTATOR_COLS} FROM annotators ORDER BY name`).all() as AnnotatorRow[]).map(toAnnotator);
}

/**
 * A new link is issued because the old one leaked or should stop working: the sessions signed in
 * with it end too, or whoever used the old link would stay signed in for the session's lifetime.
 */
export function setAnnotatorToken(sql: Sql, id: string, tokenHash: string, tokenExpiresAt: string | null = null): void {
  sql.db.transaction(() => {
    const info = sql.stmt('UPDATE annotators SET token_hash = ?, token_expires_at = ? WHERE id = ?').run(tokenHash, tokenExpiresAt, id);
    if (info.changes === 0) throw new NotFoundError(`annotator ${id} not found`);
    sql.stmt('DELETE FROM sessions WHERE annotator_id = ?').run(id);
  })();
}

/** Disabling ends every session in the same transaction: nobody stays signed in as a disabled person. */
export function setAnnotatorDisabled(sql: Sql, id: string, disabled: boolean): void {
  sql.db.transaction(() => {
    const info = sql.stmt('UPDATE annotators SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id);
    if (info.changes === 0) throw new NotFoundError(`annotator ${id} not found`);
    if (disabled) sql.stmt('DELETE FROM sessions WHERE annotator_id = ?').run(id);
  })();
}

export function deleteSessionsOf(sql: Sql, annotatorId: string): number {
  return sql.stmt('DELETE FROM sessions WHERE annotator_id = ?').run(annotatorId).changes;
}

// ---------- settings ----------

export function getSetting(sql: Sql, key: string): string | undefined {
  return sql.stmt('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
}

export function setSetting(sql: Sql, key: string, value: string): void {
  sql.stmt('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

// ---------- sessions ----------

interface SessionRow { id_hash: string; annotator_id: string; csrf_token: string; created_at: string; expires_at: string }

export function createSession(sql: Sql, s: SessionRecord): void {
  try {
    sql.stmt('INSERT INTO sessions (id_hash, annotator_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(s.idHash, s.annotatorId, s.csrfToken, s.createdAt, s.expiresAt);
  } catch (err) {
    if (sqliteCode(err) === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new NotFoundError(`annotator ${s.annotatorId} not found`);
    throw err;
  }
}

/** Returns the session as stored, expired or not: the caller compares expiresAt with its own clock. */
export function getSession(sql: Sql, idHash: string): SessionRecord | undefined {
  const r = sql.stmt('SELECT * FROM sessions WHERE id_hash = ?').get(idHash) as SessionRow | undefined;
  return (
    r && { idHash: r.id_hash, annotatorId: r.annotator_id, csrfToken: r.csrf_token, createdAt: r.created_at, expiresAt: r.expires_at }
  );
}

export function deleteSession(sql: Sql, idHash: string): void {
  sql.stmt('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
}
