import { describe, expect, it } from 'vitest';
import { ALTMAN, FLEISS_SCALE, LANDIS_KOCH, benchmark, landisKoch } from '../../src/stats/landis-koch.js';
import { loadVector } from './vectors.js';

describe('landisKoch', () => {
  it('encodes the same bands as the irrCAC scale table', () => {
    const v = loadVector('landis_koch_thresholds_and_benchmarking.json');
    expect(LANDIS_KOCH.map((b) => ({ range: [b.lower, b.upper], label: b.label }))).toEqual(v.data.landis_koch_scale);
    expect(ALTMAN.map((b) => [b.lower, b.upper, b.label])).toEqual(v.data.altman_scale);
    expect(FLEISS_SCALE.map((b) => [b.lower, b.upper, b.label])).toEqual(v.data.fleiss_scale_irrCAC);
  });

  it('names bands upper-inclusive as in Landis & Koch (1977): 0.60 Moderate, 0.61 Substantial, 0 Slight', () => {
    expect(landisKoch(0.6)).toBe('Moderate');
    expect(landisKoch(0.61)).toBe('Substantial');
    expect(landisKoch(0)).toBe('Slight');
    expect(landisKoch(-0.05)).toBe('Poor');
    expect(landisKoch(0.95)).toBe('Almost Perfect');
    expect(landisKoch(1)).toBe('Almost Perfect');
    expect(landisKoch(0.3)).toBe('Fair');
    expect(landisKoch(null)).toBeNull();
  });
});

describe('benchmark (irrCAC cumulative membership probability)', () => {
  it('reproduces irrCAC for coeff 0.67, se 0.15 on Landis-Koch and Altman (5 dp) and picks Moderate', () => {
    const v = loadVector('landis_koch_thresholds_and_benchmarking.json');
    const { coeff, se } = v.data.benchmark_input;
    const lk = benchmark(coeff, se, LANDIS_KOCH);
    expect(lk.bands.map((b) => Number(b.cumulativeProbability.toFixed(5)))).toEqual(v.expected.landis_koch_cumprob);
    expect(lk.label).toBe('Moderate');
    const al = benchmark(coeff, se, ALTMAN);
    expect(al.bands.map((b) => Number(b.cumulativeProbability.toFixed(5)))).toEqual(v.expected.altman_cumprob);
    expect(al.label).toBe('Moderate');
  });

  it('with a tiny SE the benchmark band is the plain band', () => {
    expect(benchmark(0.67, 0.001).label).toBe('Substantial');
  });
});
