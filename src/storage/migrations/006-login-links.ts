import type { Migration } from '../migrations.js';

/**
 * v6: login links expire, and the review server's public address is remembered.
 * - `annotators.token_expires_at`: a link signs nobody in after it (ISO time; NULL never expires,
 *   which only older code wrote). Links issued before this version get 14 days from the upgrade,
 *   the default lifetime, so an old link that leaked stops working without anyone re-issuing it.
 * - `settings`: small key/value facts about this database, e.g. `public_url`, the address the
 *   last `juror serve` listened on, which `juror annotators add/link` use in the links they print.
 */
export const migration006: Migration = {
  version: 6,
  name: '006-login-links',
  sql: `
    ALTER TABLE annotators ADD COLUMN token_expires_at TEXT;
    UPDATE annotators SET token_expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+14 days');
    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
};
