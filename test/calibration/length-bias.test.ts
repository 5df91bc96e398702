import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCalibration } from '../../src/calibration/compute.js';
import { formatCalibration } from '../../src/calibration/format.js';
import type { Rubric } from '../../src/core/rubric.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { NewAnnotation, Store } from '../../src/storage/store.js';

/**
 * A judge whose score is a monotone function of the output's length, and two humans whose mean
 * score is not. Reference values from scipy 1.17.1, scipy.stats.spearmanr:
 *   spearmanr([1,1,2,2,3,4,4,5], [10,25,40,55,70,85,100,120])                  -> 0.9819805060619657
 *   spearmanr([4.5,2.5,4.5,1,2.5,2,3.5,1.5], [10,25,40,55,70,85,100,120])      -> -0.4940117600296769
 * Item 4's output is 55 emoji: counted in UTF-16 units it would be 110 long, and scipy gives
 * 0.8001322641986388 / -0.7470421737034139 for that ordering, so the test also pins the unit.
 */
const LENGTHS = [10, 25, 40, 55, 70, 85, 100, 120];
const JUDGE = [1, 1, 2, 2, 3, 4, 4, 5];
const H1 = [4, 2, 5, 1, 3, 2, 4, 1];
const H2 = [5, 3, 4, 1, 2, 2, 3, 2];

const RUBRIC: Rubric = {
  name: 'len',
  criteria: [
    { name: 'quality', question: 'How good?', scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] }, anchors: {}, pass: 4 },
    { name: 'kind', question: 'What kind?', scale: { type: 'nominal', choices: ['a', 'b'] }, anchors: {} },
  ],
};

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function build(texts: string[], judge: number[], h1: number[], h2: number[]): Store {
  dir = mkdtempSync(join(tmpdir(), 'juror-length-bias-'));
  const store = openSqliteStore(join(dir, 'juror.db'));
  const t = '2026-01-01T00:00:00.000Z';
  store.createRun({ id: 'run', kind: 'run', suiteName: 'len', provider: 'mock', judge: 'mock:long', config: {}, startedAt: t });
  const outputs = store.saveResults(
    texts.map((text, i) => ({
      output: {
        runId: 'run', caseId: `c${i}`, repeat: 0, prompt: 'p', output: text, error: null,
        usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, costUsd: null, cached: false, attempts: 1,
      },
      scores: [
        { scorer: 'rubric', criterion: 'rubric.quality', value: judge[i]!, label: String(judge[i]), judge: 'mock' },
        { scorer: 'rubric', criterion: 'rubric.kind', value: 0, label: i % 2 ? 'a' : 'b', judge: 'mock' },
      ],
    })),
  );
  for (const a of ['a1', 'a2']) store.createAnnotator({ id: a, name: a, role: 'annotator', tokenHash: `h${a}`, createdAt: t });
  store.createReview({
    id: 'rev', name: 'len', runId: 'run', rubric: RUBRIC, overlap: 2, blind: true, showExpected: false, createdAt: t,
    outputIds: outputs.map((o) => o.id), assignments: outputs.map(() => ['a1', 'a2']),
  });
  const labels: NewAnnotation[] = [];
  store.getReviewItems('rev').forEach((item, i) => {
    for (const [a, v] of [['a1', h1[i]!], ['a2', h2[i]!]] as const) {
      labels.push({ reviewId: 'rev', itemId: item.id, annotatorId: a, criterion: 'quality', label: String(v), value: null });
      labels.push({ reviewId: 'rev', itemId: item.id, annotatorId: a, criterion: 'kind', label: i % 2 ? 'a' : 'b', value: null });
    }
  });
  store.addAnnotations(labels);
  return store;
}

const texts = LENGTHS.map((n, i) => (i === 3 ? '\u{1F600}'.repeat(n) : 'x'.repeat(n)));

