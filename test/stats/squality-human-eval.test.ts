/**
 * Real human ratings: SQuALITY human evaluation (Wang et al. 2022, CC BY 4.0), 300 responses
 * (20 passages x 5 questions x 3 systems), each rated 0-100 by 3 of 4 reviewers on correctness,
 * coverage ("selection") and overall (test/fixtures/squality/ratings.jsonl). Two independent references for every number:
 * 1. a naive O(n^2) pairwise implementation written here from the textbook definitions, asserted to 1e-9;
 * 2. the values an independent numpy script (numpy 2.4.6, run by the author of this file, also written
 *    from the definitions: alpha = 1 - D_o/D_e by explicit pair sums; Fleiss and Gwet from the count
 *    matrix) printed, asserted to 1e-12.
 */
import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, krippendorffAlphaFromCounts } from '../../src/stats/krippendorff-alpha.js';
import { fleissKappa } from '../../src/stats/fleiss-kappa.js';
import { gwetAc } from '../../src/stats/gwet-ac.js';
import { percentAgreement } from '../../src/stats/percent-agreement.js';
import { itemCategoryCounts } from '../../src/stats/item-counts.js';
import { naiveAlpha } from './naive-alpha.js';
import { defined, squalityMatrices } from './vectors.js';

const CRITERIA = ['correctness', 'selection', 'overall'] as const;

const bin = (v: number | null) => (v === null ? null : Math.min(4, Math.floor(v / 20)));

/** Fleiss (1971) / Gwet AC1 from raters' labels by counting agreeing rater pairs directly. */
function naiveFleissGwet(items: (number | null)[][], q: number): { pa: number; fleiss: number; ac1: number } {
  let paSum = 0;
  let n2 = 0;
  const pi = new Array<number>(q).fill(0);
  const rated = items.filter((row) => row.some((v) => v !== null));
  for (const row of rated) {
    const vals = row.filter((v): v is number => v !== null);
    for (const v of vals) pi[v]! += 1 / vals.length / rated.length;
    if (vals.length < 2) continue;
    let agree = 0;
    for (let a = 0; a < vals.length; a++) for (let b = 0; b < vals.length; b++) if (a !== b && vals[a] === vals[b]) agree++;
    paSum += agree / (vals.length * (vals.length - 1));
    n2++;
  }
  const pa = paSum / n2;
  const peF = pi.reduce((s, p) => s + p * p, 0);
  const peG = pi.reduce((s, p) => s + p * (1 - p), 0) / (q - 1);
  return { pa, fleiss: (pa - peF) / (1 - peF), ac1: (pa - peG) / (1 - peG) };
}

const NUMPY: Record<(typeof CRITERIA)[number], { alpha: number; pa: number; fleiss: number; ac1: number }> = {
  correctness: { alpha: 0.45869185424698766, pa: 0.4511111111111111, fleiss: 0.23702897779730323, ac1: 0.3307437159378883 },
  selection: { alpha: 0.7812748027113983, pa: 0.6, fleiss: 0.43594296756672063, ac1: 0.5138036982431656 },
  overall: { alpha: 0.7982558872161953, pa: 0.5755555555555556, fleiss: 0.4132885534951823, ac1: 0.48184302918363153 },
};

describe('SQuALITY human evaluation (300 responses x 3 of 4 reviewers)', () => {
  const { workers, matrix } = squalityMatrices();

  it('has the documented shape: 300 items, 4 reviewers, 3 ratings per item', () => {
    const m = matrix('overall');
    expect(m).toHaveLength(300);
    expect(workers).toHaveLength(4);
    expect(m.every((row) => row.filter((v) => v !== null).length === 3)).toBe(true);
  });

  it.each(CRITERIA)('interval alpha of %s equals the naive pairwise definition (1e-9) and numpy (1e-12)', (criterion) => {
    const m = matrix(criterion);
    const fast = defined(krippendorffAlpha(m, { level: 'interval' }));
    expect(Math.abs(fast.value - naiveAlpha(m, 'interval'))).toBeLessThan(1e-9);
    expect(Math.abs(fast.value - NUMPY[criterion].alpha)).toBeLessThan(1e-12);
    expect(fast.se).toBeGreaterThan(0);
    // The same statistic from GROUP BY-style counts over the distinct 0-100 values.
    const values = [...new Set(m.flat().filter((v): v is number => v !== null))].sort((a, b) => a - b);
    const counts = m.map((row) => values.map((v) => row.filter((x) => x === v).length));
    expect(krippendorffAlphaFromCounts(counts, { level: 'interval', values }).value).toBeCloseTo(fast.value, 12);
  });

  it.each(CRITERIA)('ordinal and ratio alpha of %s equal the naive definition (1e-9)', (criterion) => {
    const m = matrix(criterion);
    for (const level of ['ordinal', 'ratio', 'nominal'] as const) {
      expect(Math.abs(defined(krippendorffAlpha(m, { level })).value - naiveAlpha(m, level))).toBeLessThan(1e-9);
    }
  });

  it.each(CRITERIA)('Fleiss, Gwet AC1 and percent agreement of %s binned into 5 bands equal naive pair counting', (criterion) => {
    const binned = matrix(criterion).map((row) => row.map(bin));
    const counts = itemCategoryCounts(binned, 5);
    const naive = naiveFleissGwet(binned, 5);
    expect(Math.abs(defined(percentAgreement(counts)).value - naive.pa)).toBeLessThan(1e-9);
    expect(Math.abs(defined(fleissKappa(counts)).value - naive.fleiss)).toBeLessThan(1e-9);
    expect(Math.abs(defined(gwetAc(counts)).value - naive.ac1)).toBeLessThan(1e-9);
    expect(Math.abs(defined(fleissKappa(counts)).value - NUMPY[criterion].fleiss)).toBeLessThan(1e-12);
    expect(Math.abs(defined(gwetAc(counts)).value - NUMPY[criterion].ac1)).toBeLessThan(1e-12);
    expect(Math.abs(defined(percentAgreement(counts)).value - NUMPY[criterion].pa)).toBeLessThan(1e-12);
  });
});
