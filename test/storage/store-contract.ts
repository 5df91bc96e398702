import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../src/storage/store.js';
import { reviewsContract } from './store-contract-reviews.js';
import { runsContract } from './store-contract-runs.js';

/**
 * The contract every Store implementation must pass (SQLite today; a Postgres store later runs
 * the same suite). `makeStore` returns a fresh, empty store; the suite closes it after each test.
 */
export function describeStoreContract(name: string, makeStore: () => Store): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(() => {
      store = makeStore();
    });
    afterEach(() => {
      store.close();
    });
    runsContract(() => store);
    reviewsContract(() => store);
  });
}
