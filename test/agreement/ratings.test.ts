import { describe, expect, it } from 'vitest';
import { ItemIds, RatingsBuilder, type RatingPattern } from '../../src/agreement/ratings.js';

/**
 * RatingsBuilder keeps ratings in typed columns and groups items into patterns by a numeric key
 * (a string key when that number would pass 2^53). The reference here is the plain way: per item a
 * list of (rater, category) in rater order, grouped by its text, patterns in first-seen order.
 */

type Row = [item: string, rater: string, label: string];

function reference(rows: Row[]): { raters: string[]; patterns: RatingPattern[] } {
  const raters: string[] = [];
  const cats: string[] = [];
  const perItem = new Map<string, Map<number, number>>();
  for (const [item, rater, label] of rows) {
    if (!raters.includes(rater)) raters.push(rater);
    const r = raters.indexOf(rater);
    const m = perItem.get(item) ?? new Map<number, number>();
    perItem.set(item, m);
    if (m.has(r)) continue;
    if (!cats.includes(label)) cats.push(label);
    m.set(r, cats.indexOf(label));
  }
  // categories in numeric order, as the builder orders observed numbers
  const sorted = [...cats].sort((a, b) => Number(a) - Number(b));
  const byKey = new Map<string, RatingPattern>();
  for (const m of perItem.values()) {
    const ratings = [...m].sort((a, b) => a[0] - b[0]).map(([r, c]): [number, number] => [r, sorted.indexOf(cats[c]!)]);
    const key = JSON.stringify(ratings);
    const p = byKey.get(key);
    if (p) p.items += 1;
    else byKey.set(key, { ratings, items: 1 });
  }
  return { raters, patterns: [...byKey.values()] };
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('RatingsBuilder', () => {
  it('groups items into the same patterns, in the same order, as grouping by text: shuffled rows, items on two criteria', () => {
    const rand = lcg(7);
    const rows: Record<string, Row[]> = { acc: [], help: [] };
    const all: Array<[string, Row]> = [];
    for (let i = 0; i < 3000; i++) {
      for (const crit of ['acc', 'help']) {
        const n = 1 + Math.floor(rand() * 4);
        for (let k = 0; k < n; k++) all.push([crit, [`q${i}`, `r${Math.floor(rand() * 6)}`, String(1 + Math.floor(rand() * 5))]]);
      }
    }
    // not grouped by item: every item's ratings scattered over the file
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    const items = new ItemIds();
    const builders = { acc: new RatingsBuilder('acc', [], false, items), help: new RatingsBuilder('help', [], false, items) };
    let duplicates = 0;
    all.forEach(([crit, row], line) => {
      rows[crit]!.push(row);
      if (builders[crit as 'acc' | 'help'].add(row[0], row[1], row[2], line + 2)) duplicates++;
    });
    expect(duplicates).toBeGreaterThan(100);
    for (const crit of ['acc', 'help'] as const) {
      const got = builders[crit].finish();
      const want = reference(rows[crit]!);
      expect(got.raters).toEqual(want.raters);
      expect(got.patterns).toEqual(want.patterns);
      expect(got.patterns.reduce((n, p) => n + p.items, 0)).toBe(3000);
    }
  });

  it('many raters on each item (a key past 2^53): the string key groups the same', () => {
    const rand = lcg(11);
    const rows: Row[] = [];
    for (let i = 0; i < 400; i++) for (let r = 0; r < 40; r += 1 + Math.floor(rand() * 3)) rows.push([`q${i % 150}`, `r${r}`, String(Math.floor(rand() * 2) * 29 + 1)]);
    const b = new RatingsBuilder('x');
    for (const [i, [item, rater, label]] of rows.entries()) b.add(item, rater, label, i);
    const got = b.finish();
    const want = reference(rows);
    expect(got.patterns).toEqual(want.patterns);
    expect(got.patterns.length).toBeGreaterThan(1);
  });

  it('a rater\'s second label for an item is refused with the first one and its line', () => {
    const b = new RatingsBuilder('x');
    expect(b.add('q1', 'ann', '4', 2)).toBeUndefined();
    expect(b.add('q2', 'ann', '3', 3)).toBeUndefined();
    expect(b.add('q1', 'ann', '5', 4)).toEqual({ label: '4', line: 2 });
    expect(b.finish().categories).toEqual(['3', '4']);
  });
});
