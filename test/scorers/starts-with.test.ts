import { describe, expect, it } from 'vitest';
import { kase, scorerFrom } from './helpers.js';

describe('starts-with', () => {
  it('passes when the output (leading whitespace ignored) starts with the value', async () => {
    const s = scorerFrom('  - starts-with: "Yes"');
    expect(await s.score('\n  Yes, it does.', kase({ id: 'a' }))).toEqual([
      { scorer: 'starts-with', criterion: 'starts-with', value: 1, passed: true, reason: 'starts with "Yes"' },
    ]);
    expect(await s.score('yes, it does.', kase({ id: 'a' }))).toEqual([
      { scorer: 'starts-with', criterion: 'starts-with', value: 0, passed: false, reason: 'output "yes, it does." does not start with "Yes"' },
    ]);
  });

  it('any of a list, ignore_case, default the expected answer (unscored without one)', async () => {
    expect((await scorerFrom('  - starts-with: { value: [No, Yes], ignore_case: true }').score('yes', kase({ id: 'a' })))[0]!.passed).toBe(true);
    const s = scorerFrom('  - starts-with');
    expect((await s.score('Refunds take 5 days', kase({ id: 'a', expected: 'Refunds' })))[0]!.value).toBe(1);
    expect((await s.score('x', kase({ id: 'b' })))[0]!.value).toBeNull();
  });
});
