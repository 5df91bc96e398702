import { describe, expect, it } from 'vitest';
import { atPath, parseJsonPath } from '../../src/scorers/json-path.js';
import { kase, scorerFrom, suiteWith } from './helpers.js';
import { messageOf } from '../loader/config-error.js';

describe('parseJsonPath / atPath', () => {
  it('reads $.a.b[0], a.b.0 and ["quoted key"]', () => {
    expect(parseJsonPath('$.items[0].name')).toEqual(['items', 0, 'name']);
    expect(parseJsonPath('items.0.name')).toEqual(['items', 0, 'name']);
    expect(parseJsonPath('["a b"].c')).toEqual(['a b', 'c']);
    expect(parseJsonPath('a[x]')).toBe('expected [index] or ["key"] at position 1');
    const doc = { items: [{ name: 'n', v: null }], 'a b': { c: 1 } };
    expect(atPath(doc, ['items', 0, 'name'])).toEqual({ found: true, value: 'n' });
    expect(atPath(doc, ['items', 0, 'v'])).toEqual({ found: true, value: null });
    expect(atPath(doc, ['items', 1, 'name'])).toEqual({ found: false, missing: '$.items[1]' });
    expect(atPath(doc, ['toString'])).toEqual({ found: false, missing: '$.toString' });
  });
});

describe('is-json', () => {
  it('without a path: valid JSON', async () => {
    const s = scorerFrom('  - is-json');
    expect(await s.score('{"a": 1}', kase({ id: 'a' }))).toEqual([{ scorer: 'is-json', criterion: 'is-json', value: 1, passed: true, reason: 'valid JSON' }]);
    expect((await s.score('{a: 1}', kase({ id: 'a' })))[0]).toMatchObject({ value: 0, passed: false });
  });

  it('with paths: each must exist', async () => {
    const s = scorerFrom('  - is-json: { path: [answer, "$.sources[0].id"] }');
    expect((await s.score('{"answer": "x", "sources": [{"id": "d1"}]}', kase({ id: 'a' })))[0]).toMatchObject({
      value: 1,
      reason: 'valid JSON with answer, $.sources[0].id',
    });
    expect((await s.score('{"answer": "x", "sources": []}', kase({ id: 'a' })))[0]).toMatchObject({
      value: 0,
      reason: 'no value at $.sources[0].id ($.sources[0] is missing)',
    });
  });

  it('value: the field equals a template (numbers and booleans compare as JSON)', async () => {
    const s = scorerFrom('  - is-json: { path: total, value: "{{expected}}" }');
    expect((await s.score('{"total": 42}', kase({ id: 'a', expected: 42 })))[0]!.passed).toBe(true);
    expect((await s.score('{"total": "42"}', kase({ id: 'a', expected: '42' })))[0]!.passed).toBe(true);
    expect((await s.score('{"total": 41}', kase({ id: 'a', expected: 42 })))[0]).toMatchObject({ passed: false, reason: 'total is "41", expected "42"' });
  });

  it('a bad path or value without one path is a load error at the scorer line', () => {
    expect(messageOf(() => suiteWith('  - is-json: { path: "a[x" }'))).toMatch(/s\.yaml:5: is-json: bad path "a\[x": expected \[index\]/);
    expect(messageOf(() => suiteWith('  - is-json: { path: [a, b], value: x }'))).toMatch(/s\.yaml:5: is-json: "value" needs exactly one "path"$/);
  });
});
