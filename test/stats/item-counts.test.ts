import { describe, expect, it } from 'vitest';
import { itemCategoryCounts } from '../../src/stats/item-counts.js';

describe('itemCategoryCounts', () => {
  it('counts each item\'s ratings per category, skipping missing ones', () => {
    expect(itemCategoryCounts([[0, 0, 2], [null, 1, 1], [null, null, null]], 3)).toEqual([[2, 0, 1], [0, 2, 0], [0, 0, 0]]);
  });
  it('throws on an index outside the scale', () => {
    expect(() => itemCategoryCounts([[3]], 3)).toThrow(RangeError);
    expect(() => itemCategoryCounts([[1.5]], 3)).toThrow(RangeError);
  });
});
