import { describe, expect, it } from 'vitest';
import { alphaCell, retestCell } from '../../src/reporters/alpha-text.js';

describe('alpha cells (juror calibrate, the run summary, the panel section)', () => {
  it('shows the alpha with its CI and what it was computed over, or why it is undefined', () => {
    expect(alphaCell({ value: 0.8691, ci95: [0.7731, 0.9655] }, 'ordinal, 4 outputs × 3 judges')).toBe('0.869 [0.773, 0.966] (ordinal, 4 outputs × 3 judges)');
    expect(alphaCell({ value: null, reason: 'no variation' }, 'nominal, 2 outputs × 2 judges')).toBe('— (no variation; nominal, 2 outputs × 2 judges)');
    expect(retestCell({ criterion: 'rubric.x', level: 'ordinal', repeats: 3, outputs: 4, alpha: { value: 0.5 } })).toBe('0.500 (ordinal, 4 outputs × 3 asks)');
  });
});
