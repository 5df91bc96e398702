/**
 * Judge-corrected estimates end to end on a real SQLite store: a run of 40 outputs with a judge that
 * scores one level too high on a third of them, a review of a seeded uniform sample of 12, and the
 * corrected pass rate and mean equal to PPI++ computed directly on the same vectors; refusals when
 * the review's items are not known to be a uniform random sample of the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { correctedEstimates } from '../../src/calibration/corrected-estimate.js';
import { formatCorrected } from '../../src/calibration/format-corrected.js';
import { ConfigError } from '../../src/core/errors.js';
import type { Rubric } from '../../src/core/rubric.js';
import type { PassRule } from '../../src/loader/suite.js';
import { createReviewFromRun } from '../../src/review/create-review.js';
import { loadRunReport } from '../../src/runner/run-report.js';
import { decideCase } from '../../src/scorers/thresholds.js';
import { ppiPlusPlusMean, wilsonInterval } from '../../src/stats/index.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';

const RUBRIC: Rubric = {
  name: 'q',
  criteria: [{ name: 'quality', question: 'Good?', scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] }, anchors: {}, pass: 4 }],
};
const RULES: PassRule[] = [{ criterion: 'rubric.quality', op: '>=', target: 4, text: '>= 4', where: 'suite.yaml:9' }];
const decide = (scores: Parameters<typeof decideCase>[1]) => decideCase(RULES, scores);
const N = 40;
const human = (i: number) => 1 + ((i * 7) % 5); // the level people give output i
const judge = (i: number) => Math.min(5, human(i) + (i % 3 === 0 ? 1 : 0)); // one level too high on every third

let dir: string;
let store: Store;
let outputIds: number[];
const t = '2026-01-01T00:00:00.000Z';

function label(reviewId: string, count = Infinity): void {
  const items = store.getReviewItems(reviewId).slice(0, count);
  store.addAnnotations(items.map((it) => ({
    reviewId, itemId: it.id, annotatorId: 'ann', criterion: 'quality', label: String(human(outputIds.indexOf(it.outputId))), value: null,
  })));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'juror-corrected-'));
  store = openSqliteStore(join(dir, 'juror.db'));
  for (const id of ['run', 'other']) {
    store.createRun({ id, kind: 'run', suiteName: 's', provider: 'mock', judge: 'mock', config: { pass: RULES }, startedAt: t });
  }
  const saved = store.saveResults(Array.from({ length: N }, (_, i) => ({
    output: {
      runId: 'run', caseId: `c${i}`, repeat: 0, prompt: 'p', output: 'o', error: null,
      usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: null, costUsd: null, cached: false, attempts: 1,
    },
    scores: [{ scorer: 'rubric', criterion: 'rubric.quality', value: judge(i), label: String(judge(i)), passed: judge(i) >= 4 }],
  })));
  outputIds = saved.map((o) => o.id);
  store.createAnnotator({ id: 'ann', name: 'ann', role: 'annotator', tokenHash: 'h', createdAt: t });
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const estimate = (reviewId: string, runId = 'run') => correctedEstimates(store, loadRunReport(store, runId, decide), store.getReview(reviewId)!, decide);

describe('correctedEstimates', () => {
  it('a seeded uniform sample of 12: PPI++ on the judge over all 40 and the human labels of the 12, beside the judge-only Wilson CI', async () => {
    const { review } = createReviewFromRun(store, { runId: 'run', rubric: RUBRIC, overlap: 1, sample: 12, seed: 5, annotators: ['ann'], now: new Date(t) });
    expect(review.sampling).toEqual({ method: 'uniform', population: 40, seed: 5 });
    label(review.id);
    const r = estimate(review.id);
    expect(r.sampling).toEqual({ method: 'uniform', population: 40, seed: 5, sampled: 12 });

    const sampled = store.getReviewItems(review.id).map((it) => outputIds.indexOf(it.outputId));
    const all = Array.from({ length: N }, (_, i) => i);
    const passJudge = all.map((i) => (judge(i) >= 4 ? 1 : 0));
    const want = ppiPlusPlusMean({
      judgeAll: passJudge,
      judgeLabelled: sampled.map((i) => passJudge[i]!),
      human: sampled.map((i) => (human(i) >= 4 ? 1 : 0)),
    });
    if (want.value === null) throw new Error(want.reason);
    expect(r.pass_rate.judge).toEqual({ ...wilsonInterval(passJudge.filter((v) => v === 1).length, N), n: N, method: 'wilson' });
    const clipped = [Math.max(0, want.ci95[0]), Math.min(1, want.ci95[1])];
    expect(r.pass_rate.corrected).toEqual({ value: want.value, ci95: clipped, se: want.se, labelled: 12, N: 40, lambda: want.lambda, method: 'PPI++' });
    // the judge passes 19 of 40 (humans would pass 16); PPI++ leans on it with its tuned weight
    expect(r.pass_rate.judge.value).toBe(19 / 40);

    const [quality] = r.criteria;
    const mean = ppiPlusPlusMean({ judgeAll: all.map(judge), judgeLabelled: sampled.map(judge), human: sampled.map(human) });
    expect(quality).toMatchObject({ name: 'quality', kind: 'mean', corrected: { value: mean.value, labelled: 12, N: 40 } });
    expect(quality!.judge).toMatchObject({ value: all.map(judge).reduce((a, b) => a + b, 0) / N, n: N, method: 'logit t' });
    // the judge-only interval is the one every report shows for this criterion: kept inside the 1–5 scale
    const { scoreInterval } = await import('../../src/stats/mean-ci.js');
    expect(quality!.judge).toMatchObject({ ci95: (scoreInterval(all.map(judge), undefined, [1, 5]) as { ci95: [number, number] }).ci95 });

    const text = formatCorrected(r);
    expect(text).toContain(`judge-corrected estimates from review ${review.id}: 12 of 40 outputs, a uniform random sample (seed 5); PPI++, 95% CIs`);
    expect(text).toMatch(/pass rate {2}judge says \d+\.\d% \[\d+\.\d, \d+\.\d\] \(n 40\); corrected with 12 human labels: \d+\.\d% \[-?\d+\.\d, \d+\.\d\]/);
  });

  it('refuses a review whose items are not known to be a uniform sample, with the reason', () => {
    store.createReview({
      id: 'picked', name: 'hand-picked', runId: 'run', rubric: RUBRIC, overlap: 1, blind: true, showExpected: false, createdAt: t,
      outputIds: outputIds.slice(0, 10), assignments: outputIds.slice(0, 10).map(() => ['ann']),
    });
    expect(() => estimate('picked')).toThrow(ConfigError);
    expect(() => estimate('picked')).toThrow(/covers 10 of the run's 40 outputs but does not record how they were chosen.*not known to be a uniform random sample/);
    // a recorded seed that does not draw these items
    store.createReview({
      id: 'forged', name: 'f', runId: 'run', rubric: RUBRIC, overlap: 1, blind: true, showExpected: false, createdAt: t,
      outputIds: outputIds.slice(0, 10), assignments: outputIds.slice(0, 10).map(() => ['ann']), sampling: { method: 'uniform', population: 40, seed: 5 },
    });
    expect(() => estimate('forged')).toThrow(/not the uniform sample its seed 5 draws/);
    // another run's outputs
    expect(() => estimate('picked', 'other')).toThrow(/review picked is over run run, not other/);
  });

  it('an unrecorded review that covers every output is a census, and valid', () => {
    store.createReview({
      id: 'census', name: 'c', runId: 'run', rubric: RUBRIC, overlap: 1, blind: true, showExpected: false, createdAt: t,
      outputIds, assignments: outputIds.map(() => ['ann']),
    });
    label('census');
    const r = estimate('census');
    expect(r.sampling).toMatchObject({ method: 'all', sampled: 40 });
    // with every output labelled the estimate is the humans' own pass rate
    const humanPass = Array.from({ length: N }, (_, i) => (human(i) >= 4 ? 1 : 0)).reduce<number>((a, b) => a + b, 0) / N;
    expect(r.pass_rate.corrected.value).toBeCloseTo(humanPass, 12);
  });

  it('a half-finished review gives no corrected figure, saying why (queue order is not random)', () => {
    const { review } = createReviewFromRun(store, { runId: 'run', rubric: RUBRIC, overlap: 1, sample: 12, seed: 9, annotators: ['ann'], now: new Date(t) });
    label(review.id, 10);
    const r = estimate(review.id);
    expect(r.pass_rate.corrected).toEqual({ value: null, reason: expect.stringContaining('2 of the 12 sampled outputs have no human label for the pass rate') });
    expect(r.criteria[0]!.corrected).toEqual({ value: null, reason: expect.stringContaining('not a random sample: finish the review first') });
    expect(r.pass_rate.judge.value).toBe(19 / 40);
  });
});
