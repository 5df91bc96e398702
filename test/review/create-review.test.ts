import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReviewFromRun } from '../../src/review/create-review.js';
import { addAnnotator, hashSecret, loginLink } from '../../src/review/tokens.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';
import { RUBRIC, seedRun } from '../server/fixture.js';

describe('createReviewFromRun and annotators', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'juror-review-'));
    store = openSqliteStore(join(dir, 'j.db'));
    seedRun(store, 'run1', 10);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores only the token hash and makes a working link', () => {
    const { annotator, token } = addAnnotator(store, 'ann', 'annotator');
    expect(store.getAnnotatorByTokenHash(hashSecret(token))?.id).toBe(annotator.id);
    expect(store.getAnnotatorByTokenHash(token)).toBeUndefined();
    expect(loginLink('http://h:1/', token)).toBe(`http://h:1/login#token=${token}`);
    expect(() => addAnnotator(store, 'ann', 'annotator')).toThrow('already exists');
    expect(() => addAnnotator(store, 'bad name', 'annotator')).toThrow('must be 1-64 letters');
  });

  it('samples, assigns with overlap and stores the queue; admins are not assigned by default', () => {
    for (const n of ['ann', 'bob', 'cat']) addAnnotator(store, n, 'annotator');
    addAnnotator(store, 'lead', 'admin');
    const created = createReviewFromRun(store, { runId: 'run1', rubric: RUBRIC, overlap: 2, sample: 6, seed: 3 });
    expect(created.items).toBe(6);
    expect(created.annotators).toEqual(['ann', 'bob', 'cat']);
    const items = store.getReviewItems(created.review.id);
    expect(items).toHaveLength(6);
    for (const i of items) expect(store.getItemAssignees(i.id)).toHaveLength(2);
    expect(store.getReviewProgress(created.review.id).map((p) => [p.annotatorName, p.assigned])).toEqual([['ann', 4], ['bob', 4], ['cat', 4]]);
    // same seed, same items
    const again = createReviewFromRun(store, { runId: 'run1', rubric: RUBRIC, overlap: 2, sample: 6, seed: 3 });
    expect(store.getReviewItems(again.review.id).map((i) => i.outputId)).toEqual(items.map((i) => i.outputId));
  });

  it('explains what is missing', () => {
    expect(() => createReviewFromRun(store, { runId: 'run1', rubric: RUBRIC, overlap: 1 })).toThrow('no annotators to assign');
    addAnnotator(store, 'ann', 'annotator');
    expect(() => createReviewFromRun(store, { runId: 'nope', rubric: RUBRIC, overlap: 1 })).toThrow('no run "nope"');
    expect(() => createReviewFromRun(store, { runId: 'run1', rubric: RUBRIC, overlap: 1, annotators: ['zoe'] })).toThrow('no annotator named "zoe"');
    expect(() => createReviewFromRun(store, { runId: 'run1', rubric: RUBRIC, overlap: 2 })).toThrow('overlap 2 needs at least 2 annotators');
  });
});
