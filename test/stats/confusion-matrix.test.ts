import { describe, expect, it } from 'vitest';
import { confusionMatrix } from '../../src/stats/confusion-matrix.js';

describe('confusionMatrix', () => {
  it('puts the human (reference) on rows and the judge on columns, counting unscored pairs apart', () => {
    const human = [0, 0, 1, 2, 2, null, 1];
    const judge = [0, 1, 1, 2, 1, 2, null];
    expect(confusionMatrix(human, judge, 3)).toEqual({ matrix: [[1, 1, 0], [0, 1, 0], [0, 1, 1]], n: 5, dropped: 2 });
  });
  it('throws on indices outside the scale', () => {
    expect(() => confusionMatrix([3], [0], 3)).toThrow(RangeError);
    expect(() => confusionMatrix([0, 1], [0], 3)).toThrow(RangeError);
  });
});
