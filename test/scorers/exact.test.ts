import { describe, expect, it } from 'vitest';
import { kase, scorerFrom } from './helpers.js';

describe('exact', () => {
  it('passes on the trimmed expected value and fails with a reason otherwise', async () => {
    const s = scorerFrom('  - exact');
    expect(await s.score('  Paris \n', kase({ id: 'a', expected: 'Paris' }))).toEqual([
      { scorer: 'exact', criterion: 'exact', value: 1, passed: true, reason: 'equals "Paris"' },
    ]);
    expect(await s.score('paris', kase({ id: 'a', expected: 'Paris' }))).toEqual([
      { scorer: 'exact', criterion: 'exact', value: 0, passed: false, reason: 'expected "Paris", got "paris"' },
    ]);
  });

  it('ignore_case', async () => {
    const s = scorerFrom('  - exact: { ignore_case: true }');
    expect((await s.score('PARIS', kase({ id: 'a', expected: 'paris' })))[0]!.value).toBe(1);
    expect((await s.score('Lyon', kase({ id: 'a', expected: 'paris' })))[0]!.value).toBe(0);
  });

  it('a list expected value accepts any of its items; a template value is rendered against the case', async () => {
    const s = scorerFrom('  - exact');
    expect((await s.score('b', kase({ id: 'a', expected: ['a', 'b'] })))[0]!.passed).toBe(true);
    const t = scorerFrom('  - exact: "{{vars.city}}!"');
    expect((await t.score('Rome!', kase({ id: 'a', vars: { city: 'Rome' } })))[0]!.passed).toBe(true);
  });

  it('without an expected value the case is unscored (null), not 0', async () => {
    const [score] = await scorerFrom('  - exact').score('x', kase({ id: 'z' }));
    expect(score).toEqual({ scorer: 'exact', criterion: 'exact', value: null, reason: 'case "z" has no expected value' });
  });
});