describe('length bias in calibrate', () => {
  it("gives the judge's and the humans' Spearman rho with length, checked against scipy", () => {
    const store = build(texts, JUDGE, H1, H2);
    const r = computeCalibration(store, 'rev', { seed: 3, resamples: 400 });
    const again = computeCalibration(store, 'rev', { seed: 3, resamples: 400 });
    store.close();
    const lb = r.criteria.find((c) => c.criterion === 'quality')!.judges[0]!.length_bias;
    expect(lb.unit).toBe('characters');
    expect(lb.n).toBe(8);
    if (lb.judge.value === null || lb.humans.value === null) throw new Error('expected defined rho');
    expect(lb.judge.value).toBeCloseTo(0.9819805060619657, 12);
    expect(lb.humans.value).toBeCloseTo(-0.4940117600296769, 12);
    // The seeded percentile bootstrap, recomputed independently in Python (scipy 1.17.1 spearmanr,
    // numpy 2.4.6 percentile, the same mulberry32 stream re-implemented; script in
    // test/fixtures/scripts/length-bias-bootstrap.py): judge [0.8987170342729173, 1.0], humans
    // [-0.9792700977495321, 0.23589548452562026], no undefined resamples.
    expect(lb.judge.ci95![0]).toBeCloseTo(0.8987170342729173, 12);
    expect(lb.judge.ci95![1]).toBe(1);
    expect(lb.humans.ci95![0]).toBeCloseTo(-0.9792700977495321, 12);
    expect(lb.humans.ci95![1]).toBeCloseTo(0.23589548452562026, 12);
    // the interval brackets the point value and stays within [-1, 1]
    const [jl, jh] = lb.judge.ci95!;
    const [hl, hh] = lb.humans.ci95!;
    expect(jl).toBeLessThanOrEqual(lb.judge.value);
    expect(jh).toBeGreaterThanOrEqual(lb.judge.value);
    expect(jl).toBeGreaterThan(0.5); // 8 items, nearly perfectly ordered: every resample ranks length high
    expect(hl).toBeGreaterThanOrEqual(-1);
    expect(hl).toBeLessThan(lb.humans.value);
    expect(hh).toBeGreaterThan(lb.humans.value);
    expect(again.criteria[0]!.judges[0]!.length_bias).toEqual(lb); // seeded
    const text = formatCalibration(r);
    expect(text).toContain('length bias (Spearman rho of score vs output length in characters');
    expect(text).toMatch(/run \(mock:long\): judge 0\.98 \[[-0-9.]+, [-0-9.]+\], humans -0\.49 \[[-0-9.]+, [-0-9.]+\], 8 items/);
  });

  it('is undefined, with a reason, for a nominal scale, constant lengths or scores, and fewer than 3 items', () => {
    let store = build(texts, JUDGE, H1, H2);
    let r = computeCalibration(store, 'rev', { resamples: 50 });
    store.close();
    const nominal = r.criteria.find((c) => c.criterion === 'kind')!.judges[0]!.length_bias;
    expect(nominal.judge).toEqual({ value: null, reason: 'a correlation with length needs an ordinal scale' });

    store = build(LENGTHS.map(() => 'same'), JUDGE, H1, H2);
    r = computeCalibration(store, 'rev', { resamples: 50 });
    store.close();
    const flat = r.criteria[0]!.judges[0]!.length_bias;
    expect(flat.judge).toEqual({ value: null, reason: 'every output has the same length' });
    expect(flat.humans).toEqual({ value: null, reason: 'every output has the same length' });
    expect(formatCalibration(r)).toContain('run (mock:long): — (every output has the same length), 8 items');

    store = build(texts, LENGTHS.map(() => 3), H1, H2);
    r = computeCalibration(store, 'rev', { resamples: 50 });
    store.close();
    const constJudge = r.criteria[0]!.judges[0]!.length_bias;
    expect(constJudge.judge).toEqual({ value: null, reason: 'every item has the same score' });
    expect(constJudge.humans.value).toBeCloseTo(-0.4940117600296769, 12);

    store = build(texts.slice(0, 2), JUDGE, H1, H2);
    r = computeCalibration(store, 'rev', { resamples: 50 });
    store.close();
    expect(r.criteria[0]!.judges[0]!.length_bias.judge).toEqual({
      value: null, reason: 'needs at least 3 items with a judge score, a human label and an output text, got 2',
    });
  });
});
