import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeReviewAgreement } from '../../src/agreement/compute.js';
import { computeCalibration } from '../../src/calibration/compute.js';
import { formatCalibration } from '../../src/calibration/format.js';
import { pairwiseCandidates } from '../../src/calibration/gather.js';
import { pairwiseSource } from '../../src/storage/run-columns.js';
import { seedMatrixRun } from '../server/fixture.js';
import type { PairwiseChoice, Rubric } from '../../src/core/rubric.js';
import { createReviewFromRun } from '../../src/review/create-review.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';

/**
 * Pairwise humans against a pairwise judge, values by hand. Labels name the outputs (A = run1's).
 * ann: A A B tie A B; bob: A B B tie A A; judge: A A B tie A A, stored for items 3-5 with the
 * outputs the other way round (so its verdicts there are flipped in the table and must be flipped back).
 */
const ANN: PairwiseChoice[] = ['A', 'A', 'B', 'tie', 'A', 'B'];
const BOB: PairwiseChoice[] = ['A', 'B', 'B', 'tie', 'A', 'A'];
const JUDGE: PairwiseChoice[] = ['A', 'A', 'B', 'tie', 'A', 'A'];
const RUBRIC: Rubric = {
  name: 'pw',
  criteria: [{ name: 'better', mode: 'pairwise', question: 'Which?', scale: { type: 'nominal', choices: ['A', 'tie', 'B'] }, anchors: {} }],
};
const flip = (c: PairwiseChoice): PairwiseChoice => (c === 'A' ? 'B' : c === 'B' ? 'A' : 'tie');

let dir: string;
let store: Store;
let reviewId: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'juror-calibrate-pairwise-'));
  store = openSqliteStore(join(dir, 'juror.db'));
  const t = '2026-01-01T00:00:00.000Z';
  for (const run of ['run1', 'run2']) {
    store.createRun({ id: run, kind: 'run', suiteName: 's', provider: run, judge: 'mock', config: {}, startedAt: t });
    store.saveCases(run, ANN.map((_, i) => ({ id: `c${i}`, vars: {}, tags: [] })));
    store.saveResults(ANN.map((_, i) => ({
      output: { runId: run, caseId: `c${i}`, repeat: 0, prompt: 'p', output: `${run} on c${i}`, error: null, usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: null, costUsd: null, cached: false, attempts: 1 },
      scores: [],
    })));
  }
  for (const id of ['ann', 'bob']) store.createAnnotator({ id, name: id, role: 'annotator', tokenHash: id, createdAt: t });
  reviewId = createReviewFromRun(store, { runId: 'run1', pairWith: 'run2', rubric: RUBRIC, overlap: 2, seed: 3, annotators: ['ann', 'bob'] }).review.id;
  const items = store.getReviewItems(reviewId);
  store.addAnnotations(items.flatMap((it, i) => [
    { reviewId, itemId: it.id, annotatorId: 'ann', criterion: 'better', label: ANN[i]!, value: null, shown: 'AB' as const },
    { reviewId, itemId: it.id, annotatorId: 'bob', criterion: 'better', label: BOB[i]!, value: null, shown: 'BA' as const },
  ]));
  store.createComparison({ id: 'pw1', rubric: RUBRIC, judges: ['mock'], sources: [{ label: 'a', runId: 'run1' }, { label: 'b', runId: 'run2' }], createdAt: t });
  store.savePairwiseVerdicts('pw1', items.map((it, i) => {
    const swapped = i >= 3;
    const verdict = swapped ? flip(JUDGE[i]!) : JUDGE[i]!;
    return {
      outputA: swapped ? it.outputBId! : it.outputId, outputB: swapped ? it.outputId : it.outputBId!, judge: 'mock', criterion: 'better',
      caseId: `c${i}`, verdict, consistent: true, saidAB: verdict, saidBA: flip(verdict), reasonAB: '', reasonBA: '',
    };
  }));
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pairwise labels', () => {
  it('agreement treats A / tie / B as nominal: po 4/6, pe 14/36, kappa 5/11', () => {
    const c = computeReviewAgreement(store, reviewId).criteria[0]!;
    expect(c).toMatchObject({ criterion: 'better', scale: 'nominal', items: 6, raters: 2, labels: 12 });
    expect(c.percent_agreement.value).toBeCloseTo(4 / 6, 12);
    expect(c.cohen_kappa.value).toBeCloseTo(5 / 11, 12);
  });

  it('calibrate compares the comparison\'s judge with the pairwise humans, flipping pairs stored the other way round', () => {
    const report = computeCalibration(store, reviewId, { resamples: 200 });
    const [c] = report.criteria;
    const j = c!.judges[0]!;
    expect([j.judge, j.spec, j.scored, j.unscored, j.missing]).toEqual(['pw1/mock', 'mock', 6, 0, 0]);
    // consensus (ties to the first choice, A): A A B tie A A = the judge on every item
    expect(j.exact.value).toBe(1);
    expect(j.kappa.value).toBeCloseTo(1, 12);
    expect(j.confusion.matrix).toEqual([[4, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(computeCalibration(store, reviewId, { judges: ['pw1'], resamples: 200 }).criteria[0]!.judges).toHaveLength(1);
    // the text names the comparison's judge once (its id carries the spec)
    const text = formatCalibration(report);
    expect(text).toContain('pw1/mock');
    expect(text).not.toContain('pw1/mock (mock)');
    expect(() => computeCalibration(store, reviewId, { judges: ['pw_nope'] })).toThrow('comparison pw_nope not found');
  });

  it('a review of two columns of one matrix run: by default only the comparisons of those two columns are its judges', () => {
    seedMatrixRun(store, 'mx', 4);
    const run = store.getRun('mx')!;
    const rv = createReviewFromRun(store, { runId: 'mx', column: 1, pairWith: 'mx', pairWithColumn: 3, rubric: RUBRIC, overlap: 1, seed: 1, annotators: ['ann'] }).review;
    for (const [id, cols] of [['pw_13', [3, 1]], ['pw_12', [1, 2]], ['pw_23', [2, 3]]] as const) {
      store.createComparison({ id, rubric: RUBRIC, judges: ['mock'], sources: cols.map((n) => pairwiseSource(run, n)), createdAt: '2026-01-02T00:00:00.000Z' });
    }
    expect(pairwiseCandidates(store, rv, undefined, RUBRIC.criteria).map((c) => c.id)).toEqual(['pw_13/mock']);
  });
});
