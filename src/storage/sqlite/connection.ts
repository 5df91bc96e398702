import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../../core/clock.js';
import { DatabaseBusyError, DatabasePathError, JurorError, StorageError } from '../../core/errors.js';
import { LATEST_VERSION, migrate, newerSchemaMessage, schemaVersion, type Migration, MIGRATIONS } from '../migrations.js';

/** What every sqlite/* module works with: the connection, a statement cache, the clock. */
export interface Sql {
  readonly db: Database.Database;
  readonly path: string;
  readonly clock: Clock;
  readonly readonly: boolean;
  /** Prepared once per store and reused (keyed by the SQL text). */
  stmt(sql: string): Database.Statement;
  /** ISO timestamp from the injected clock. */
  now(): string;
}

export interface OpenOptions {
  readonly?: boolean;
  clock: Clock;
  /** For tests: migrate with a different list. */
  migrations?: readonly Migration[];
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Switch to WAL. When several processes open a fresh file at once, SQLite can answer SQLITE_BUSY
 * to this pragma at once, without consulting busy_timeout (a lock upgrade that would deadlock),
 * so wait and retry here for up to the same 5 s.
 */
function setWalMode(db: Database.Database, path: string): void {
  const deadline = Date.now() + 5000;
  for (let attempt = 0; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      const busy = (err as { code?: string }).code === 'SQLITE_BUSY';
      if (!busy || Date.now() > deadline) throw err;
      // A synchronous pause: opening a store is synchronous (better-sqlite3), and this is rare.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(10 * 2 ** attempt, 200));
    }
  }
}

/** Open (creating the file and its directory if needed), set pragmas, migrate. */
export function openConnection(path: string, opts: OpenOptions): Sql {
  const readonly = opts.readonly ?? false;
  const inMemory = path === ':memory:';
  if (!inMemory && !readonly) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (err) {
      throw new DatabasePathError(`cannot create database directory for ${path}: ${message(err)}`, { cause: err });
    }
  }
  if (readonly && !inMemory && !existsSync(path)) {
    throw new StorageError(`database ${path} does not exist`);
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly });
  } catch (err) {
    throw new DatabasePathError(`cannot open database ${path}: ${message(err)}`, { cause: err });
  }
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    if (!readonly) {
      setWalMode(db, path);
      db.pragma('synchronous = NORMAL');
    }
    const migrations = opts.migrations ?? MIGRATIONS;
    if (readonly) {
      const found = schemaVersion(db);
      const known = migrations.length ? migrations[migrations.length - 1]!.version : LATEST_VERSION;
      if (found > known) throw new StorageError(newerSchemaMessage(path, found, known));
      if (found < known) {
        throw new StorageError(
          `database ${path} is at schema v${found} and needs v${known}; open it once without read-only to upgrade`,
        );
      }
    } else {
      migrate(db, path, migrations);
    }
  } catch (err) {
    db.close();
    if (err instanceof JurorError) throw err;
    throw new DatabasePathError(`cannot open database ${path}: ${message(err)}`, { cause: err });
  }

  const cache = new Map<string, Database.Statement>();
  return {
    db,
    path,
    clock: opts.clock,
    readonly,
    stmt(sql) {
      let s = cache.get(sql);
      if (!s) {
        s = db.prepare(sql);
        cache.set(sql, s);
      }
      return s;
    },
    now: () => opts.clock.now().toISOString(),
  };
}

/** SQLite's constraint codes, so callers can turn them into a precise message. */
export function sqliteCode(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/**
 * Run `fn`; our own typed errors pass through, anything from SQLite becomes a one-line
 * StorageError that names the database and the operation.
 */
export function guard<T>(sql: Sql, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof JurorError) throw err;
    if (sqliteCode(err)?.startsWith('SQLITE_BUSY')) {
      throw new DatabaseBusyError(`database ${sql.path}: ${what} failed: another process holds the write lock`, { cause: err });
    }
    throw new StorageError(`database ${sql.path}: ${what} failed: ${message(err)}`, { cause: err });
  }
}

/**
 * How long a statement waits for another connection's write lock before SQLITE_BUSY. The
 * wait is synchronous (it blocks the event loop), so the review server sets a few ms and
 * retries asynchronously instead.
 */
export function setBusyTimeout(sql: Sql, ms: number): void {
  // a pragma value cannot be a bound parameter; ms is a number from our own code
  sql.db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(ms))}`);
}

export function json(value: unknown): string {
  return JSON.stringify(value);
}

export function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
