import { describe, expect, it } from 'vitest';
import { kase, scorerFrom, suiteWith } from './helpers.js';

describe('regex', () => {
  it('matches with flags, and says why it failed', async () => {
    const s = scorerFrom('  - regex: { pattern: "^order #\\\\d+$", flags: i }');
    expect(await s.score('ORDER #123', kase({ id: 'a' }))).toEqual([
      { scorer: 'regex', criterion: 'regex', value: 1, passed: true, reason: 'matches /^order #\\d+$/i' },
    ]);
    expect(await s.score('order 123', kase({ id: 'a' }))).toEqual([
      { scorer: 'regex', criterion: 'regex', value: 0, passed: false, reason: 'output "order 123" does not match /^order #\\d+$/i' },
    ]);
  });

  it('the g flag does not make repeated calls flip (no lastIndex state)', async () => {
    const s = scorerFrom('  - regex: { pattern: "a", flags: g }');
    for (let i = 0; i < 3; i++) expect((await s.score('a', kase({ id: 'a' })))[0]!.value).toBe(1);
  });

  it('negate passes when the pattern is absent', async () => {
    const s = scorerFrom('  - regex: { pattern: "as an AI", flags: i, negate: true }');
    expect((await s.score('Happy to help!', kase({ id: 'a' })))[0]!.passed).toBe(true);
    expect(await s.score('As an AI, I cannot', kase({ id: 'a' }))).toEqual([
      { scorer: 'regex', criterion: 'regex', value: 0, passed: false, reason: 'matches /as an AI/i (must not match)' },
    ]);
  });

  it('a bad pattern or bad flags fail at load time', () => {
    expect(() => scorerFrom('  - regex: "[a-"')).toThrow(/s\.yaml:5: regex: bad pattern \/\[a-\/: Invalid regular expression/);
    expect(() => scorerFrom('  - regex: { pattern: a, flags: q }')).toThrow(/s\.yaml:5: regex\.flags: flags may only use d g i m s u v y$/);
    expect(() => suiteWith('  - regex: {}')).toThrow(/s\.yaml:5: regex\.pattern is required$/);
  });
});
