import { describe, expect, it } from 'vitest';
import { raterAlpha } from '../../src/stats/rater-alpha.js';

/**
 * Reference values: test/fixtures/scripts/krippendorff-alpha-retest.py (Krippendorff's alpha in
 * exact fractions from the coincidence matrix, written independently of src/stats): the judge
 * panel rows of test/runner/panel-summary.test.ts give ordinal 9131/12264 and nominal 11/24.
 */
describe('raterAlpha (outputs as units, judges or asks as raters)', () => {
  it('gives the reference alphas, rounded to 4 places, and counts the outputs with two or more ratings', () => {
    const ordinal = raterAlpha([[5, 4, 5], [2, 2, 3], [4, null, 4], [1, 2, 1], [3, 3, 5]], 3, 'ordinal');
    expect(ordinal.outputs).toBe(5);
    expect(ordinal.alpha.value).toBe(Math.round((9131 / 12264) * 10_000) / 10_000);
    // a short row is padded with missing ratings: [0] alone is not a usable unit
    const nominal = raterAlpha([[0, 0, 1], [1, 1, 1], [0, null, 0], [1, 0, 1], [0, 0, 0], [0]], 3, 'nominal');
    expect(nominal.outputs).toBe(5);
    expect(nominal.alpha.value).toBe(Math.round((11 / 24) * 10_000) / 10_000);
  });

  it('is undefined, with the reason, when no output has two ratings', () => {
    const r = raterAlpha([[1, null], [null, 2]], 2, 'ordinal');
    expect(r.outputs).toBe(0);
    expect(r.alpha.value).toBeNull();
    expect('reason' in r.alpha && r.alpha.reason.length).toBeGreaterThan(0);
  });
});
