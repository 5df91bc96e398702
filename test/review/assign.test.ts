import { describe, expect, it } from 'vitest';
import { assignItems, sampleIds } from '../../src/review/assign.js';

describe('assignItems', () => {
  it('gives every item k distinct annotators and balances loads within 1', () => {
    for (const [n, m, k] of [[10, 3, 2], [101, 7, 3], [5, 5, 5], [1, 4, 1], [37, 4, 3]] as const) {
      const people = Array.from({ length: m }, (_, i) => `a${i}`);
      const result = assignItems(n, people, k, 42);
      expect(result).toHaveLength(n);
      for (const item of result) {
        expect(item).toHaveLength(k);
        expect(new Set(item).size).toBe(k);
      }
      const loads = people.map((p) => result.filter((item) => item.includes(p)).length);
      expect(loads.reduce((a, b) => a + b, 0)).toBe(n * k);
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    }
  });

  it('is reproducible from the seed, and different seeds pair people differently', () => {
    const people = ['ann', 'bob', 'cat', 'dan'];
    expect(assignItems(20, people, 2, 'seed')).toEqual(assignItems(20, people, 2, 'seed'));
    expect(assignItems(20, people, 2, 1)).not.toEqual(assignItems(20, people, 2, 2));
    // with 4 people and overlap 2 over 60 items, every one of the 6 pairs occurs
    const pairs = new Set(assignItems(60, people, 2, 3).map((p) => p.join('+')));
    expect(pairs.size).toBe(6);
  });

  it('keeps the caller\'s annotator order inside each item', () => {
    const people = ['zed', 'amy', 'kim'];
    for (const item of assignItems(9, people, 2, 1)) {
      expect(item).toEqual(people.filter((p) => item.includes(p)));
    }
  });

  it('refuses impossible requests with a clear message', () => {
    expect(() => assignItems(3, ['a', 'b'], 3)).toThrow('overlap 3 needs at least 3 annotators, but only 2 are available');
    expect(() => assignItems(3, ['a'], 0)).toThrow('overlap must be a positive integer');
    expect(() => assignItems(3, ['a', 'a'], 1)).toThrow('listed twice');
  });
});

describe('sampleIds', () => {
  const ids = Array.from({ length: 100 }, (_, i) => i * 10);
  it('takes n distinct ids in their original order, reproducibly', () => {
    const s = sampleIds(ids, 12, 99);
    expect(s).toHaveLength(12);
    expect(new Set(s).size).toBe(12);
    expect([...s].sort((a, b) => a - b)).toEqual(s);
    expect(s.every((x) => ids.includes(x))).toBe(true);
    expect(sampleIds(ids, 12, 99)).toEqual(s);
    expect(sampleIds(ids, 12, 100)).not.toEqual(s);
  });
  it('returns everything without n or when n is large', () => {
    expect(sampleIds(ids, undefined, 1)).toEqual(ids);
    expect(sampleIds(ids, 500, 1)).toEqual(ids);
    expect(() => sampleIds(ids, 0, 1)).toThrow('--sample must be a positive integer');
  });
});
