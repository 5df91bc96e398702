/**
 * The weighted ("FromPatterns") entry points against the plain count-table ones: collapsing a
 * table into distinct rows + frequencies must not change any figure (value, SE, CI, pa, pe) beyond
 * floating-point reassociation (1e-12), on the published reference vectors, on real human ratings
 * (SQuALITY) and on random tables. Each case also checks that collapsing really merged rows, so the
 * weighted code path is exercised, not just the f = 1 one.
 */
import { describe, expect, it } from 'vitest';
import {
  brennanPrediger, brennanPredigerFromPatterns, countPatterns, fleissKappa, fleissKappaFromPatterns, gwetAc,
  gwetAcFromPatterns, itemCategoryCounts, krippendorffAlpha, krippendorffAlphaFromCounts, krippendorffAlphaFromPatterns,
  percentAgreement, percentAgreementFromPatterns, weightMatrix, type AlphaLevel, type StatResult,
} from '../../src/stats/index.js';
import { loadVector, raw4ratersCounts, squalityMatrices, transpose } from './vectors.js';

const TOL = 1e-12;
const LEVELS: AlphaLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** Every numeric field of a result, so a difference in se, ci95, pa or pe fails too. */
function fields(r: StatResult): Record<string, number | null> {
  if (r.value === null) return { value: null };
  const c = r as StatResult & { pa?: number; pe?: number };
  return {
    value: r.value,
    se: r.se ?? null,
    lo: r.ci95?.[0] ?? null,
    hi: r.ci95?.[1] ?? null,
    pa: c.pa ?? null,
    pe: c.pe ?? null,
  };
}

function expectSame(weighted: StatResult, plain: StatResult, what: string): void {
  const w = fields(weighted);
  const p = fields(plain);
  expect(Object.keys(w), what).toEqual(Object.keys(p));
  for (const key of Object.keys(p)) {
    if (p[key] === null) expect(w[key], `${what} ${key}`).toBeNull();
    else expect(Math.abs(w[key]! - p[key]!), `${what} ${key}: ${w[key]} vs ${p[key]}`).toBeLessThan(TOL);
  }
}

/** All multi-rater coefficients of a count table, both ways (weights: none, linear, quadratic). */
function expectAllSame(counts: number[][], what: string): void {
  const pat = countPatterns(counts);
  expect(pat.counts.length, `${what}: collapsing merged no rows`).toBeLessThan(counts.length);
  expect(pat.freq.reduce((a, b) => a + b, 0)).toBe(counts.length);
  const q = counts[0]!.length;
  expectSame(percentAgreementFromPatterns(pat), percentAgreement(counts), `${what} percent`);
  for (const scheme of ['none', 'linear', 'quadratic'] as const) {
    const w = weightMatrix(q, scheme);
    expectSame(fleissKappaFromPatterns(pat, { weights: w }), fleissKappa(counts, { weights: w }), `${what} fleiss ${scheme}`);
    expectSame(gwetAcFromPatterns(pat, { weights: scheme }), gwetAc(counts, { weights: scheme }), `${what} gwet ${scheme}`);
    expectSame(brennanPredigerFromPatterns(pat, { weights: w }), brennanPrediger(counts, { weights: w }), `${what} bp ${scheme}`);
  }
  for (const level of LEVELS) {
    const values = Array.from({ length: q }, (_, j) => j + 1); // ratio needs positive values
    expectSame(
      krippendorffAlphaFromPatterns(pat, { level, values }),
      krippendorffAlphaFromCounts(counts, { level, values }),
      `${what} alpha ${level}`,
    );
  }
}

function squalityCriteria(): (number | null)[][][] {
  const { matrix } = squalityMatrices();
  return ['correctness', 'selection', 'overall'].map(matrix);
}

