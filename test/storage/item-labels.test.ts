import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { LabelPattern, Store } from '../../src/storage/store.js';
import { label, seedReview } from './store-fixtures.js';

/** Patterns recomputed the slow, obvious way from getCurrentLabels. */
function patternsFromCurrentLabels(store: Store, criterion: string): LabelPattern[] {
  const byItem = new Map<number, Array<[string, string]>>();
  for (const l of store.getCurrentLabels('rev1', criterion)) {
    byItem.set(l.itemId, [...(byItem.get(l.itemId) ?? []), [l.annotatorId, l.label]]);
  }
  const counts = new Map<string, LabelPattern>();
  for (const pairs of byItem.values()) {
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const p = { annotatorIds: pairs.map((x) => x[0]), labels: pairs.map((x) => x[1]), items: 0 };
    const key = JSON.stringify([p.annotatorIds, p.labels]);
    (counts.get(key) ?? counts.set(key, p).get(key)!).items++;
  }
  return sortPatterns([...counts.values()]);
}

function sortPatterns(ps: LabelPattern[]): LabelPattern[] {
  const key = (p: LabelPattern) => JSON.stringify([p.annotatorIds, p.labels]);
  return [...ps].sort((a, b) => key(a).localeCompare(key(b)));
}

/** mulberry32: a tiny seeded PRNG so the random history is the same on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('item_labels stays in step with current_labels', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'juror-items-'));
    store = openSqliteStore(join(dir, 'j.db'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('after a random history of labels, edits, skips and flags', () => {
    const { items } = seedReview(store, { n: 12, assign: () => ['ann', 'bob', 'cat'] });
    const rand = rng(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    for (let step = 0; step < 400; step++) {
      const item = pick(items).id;
      const who = pick(['ann', 'bob', 'cat']);
      const r = rand();
      if (r < 0.15) store.addAnnotation(label(item, who, 'faithfulness', null, { skipped: true }));
      else if (r < 0.25) store.addAnnotation(label(item, who, 'tone', null, { flagged: true }));
      else if (r < 0.6) store.addAnnotation(label(item, who, 'tone', pick(['pass', 'fail'])));
      else store.addAnnotation(label(item, who, 'faithfulness', pick(['1', '2', '3', '4', '5'])));
    }
    for (const criterion of ['faithfulness', 'tone']) {
      const expected = patternsFromCurrentLabels(store, criterion);
      expect(expected.reduce((n, p) => n + p.items, 0)).toBeGreaterThan(8); // the history did label most items
      expect(sortPatterns(store.labelPatterns('rev1', criterion))).toEqual(expected);
    }
  });
});
