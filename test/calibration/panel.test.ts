import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCalibration } from '../../src/calibration/compute.js';
import { formatCalibration } from '../../src/calibration/format.js';
import type { Rubric } from '../../src/core/rubric.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';

/**
 * A panel run of three judges on a pass/fail criterion; ann and bob agree on every item, so their
 * consensus H is their label. Kappas by hand (unweighted, p_e from the two marginals):
 * H        = pass pass pass fail fail fail
 * j1       = pass pass fail fail fail fail   p_o 5/6, j1 passes 2/6: p_e 1/2, kappa 2/3
 * j2       = pass fail pass fail fail pass   p_o 4/6, passes 3/6: p_e 1/2, kappa 1/3
 * j3       = pass pass pass pass fail fail   p_o 5/6, passes 4/6: p_e 1/2, kappa 2/3
 * majority = pass pass pass fail fail fail   = H: kappa 1 — the panel beats its best judge.
 */
const H = ['pass', 'pass', 'pass', 'fail', 'fail', 'fail'];
const J = [
  ['pass', 'pass', 'fail', 'fail', 'fail', 'fail'],
  ['pass', 'fail', 'pass', 'fail', 'fail', 'pass'],
  ['pass', 'pass', 'pass', 'pass', 'fail', 'fail'],
];
const SPECS = ['mock:j1', 'mock:j2', 'mock:j3'];
const RUBRIC: Rubric = {
  name: 'tone',
  criteria: [{ name: 'tone', question: 'Polite?', scale: { type: 'nominal', choices: ['pass', 'fail'] }, anchors: {} }],
};
const index = (l: string) => (l === 'pass' ? 0 : 1);

let dir: string;
let store: Store;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'juror-calibrate-panel-'));
  store = openSqliteStore(join(dir, 'juror.db'));
  const t = '2026-01-01T00:00:00.000Z';
  store.createRun({ id: 'run', kind: 'run', suiteName: 's', provider: 'mock', judge: SPECS.join(','), config: { judgePanel: { judges: SPECS } }, startedAt: t });
  const outputs = store.saveResults(H.map((_, i) => {
    const verdicts = J.map((j) => j[i]!);
    const majority = verdicts.filter((v) => v === 'pass').length >= 2 ? 'pass' : 'fail';
    return {
      output: {
        runId: 'run', caseId: `c${i}`, repeat: 0, prompt: 'p', output: 'o', error: null,
        usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: null, costUsd: null, cached: false, attempts: 1,
      },
      scores: [{
        scorer: 'rubric', criterion: 'rubric.tone', value: index(majority), label: majority, judge: SPECS.join(','),
        panel: verdicts.map((v, k) => ({ judge: SPECS[k]!, value: index(v), label: v })),
      }],
    };
  }));
  for (const id of ['ann', 'bob']) store.createAnnotator({ id, name: id, role: 'annotator', tokenHash: id, createdAt: t });
  store.createReview({
    id: 'rev', name: 'r', runId: 'run', rubric: RUBRIC, overlap: 2, blind: true, showExpected: false, createdAt: t,
    outputIds: outputs.map((o) => o.id), assignments: outputs.map(() => ['ann', 'bob']),
  });
  const items = store.getReviewItems('rev');
  store.addAnnotations(H.flatMap((h, i) => ['ann', 'bob'].map((a) => ({ reviewId: 'rev', itemId: items[i]!.id, annotatorId: a, criterion: 'tone', label: h, value: null }))));
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('computeCalibration with a judge panel run', () => {
  it("the panel run is the panel and each of its judges (RUN[SPEC]), with kappa vs the humans, the range verdict and the ranking", () => {
    const report = computeCalibration(store, 'rev', { resamples: 200 });
    const [c] = report.criteria;
    expect(c!.judges.map((j) => [j.judge, j.spec, j.scored])).toEqual([
      ['run', 'mock:j1,mock:j2,mock:j3', 6],
      ['run[mock:j1]', 'mock:j1', 6],
      ['run[mock:j2]', 'mock:j2', 6],
      ['run[mock:j3]', 'mock:j3', 6],
    ]);
    const kappas = c!.judges.map((j) => j.kappa.value!);
    [1, 2 / 3, 1 / 3, 2 / 3].forEach((k, i) => expect(kappas[i]).toBeCloseTo(k, 12));
    expect(c!.judges.map((j) => j.rank)).toEqual([1, 2, 4, 3]);
    expect(c!.judges[0]!.human_range).toMatchObject({ verdict: 'within', human_range: [1, 1] });
    expect(report.ranking.map((r) => [r.rank, r.judge])).toEqual([[1, 'run'], [2, 'run[mock:j1]'], [3, 'run[mock:j3]'], [4, 'run[mock:j2]']]);
    expect(c!.judges[2]!.confusion.matrix).toEqual([[2, 1], [1, 2]]);
    const text = formatCalibration(report);
    expect(text).toMatch(/\n {4}1 {2}run \(mock:j1,mock:j2,mock:j3\) +6\/6 .* 1\.00 \[1\.00, 1\.00\]/);
    expect(text).toMatch(/\n {4}4 {2}run\[mock:j2\] +6\/6 .* 0\.33 \[/); // named once, not "run[mock:j2] (mock:j2)"
    expect(text).toMatch(/\n {2}1 {2}run {11}mock:j1,mock:j2,mock:j3 {2}1\.000/);
  });

  it('a judge of the panel can be named alone; an unknown one is an error naming the panel', () => {
    const [c] = computeCalibration(store, 'rev', { judges: ['run[mock:j2]'], resamples: 200 }).criteria;
    expect(c!.judges.map((j) => j.judge)).toEqual(['run[mock:j2]']);
    expect(c!.judges[0]!.kappa.value).toBeCloseTo(1 / 3, 12);
    expect(() => computeCalibration(store, 'rev', { judges: ['run[mock:j9]'] })).toThrow('run run has no panel judge "mock:j9" (its panel judges are mock:j1, mock:j2, mock:j3)');
  });
});
