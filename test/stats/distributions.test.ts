import { describe, expect, it } from 'vitest';
import { normalCdf, studentTCdf, studentTQuantile } from '../../src/stats/distributions.js';

// Reference values: scipy 1.17.1 (stats.norm.cdf, stats.t.cdf, stats.t.ppf).
describe('distributions', () => {
  it('normalCdf matches scipy to 1e-14', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normalCdf(-3.3)).toBeCloseTo(0.00048342414238377744, 15);
    expect(normalCdf(0)).toBe(0.5);
  });
  it('Student t CDF and quantile match scipy', () => {
    expect(studentTCdf(2, 3)).toBeCloseTo(0.9303370157205785, 12);
    expect(studentTQuantile(0.975, 11)).toBeCloseTo(2.200985160091639, 10);
    expect(studentTQuantile(0.025, 11)).toBeCloseTo(-2.200985160091639, 10);
  });
});
