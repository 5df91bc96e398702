import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCalibration } from '../../src/calibration/compute.js';
import type { Rubric } from '../../src/core/rubric.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';

// item: [ann, bob, judge] on a pass/fail rubric; the judge left item 5 unscored
const DATA: Array<[string, string, string | null]> = [
  ['pass', 'pass', 'pass'], ['pass', 'fail', 'fail'], ['fail', 'fail', 'fail'],
  ['pass', 'pass', 'fail'], ['fail', 'fail', 'fail'], ['pass', 'pass', null],
];
const RUBRIC: Rubric = {
  name: 'tone',
  criteria: [{ name: 'tone', question: 'Polite?', scale: { type: 'nominal', choices: ['pass', 'fail'] }, anchors: {} }],
};

let dir: string;
let store: Store;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'juror-calibrate-nominal-'));
  store = openSqliteStore(join(dir, 'juror.db'));
  const t = '2026-01-01T00:00:00.000Z';
  store.createRun({ id: 'run', kind: 'run', suiteName: 's', provider: 'mock', judge: 'mock', config: {}, startedAt: t });
  const outputs = store.saveResults(DATA.map(([, , j], i) => ({
    output: {
      runId: 'run', caseId: `c${i}`, repeat: 0, prompt: 'p', output: 'o', error: null,
      usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: null, costUsd: null, cached: false, attempts: 1,
    },
    scores: [{ scorer: 'rubric', criterion: 'rubric.tone', value: j === null ? null : j === 'pass' ? 0 : 1, label: j ?? undefined }],
  })));
  for (const id of ['ann', 'bob']) store.createAnnotator({ id, name: id, role: 'annotator', tokenHash: id, createdAt: t });
  store.createReview({
    id: 'rev', name: 'r', runId: 'run', rubric: RUBRIC, overlap: 2, blind: true, showExpected: false, createdAt: t,
    outputIds: outputs.map((o) => o.id), assignments: outputs.map(() => ['ann', 'bob']),
  });
  const items = store.getReviewItems('rev');
  store.addAnnotations(DATA.flatMap(([a, b], i) => [
    { reviewId: 'rev', itemId: items[i]!.id, annotatorId: 'ann', criterion: 'tone', label: a, value: null },
    { reviewId: 'rev', itemId: items[i]!.id, annotatorId: 'bob', criterion: 'tone', label: b, value: null },
  ]));
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('computeCalibration on a nominal rubric (values by hand)', () => {
  it('unweighted kappa and exact agreement against the majority (ties to the first choice); no rank statistics', () => {
    const [c] = computeCalibration(store, 'rev', { resamples: 200 }).criteria;
    expect(c).toMatchObject({ scale: 'nominal', kappa_weights: 'none', weights_over: 'declared', items: 6, items_multi: 6, humans: 2 });
    const j = c!.judges[0]!;
    expect([j.scored, j.unscored, j.missing]).toEqual([5, 1, 0]);
    // consensus pass, pass(tie), fail, pass, fail vs judge pass, fail, fail, fail, fail
    expect(j.exact.value).toBeCloseTo(3 / 5, 12);
    // po 0.6, pe 0.2*0.6 + 0.8*0.4 = 0.44
    expect(j.kappa.value).toBeCloseTo(0.16 / 0.56, 12);
    expect(j.confusion).toEqual({ rows: 'human consensus', cols: 'judge', labels: ['pass', 'fail'], matrix: [[1, 2], [0, 2]] });
    for (const s of [j.spearman, j.kendall, j.within_one, j.bias]) {
      expect(s).toEqual({ value: null, reason: expect.stringContaining('needs an ordinal scale') });
    }
    // each human against the other: they disagree on item 1 only
    expect(c!.human_ceiling.raters.map((h) => [h.rater, h.n, h.exact.value])).toEqual([['ann', 6, 5 / 6], ['bob', 6, 5 / 6]]);
  });
});
