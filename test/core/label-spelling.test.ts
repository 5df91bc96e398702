import { describe, expect, it } from 'vitest';
import { canonicalNumber, looseNumber, normaliseLabel } from '../../src/core/label-spelling.js';

describe('label spellings', () => {
  it('canonical decimal numbers, exact on the digits', () => {
    const cases: Array<[string, string]> = [
      ['4', '4'], ['4.0', '4'], ['04', '4'], ['0', '0'], ['-0', '0'], ['-0.0', '0'], ['2.50', '2.5'], ['-3', '-3'],
      ['0.5', '0.5'], ['10', '10'], ['100.000', '100'], ['12345678901234567890.1', '12345678901234567890.1'],
    ];
    for (const [input, want] of cases) expect(canonicalNumber(input), input).toBe(want);
  });

  it('everything else JavaScript would read as a number is not one', () => {
    for (const s of ['', ' ', '\n', '0x10', '0b1', '0o7', '5e0', '1E3', '+5', '.5', '5.', '1,5', '1_000', 'Infinity', 'NaN', '- 5', '٣']) {
      expect(canonicalNumber(s), JSON.stringify(s)).toBeNull();
    }
    expect(looseNumber('0x10')).toBe(true);
    expect(looseNumber('5e0')).toBe(true);
    expect(looseNumber('+5')).toBe(true);
    expect(looseNumber('5')).toBe(false);
    expect(looseNumber('yes')).toBe(false);
    expect(looseNumber(' ')).toBe(false);
  });

  it('normaliseLabel trims, applies NFC, and canonicalises numbers', () => {
    expect(normaliseLabel(' 4.0 ')).toBe('4');
    expect(normaliseLabel('cafe\u0301')).toBe('caf\u00e9');
    expect(normaliseLabel('0x10')).toBe('0x10');
  });
});
