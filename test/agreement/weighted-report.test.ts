/**
 * A review's report goes SQL patterns -> weighted count rows -> *FromPatterns statistics, and pair
 * tables built from the same patterns. This checks every figure against the plain per-item path,
 * computed here straight from the labels written (one count row per item, one vector pair per rater
 * pair), to 1e-12, SEs included: a mistake in grouping, weighting or rater mapping shows up here.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeReviewAgreement } from '../../src/agreement/compute.js';
import type { Rubric } from '../../src/core/rubric.js';
import {
  cohenKappa, contingencyTable, fleissKappa, gwetAc, itemCategoryCounts, krippendorffAlpha, mulberry32, percentAgreement,
  weightMatrix,
} from '../../src/stats/index.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { NewAnnotation, Store } from '../../src/storage/store.js';
import { tempDir } from './support.js';

const tmp = tempDir();
let store: Store;
const RUBRIC: Rubric = {
  name: 'q',
  criteria: [{ name: 'quality', question: 'Good?', scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] }, anchors: {} }],
};
// ids deliberately not in creation (seq) order, so the store's id sort is exercised
const PEOPLE = ['eve', 'dan', 'cat', 'bob', 'ann'];
const N = 400;
/** items x PEOPLE: category index 0..4 or null. */
const matrix: Array<Array<number | null>> = [];

beforeAll(() => {
  store = openSqliteStore(join(tmp.dir, 'juror.db'));
  const t = '2026-01-01T00:00:00.000Z';
  store.createRun({ id: 'run1', kind: 'run', suiteName: 's', provider: 'mock', config: {}, startedAt: t });
  const outputs = store.saveResults(Array.from({ length: N }, (_, i) => ({
    output: {
      runId: 'run1', caseId: `c${i}`, repeat: 0, prompt: 'p', output: 'o', error: null,
      usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: null, costUsd: null, cached: false, attempts: 1,
    },
    scores: [],
  })));
  for (const id of PEOPLE) store.createAnnotator({ id, name: id.toUpperCase(), role: 'annotator', tokenHash: `h-${id}`, createdAt: t });
  const rand = mulberry32(11);
  const assignments = outputs.map(() => {
    const picked = new Set<string>();
    while (picked.size < 3) picked.add(PEOPLE[Math.floor(rand() * PEOPLE.length)]!);
    return [...picked];
  });
  store.createReview({
    id: 'rev1', name: 'r', runId: 'run1', rubric: RUBRIC, overlap: 3, blind: true, showExpected: false, createdAt: t,
    outputIds: outputs.map((o) => o.id), assignments,
  });
  const notes: NewAnnotation[] = [];
  store.getReviewItems('rev1').forEach((item, i) => {
    const truth = Math.floor(rand() * 5);
    const row: Array<number | null> = PEOPLE.map(() => null);
    for (const who of assignments[i]!) {
      if (rand() < 0.1) continue; // some assigned items are never labelled
      const c = rand() < 0.6 ? truth : Math.floor(rand() * 5);
      row[PEOPLE.indexOf(who)] = c;
      notes.push({ reviewId: 'rev1', itemId: item.id, annotatorId: who, criterion: 'quality', label: String(c + 1), value: null });
    }
    matrix.push(row);
  });
  store.addAnnotations(notes);
});
afterAll(() => {
  store.close();
  tmp.cleanup();
});

const close = (a: number | null | undefined, b: number | null | undefined) => {
  expect(typeof a).toBe('number');
  expect(Math.abs(a! - b!)).toBeLessThan(1e-12);
};

describe('review report through weighted count rows', () => {
  it('equals the per-item statistics: percent, Fleiss, Gwet AC1/AC2 with SE, alpha at every level', () => {
    const labelled = matrix.filter((row) => row.some((v) => v !== null));
    const counts = itemCategoryCounts(labelled, 5);
    for (const weights of ['none', 'quadratic'] as const) {
      const [c] = computeReviewAgreement(store, 'rev1', { weights }).criteria;
      expect(c).toMatchObject({ items: labelled.length, raters: 5, labels: labelled.flat().filter((v) => v !== null).length });
      close((c!.percent_agreement as { value: number }).value, percentAgreement(counts).value);
      close((c!.fleiss_kappa as { value: number }).value, fleissKappa(counts).value);
      const g = gwetAc(counts, weights === 'none' ? undefined : { weights: weightMatrix(5, weights, [1, 2, 3, 4, 5]) });
      const got = c!.gwet_ac1 as { value: number; se: number };
      close(got.value, g.value);
      close(got.se, (g as { se: number }).se);
    }
    for (const scale of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      const [c] = computeReviewAgreement(store, 'rev1', { scale }).criteria;
      const values = matrix.map((row) => row.map((v) => (v === null ? null : scale === 'interval' || scale === 'ratio' ? v + 1 : v)));
      close((c!.krippendorff_alpha as { value: number }).value, krippendorffAlpha(values, { level: scale }).value);
    }
  });

  it('pairwise Cohen kappa and percent agreement equal the two raters\' own vectors, for all 10 pairs', () => {
    const [c] = computeReviewAgreement(store, 'rev1', { weights: 'linear' }).criteria;
    expect(c!.pairwise).toHaveLength(10);
    for (const p of c!.pairwise) {
      const [a, b] = p.raters.map((name) => PEOPLE.indexOf(name.toLowerCase()));
      const va = matrix.map((row) => (row[b!] === null ? null : row[a!]!));
      const vb = matrix.map((row) => (row[a!] === null ? null : row[b!]!));
      const table = contingencyTable(va, vb, 5);
      const n = table.flat().reduce((x, y) => x + y, 0);
      expect(p.n).toBe(n);
      close(p.cohen_kappa, cohenKappa(table, { weights: 'linear', scores: [1, 2, 3, 4, 5] }).value);
      close(p.percent_agreement, table.reduce((s, row, i) => s + row[i]!, 0) / n);
    }
  });
});
