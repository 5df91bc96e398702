import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/stats/wilson.js';

/**
 * References: statsmodels 0.13.5 `proportion_confint(s, n, alpha=0.05, method='wilson')` (and R 4.2
 * `prop.test(s, n, correct = FALSE)$conf.int`, identical to 15 digits for 60/80), plus the published
 * Wilson (method 3) intervals of Newcombe (1998), Statistics in Medicine 17:857-872, Table I.
 */
describe('wilsonInterval', () => {
  const cases: Array<[number, number, number, number]> = [
    [60, 80, 0.6451532538076602, 0.8319376814245761],
    [48, 80, 0.4904546500516038, 0.7003817240412906],
    [81, 263, 0.2552885198782742, 0.36620957698280004], // Newcombe: 0.2553, 0.3662
    [15, 148, 0.06238639953073628, 0.16048724172330803], // Newcombe: 0.0624, 0.1605
    [0, 20, 0, 0.1611251580528194], // Newcombe: 0.0000, 0.1611
    [1, 29, 0.006113214292762667, 0.17175521879320294], // Newcombe: 0.0061, 0.1718
    [29, 29, 0.8830302015002592, 1],
    [3, 10, 0.10779126740630104, 0.6032218525388546],
    // statsmodels to 6 places (collected by another engineer): 25/40, 20/24, 5/16
    [25, 40, 0.470324, 0.75777],
    [20, 24, 0.641469, 0.933213],
    [5, 16, 0.141646, 0.555956],
  ];
  it.each(cases)('%i of %i matches statsmodels', (s, n, lo, hi) => {
    const r = wilsonInterval(s, n);
    if (r.value === null) throw new Error(r.reason);
    expect(r.value).toBe(s / n);
    expect(r.n).toBe(n);
    expect(r.ci95[0]).toBeCloseTo(lo, 6);
    expect(r.ci95[1]).toBeCloseTo(hi, 6);
    if (String(lo).length > 10) expect(r.ci95[0]).toBeCloseTo(lo, 12);
  });

  it('60/80 is [0.6452, 0.8319] to four places (the contract example rounds it to [0.645, 0.831])', () => {
    const r = wilsonInterval(60, 80);
    expect(r.value === null ? null : r.ci95.map((x) => x.toFixed(4))).toEqual(['0.6452', '0.8319']);
  });

  it('no cases is undefined with a reason, not NaN; bad counts are a caller bug', () => {
    expect(wilsonInterval(0, 0)).toEqual({ value: null, reason: expect.stringContaining('no cases'), n: 0 });
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
  });
});
