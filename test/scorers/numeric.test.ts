import { describe, expect, it } from 'vitest';
import { firstNumber } from '../../src/scorers/numeric.js';
import { kase, scorerFrom } from './helpers.js';

describe('firstNumber', () => {
  it('reads the first number, with signs, decimals, thousands separators and exponents', () => {
    expect(firstNumber('The total is 1,234.5 dollars, not 7')).toBe(1234.5);
    expect(firstNumber('about -3.25 degrees')).toBe(-3.25);
    expect(firstNumber('x = 6.02e23')).toBe(6.02e23);
    expect(firstNumber('.5 of it')).toBe(0.5);
    expect(firstNumber('none here')).toBeNull();
  });
});

describe('numeric', () => {
  it('exact by default', async () => {
    const s = scorerFrom('  - numeric');
    expect(await s.score('It is 42.', kase({ id: 'a', expected: 42 }))).toEqual([
      { scorer: 'numeric', criterion: 'numeric', value: 1, passed: true, reason: '42 ≈ 42' },
    ]);
    expect(await s.score('It is 43.', kase({ id: 'a', expected: '42' }))).toEqual([
      { scorer: 'numeric', criterion: 'numeric', value: 0, passed: false, reason: 'got 43, expected 42' },
    ]);
  });

  it('absolute tolerance', async () => {
    const s = scorerFrom('  - numeric: { tolerance: 0.5 }');
    expect((await s.score('3.4', kase({ id: 'a', expected: 3 })))[0]!.value).toBe(1);
    expect(await s.score('3.6', kase({ id: 'a', expected: 3 }))).toEqual([
      { scorer: 'numeric', criterion: 'numeric', value: 0, passed: false, reason: 'got 3.6, expected 3 (tolerance 0.5)' },
    ]);
  });

  it('relative tolerance, as "5%" or relative_tolerance', async () => {
    const pct = scorerFrom('  - numeric: "5%"');
    expect((await pct.score('104', kase({ id: 'a', expected: 100 })))[0]!.value).toBe(1);
    expect(await pct.score('106', kase({ id: 'a', expected: 100 }))).toEqual([
      { scorer: 'numeric', criterion: 'numeric', value: 0, passed: false, reason: 'got 106, expected 100 (tolerance 5%)' },
    ]);
    const rel = scorerFrom('  - numeric: { relative_tolerance: 0.1 }');
    expect((await rel.score('-1,090', kase({ id: 'a', expected: -1000 })))[0]!.value).toBe(1);
    expect((await rel.score('-1,110', kase({ id: 'a', expected: -1000 })))[0]!.value).toBe(0);
  });

  it('no number in the output fails; no numeric expected value is unscored', async () => {
    const s = scorerFrom('  - numeric');
    expect(await s.score('about a dozen', kase({ id: 'a', expected: 12 }))).toEqual([
      { scorer: 'numeric', criterion: 'numeric', value: 0, passed: false, reason: 'no number in output "about a dozen"' },
    ]);
    expect((await s.score('12', kase({ id: 'b', expected: 'twelve' })))[0]).toEqual({
      scorer: 'numeric',
      criterion: 'numeric',
      value: null,
      reason: 'case "b" has no numeric expected value',
    });
  });
});
