import type Database from 'better-sqlite3';
import { StorageError } from '../core/errors.js';
import { migration001 } from './migrations/001-runs.js';
import { migration002 } from './migrations/002-review.js';
import { migration003 } from './migrations/003-item-labels.js';
import { migration004 } from './migrations/004-assignment-status.js';
import { migration005 } from './migrations/005-item-labels-by-pattern.js';
import { migration006 } from './migrations/006-login-links.js';
import { migration007 } from './migrations/007-claims.js';
import { migration008 } from './migrations/008-review-sampling.js';
import { migration009 } from './migrations/009-batches.js';
import { migration010 } from './migrations/010-pairwise.js';
import { migration011 } from './migrations/011-matrix-columns.js';
import { migration012 } from './migrations/012-judge-scores.js';

/** One schema step. Versions are consecutive from 1; `PRAGMA user_version` holds the applied one. */
export interface Migration {
  version: number;
  name: string;
  /** Plain SQL (may hold several statements), or a function for data moves. */
  sql?: string;
  up?: (db: Database.Database) => void;
  /**
   * Run with foreign key enforcement off (a table rebuild: SQLite's prescribed way to change a
   * constraint). The pragma is a no-op inside a transaction, so migrate() sets it around the step;
   * the step itself must check `PRAGMA foreign_key_check`.
   */
  withoutForeignKeys?: boolean;
}

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012];
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function newerSchemaMessage(path: string, found: number, known: number): string {
  return `database ${path} was written by a newer juror (schema v${found}, this juror knows up to v${known}); upgrade juror`;
}

/**
 * Bring the database up to the last of `migrations`. Each step runs in its own IMMEDIATE
 * transaction together with its `user_version` bump, so a failed step leaves the database at the
 * previous version, and two processes opening a fresh file at once cannot both apply a step (the
 * version is re-read after the write lock is taken). Errors are never swallowed.
 */
export function migrate(db: Database.Database, path: string, migrations: readonly Migration[] = MIGRATIONS): number {
  const known = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const current = schemaVersion(db);
  if (current > known) throw new StorageError(newerSchemaMessage(path, current, known));
  for (const m of migrations) {
    if (m.version <= current) continue;
    const step = db.transaction(() => {
      const now = schemaVersion(db);
      if (now >= m.version) return; // another process applied it while we waited for the lock
      if (now !== m.version - 1) {
        throw new Error(`expected schema v${m.version - 1} before it, found v${now}`);
      }
      if (m.sql) db.exec(m.sql);
      if (m.up) m.up(db);
      // pragma values cannot be bound parameters; version is a number from our own code
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    });
    const fk = m.withoutForeignKeys ? (db.pragma('foreign_keys', { simple: true }) as number) : 0;
    if (fk) db.pragma('foreign_keys = OFF');
    try {
      step.immediate();
    } catch (err) {
      throw new StorageError(
        `database ${path}: migration ${m.name} failed: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    } finally {
      if (fk) db.pragma('foreign_keys = ON');
    }
  }
  return schemaVersion(db);
}
