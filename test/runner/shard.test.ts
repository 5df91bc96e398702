import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { inShard, parseShard, shardInfo, shardOf } from '../../src/runner/shard.js';
import { makeCases } from './support.js';

describe('parseShard', () => {
  it('reads i/n, 1-based', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
  });

  it.each(['0/3', '4/3', '3', 'a/b', '1/0', '-1/2', '1.5/3', '1/10001'])('refuses %s with one line', (raw) => {
    expect(() => parseShard(raw)).toThrow(ConfigError);
    expect(() => parseShard(raw)).toThrow(`--shard must be i/n with 1 <= i <= n <= 10000 (e.g. 2/3), got "${raw}"`);
  });
});

describe('shardOf', () => {
  it('is the first 48 bits of sha256(id) mod n, plus 1', () => {
    // reference: python3 -c "import hashlib; h=hashlib.sha256(ID.encode()).digest(); print(int.from_bytes(h[:6],'big') % N + 1)"
    expect(shardOf('c0', 3)).toBe(2);
    expect(shardOf('q17', 3)).toBe(2);
    expect(shardOf('case-42', 7)).toBe(5);
    expect(shardOf('2fa', 2)).toBe(1);
    expect(shardOf('héllo', 5)).toBe(1);
  });

  it.each([1, 2, 3, 7])('the %i shards together are the whole suite, with no case in two', (n) => {
    const ids = makeCases(1000).map((c) => c.id);
    const slices = Array.from({ length: n }, (_, i) => ids.filter((id) => inShard(id, { index: i + 1, count: n })));
    const union = slices.flat();
    expect(union).toHaveLength(ids.length);
    expect(new Set(union).size).toBe(ids.length);
    // a hash spreads evenly enough for a CI matrix: every shard within 25% of its fair share
    for (const s of slices) expect(Math.abs(s.length - 1000 / n)).toBeLessThan(250 / n + 20);
  });

  it('depends on the id only: reordering and adding cases move no existing case', () => {
    const before = new Map(makeCases(300).map((c) => [c.id, shardOf(c.id, 4)]));
    const after = [...makeCases(500)].reverse();
    for (const c of after) if (before.has(c.id)) expect(shardOf(c.id, 4)).toBe(before.get(c.id));
  });
});

describe('shardInfo', () => {
  it('fingerprints the whole suite: the same cases agree, an edited case does not', () => {
    const cases = makeCases(20);
    const a = shardInfo(cases, { index: 1, count: 2 });
    expect(a).toMatchObject({ index: 1, count: 2, suiteCases: 20 });
    expect(shardInfo(makeCases(20), { index: 2, count: 2 }).fingerprint).toBe(a.fingerprint);
    const edited = makeCases(20);
    edited[5] = { ...edited[5]!, expected: 'something else' };
    expect(shardInfo(edited, { index: 2, count: 2 }).fingerprint).not.toBe(a.fingerprint);
  });
});
