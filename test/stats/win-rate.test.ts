import { describe, expect, it } from 'vitest';
import { winRate } from '../../src/stats/win-rate.js';

describe('winRate', () => {
  it('is over decided pairs with the Wilson interval (R prop.test without correction)', () => {
    // R 4.2.2 prop.test(12, 16, correct = FALSE)$conf.int: 0.5050168346 0.8981793251
    const r = winRate(12, 4, 4);
    expect(r.tie_rate).toBe(0.2);
    if (r.win_rate.value === null) throw new Error(r.win_rate.reason);
    expect(r.win_rate.value).toBe(0.75);
    expect(r.win_rate.n).toBe(16);
    expect(r.win_rate.ci95[0]).toBeCloseTo(0.5050168346, 9);
    expect(r.win_rate.ci95[1]).toBeCloseTo(0.8981793251, 9);
  });

  it('all ties or nothing compared: the rate is undefined with a reason', () => {
    expect(winRate(0, 5, 0).win_rate).toEqual({ value: null, reason: 'every pair was a tie', n: 0 });
    expect(winRate(0, 0, 0)).toMatchObject({ tie_rate: null, win_rate: { value: null, reason: 'no pairs compared' } });
    expect(() => winRate(1.5, 0, 0)).toThrow(RangeError);
  });
});
