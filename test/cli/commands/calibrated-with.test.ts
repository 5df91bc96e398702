/**
 * `juror show RUN --calibrated-with REVIEW`: the judge-corrected block in the text and in --json,
 * and a one-line refusal (exit 2) for a review that is not known to be a uniform sample of the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createReviewFromRun } from '../../../src/review/create-review.js';
import { openSqliteStore } from '../../../src/storage/sqlite-store.js';
import { cli, tempDir } from '../support.js';
import { QUALITY_RUBRIC, storeQualityRun } from './quality-run.js';

const tmp = tempDir('juror-cli-calibrated-');
const RUBRIC = QUALITY_RUBRIC;
const t = '2026-01-01T00:00:00.000Z';
let reviewId = '';

beforeAll(() => {
  const store = openSqliteStore(join(tmp.dir, 'juror.db'));
  const outputs = storeQualityRun(store, 'run', (i) => 5 - (i % 3), t);
  store.createAnnotator({ id: 'ann', name: 'ann', role: 'annotator', tokenHash: 'h', createdAt: t });
  reviewId = createReviewFromRun(store, { runId: 'run', rubric: RUBRIC, overlap: 1, sample: 10, seed: 3, annotators: ['ann'], now: new Date(t) }).review.id;
  store.addAnnotations(store.getReviewItems(reviewId).map((it, k) => ({
    reviewId, itemId: it.id, annotatorId: 'ann', criterion: 'quality', label: String(k % 2 === 0 ? 3 : 5), value: null,
  })));
  store.createReview({
    id: 'picked', name: 'p', runId: 'run', rubric: RUBRIC, overlap: 1, blind: true, showExpected: false, createdAt: t,
    outputIds: outputs.slice(0, 5).map((o) => o.id), assignments: outputs.slice(0, 5).map(() => ['ann']),
  });
  store.close();
});
afterAll(() => tmp.cleanup());

describe('juror show --calibrated-with', () => {
  it('prints the judge-only and the corrected figures, and adds them to --json', async () => {
    const r = await cli(['show', 'run', '--db', 'juror.db', '--calibrated-with', reviewId], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`judge-corrected estimates from review ${reviewId}: 10 of 30 outputs, a uniform random sample (seed 3); PPI++, 95% CIs`);
    expect(r.stdout).toMatch(/ {2}pass rate {2}judge says 66\.7% \[\d+\.\d, \d+\.\d\] \(n 30\); corrected with 10 human labels: \d+\.\d% \[\d+\.\d, \d+\.\d\]\n/);
    const j = await cli(['show', 'run', '--db', 'juror.db', '--calibrated-with', reviewId, '--json'], { cwd: tmp.dir });
    const doc = JSON.parse(j.stdout);
    expect(doc.calibrated).toMatchObject({
      run: 'run', review: reviewId, sampling: { method: 'uniform', population: 30, seed: 3, sampled: 10 },
      pass_rate: { name: 'pass rate', kind: 'proportion', judge: { value: 20 / 30, n: 30, method: 'wilson' }, corrected: { labelled: 10, N: 30, method: 'PPI++' } },
    });
  });

  it('refuses a hand-picked review with one line and exit 2', async () => {
    const r = await cli(['show', 'run', '--db', 'juror.db', '--calibrated-with', 'picked'], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: review picked covers 5 of the run's 30 outputs but does not record how they were chosen .*\n$/);
    expect(r.stdout).toBe('');
  });
});
