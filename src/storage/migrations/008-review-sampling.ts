import type { Migration } from '../migrations.js';

/**
 * v8: how a review chose its items (`{ method: 'all' | 'uniform', population, seed }` as JSON), so a
 * judge-corrected estimate can tell a uniform random sample of the run from any other subset.
 * Reviews created before v8 have NULL: only one that covers every output can be used for that.
 */
export const migration008: Migration = {
  version: 8,
  name: '008-review-sampling',
  sql: `ALTER TABLE reviews ADD COLUMN sampling_json TEXT;`,
};