describe('*FromPatterns equal the plain count-table statistics', () => {
  it('on irrCAC raw_4raters (unequal ratings per item)', () => {
    expectAllSame(raw4ratersCounts(), 'raw4raters');
  });

  it('on the Fleiss (1971) Wikipedia table and the Fleiss/Randolph small tables that repeat rows', () => {
    // its 10 rows are all distinct, so it is taken twice (the same items rated by a second panel)
    const wiki: number[][] = loadVector('fleiss_kappa_wikipedia_example.json').data.counts_subject_by_category;
    expectAllSame([...wiki, ...wiki], 'wikipedia x2');
    const tables: number[][][] = loadVector('fleiss_randolph_small_tables.json').data.tables_subject_by_category;
    let merged = 0;
    for (const [i, t] of tables.entries()) {
      if (countPatterns(t).counts.length === t.length) continue;
      expectAllSame(t, `small table ${i}`);
      merged++;
    }
    expect(merged).toBeGreaterThan(0);
  });

  it('on Krippendorff (2011) reliability data, every level, values 1..5', () => {
    const items = transpose(loadVector('krippendorff2011_reliability_data.json').data.reliability_data_coders_by_units as (number | null)[][]);
    const counts = itemCategoryCounts(items.map((row) => row.map((v) => (v === null ? null : v - 1))), 5);
    expectAllSame(counts, 'krippendorff2011');
    // and the weighted alpha still reproduces the published interval value (1e-12)
    const pat = countPatterns(counts);
    expect(Math.abs(krippendorffAlphaFromPatterns(pat, { level: 'interval', values: [1, 2, 3, 4, 5] }).value! - 0.8491071428571428)).toBeLessThan(TOL);
  });

  it('on SQuALITY human ratings: 0-100 scores binned to 5 bands, and alpha over the raw 0-100 values', () => {
    for (const [c, m] of squalityCriteria().entries()) {
      const binned = m.map((row) => row.map((v) => (v === null ? null : Math.min(4, Math.floor(v / 20)))));
      expectAllSame(itemCategoryCounts(binned, 5), `squality ${c} binned`);
      const values = [...new Set(m.flat().filter((v): v is number => v !== null))].sort((a, b) => a - b);
      const counts = m.map((row) => values.map((v) => row.filter((x) => x === v).length));
      const pat = countPatterns(counts);
      expect(pat.counts.length).toBeLessThan(counts.length);
      for (const level of ['nominal', 'ordinal', 'interval'] as const) {
        expectSame(krippendorffAlphaFromPatterns(pat, { level, values }), krippendorffAlpha(m, { level }), `squality ${c} alpha ${level}`);
      }
    }
  });

  it('on random tables given as arbitrary (not collapsed) rows with frequencies, zero frequencies included', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 40; trial++) {
      const q = 2 + Math.floor(rand() * 4);
      const rows = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Array.from({ length: q }, () => Math.floor(rand() * 3)));
      const freq = rows.map(() => Math.floor(rand() * 5));
      const expanded = rows.flatMap((row, j) => Array.from({ length: freq[j]! }, () => row));
      const table = { counts: rows, freq };
      const what = `trial ${trial}`;
      expectSame(percentAgreementFromPatterns(table), percentAgreement(expanded), `${what} percent`);
      expectSame(fleissKappaFromPatterns(table), fleissKappa(expanded), `${what} fleiss`);
      expectSame(gwetAcFromPatterns(table, { weights: 'quadratic' }), gwetAc(expanded, { weights: 'quadratic' }), `${what} gwet`);
      expectSame(brennanPredigerFromPatterns(table), brennanPrediger(expanded), `${what} bp`);
      for (const level of LEVELS) {
        const values = Array.from({ length: q }, (_, j) => j + 1);
        expectSame(krippendorffAlphaFromPatterns(table, { level, values }), krippendorffAlphaFromCounts(expanded, { level, values }), `${what} alpha ${level}`);
      }
    }
  });

  it('rejects frequencies that are not one non-negative integer per row', () => {
    const counts = [[2, 0], [1, 1]];
    expect(() => fleissKappaFromPatterns({ counts, freq: [1] })).toThrow(RangeError);
    expect(() => gwetAcFromPatterns({ counts, freq: [1, -1] })).toThrow('frequencies must be integers >= 0, got -1');
    expect(() => percentAgreementFromPatterns({ counts, freq: [1, 0.5] })).toThrow(RangeError);
    expect(() => krippendorffAlphaFromPatterns({ counts, freq: [1, Number.NaN] }, { level: 'nominal' })).toThrow(RangeError);
    // all-zero frequencies leave nothing to rate
    expect(fleissKappaFromPatterns({ counts, freq: [0, 0] }).value).toBeNull();
  });

  it('countPatterns keeps first-appearance order and counts each distinct row', () => {
    expect(countPatterns([[2, 1], [0, 3], [2, 1], [2, 1]])).toEqual({ counts: [[2, 1], [0, 3]], freq: [3, 1] });
    expect(countPatterns([])).toEqual({ counts: [], freq: [] });
  });
});
