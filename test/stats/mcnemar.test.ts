import { describe, expect, it } from 'vitest';
import { binomialHalfCdf, mcnemarAsymptotic, mcnemarExact } from '../../src/stats/mcnemar.js';

/**
 * References: statsmodels 0.13.5 `mcnemar([[., b], [c, .]], exact=True | exact=False, correction=...)`
 * and R 4.2 `binom.test(min(b, c), b + c)` / `mcnemar.test`. 150 vs 86 is the presidential-approval
 * table of Agresti (2002), Categorical Data Analysis, Table 10.1 (the example of R's ?mcnemar.test:
 * continuity-corrected chi² = 16.818, p = 4.115e-05).
 */
describe('McNemar', () => {
  it('exact: 16 vs 4 is the exact binomial two-sided p = 12392 / 2^20', () => {
    // 2 · (C(20,0)+C(20,1)+...+C(20,4)) / 2^20 = 2 · 6196 / 1048576
    expect(mcnemarExact(16, 4)).toEqual({ b: 16, c: 4, p_value: 0.01181793212890625, method: 'exact' });
    expect(mcnemarExact(4, 16).p_value).toBe(0.01181793212890625);
  });

  const refs: Array<[number, number, number, number, number]> = [
    // b, c, exact, corrected, uncorrected
    [16, 4, 0.01181793212890625, 0.013906296895346027, 0.0072903580915356595],
    [150, 86, 3.715936139571387e-5, 4.114562281345944e-5, 3.099293441045215e-5],
    [5, 0, 0.0625, 0.07363827012030258, 0.025347318677468325],
    [30, 45, 0.10534226887460482, 0.10596880912720207, 0.08326451666355042],
    [100, 70, 0.02584438758134164, 0.02613509411386816, 0.021397568696919066],
  ];
  it.each(refs)('b=%i c=%i matches statsmodels (exact, corrected, uncorrected)', (b, c, exact, corrected, plain) => {
    expect(mcnemarExact(b, c).p_value).toBeCloseTo(exact, 12);
    expect(mcnemarAsymptotic(b, c).p_value).toBeCloseTo(corrected, 12);
    expect(mcnemarAsymptotic(b, c, { correction: false }).p_value).toBeCloseTo(plain, 12);
  });

  it('the corrected statistic for Agresti Table 10.1 is 16.818 (R ?mcnemar.test)', () => {
    expect(mcnemarAsymptotic(150, 86).statistic).toBeCloseTo(16.81779661016949, 12);
  });

  it('no discordant pairs: p = 1 (nothing to test), not NaN', () => {
    expect(mcnemarExact(0, 0).p_value).toBe(1);
    expect(mcnemarAsymptotic(0, 0).p_value).toBe(1);
    expect(mcnemarExact(3, 3).p_value).toBe(1);
    expect(() => mcnemarExact(-1, 2)).toThrow(RangeError);
  });

  it('binomialHalfCdf agrees between the exact (n <= 50) and the log-space (n > 50) paths', () => {
    // P(X <= 25 | n = 51) = 1/2 by symmetry; P(X <= 30 | n = 100) = 3.92506982279684e-05 (R pbinom(30, 100, .5)).
    expect(binomialHalfCdf(25, 51)).toBeCloseTo(0.5, 12);
    expect(binomialHalfCdf(30, 100)).toBeCloseTo(3.92506982279684e-5, 15);
    expect(binomialHalfCdf(-1, 10)).toBe(0);
    expect(binomialHalfCdf(10, 10)).toBe(1);
  });
});
