import { describe, expect, it } from 'vitest';
import { kase, scorerFrom } from './helpers.js';

describe('contains / icontains', () => {
  it('renders {{expected}} and is case-sensitive', async () => {
    const s = scorerFrom('  - contains: { value: "{{expected}}" }');
    const c = kase({ id: 'a', expected: '30 days' });
    expect(await s.score('Notes stay 30 days in the trash.', c)).toEqual([
      { scorer: 'contains', criterion: 'contains', value: 1, passed: true, reason: 'contains "30 days"' },
    ]);
    expect(await s.score('Notes stay 30 DAYS.', c)).toEqual([
      { scorer: 'contains', criterion: 'contains', value: 0, passed: false, reason: 'output does not contain "30 days"' },
    ]);
  });

  it('icontains ignores case', async () => {
    const s = scorerFrom('  - icontains: "{{expected}}"');
    expect((await s.score('BILLING', kase({ id: 'a', expected: 'billing' })))[0]!.passed).toBe(true);
  });

  it('all: every value must appear; the reason lists the missing ones', async () => {
    const s = scorerFrom('  - contains: { all: [alpha, beta, gamma] }');
    expect((await s.score('alpha gamma beta', kase({ id: 'a' })))[0]!.value).toBe(1);
    expect(await s.score('alpha only', kase({ id: 'a' }))).toEqual([
      { scorer: 'contains', criterion: 'contains', value: 0, passed: false, reason: 'output does not contain "beta", "gamma" (2 of 3 missing)' },
    ]);
  });

  it('any: one value is enough', async () => {
    const s = scorerFrom('  - contains: { any: [yes, yep] }');
    expect(await s.score('yep, sure', kase({ id: 'a' }))).toEqual([
      { scorer: 'contains', criterion: 'contains', value: 1, passed: true, reason: 'contains "yep"' },
    ]);
    expect((await s.score('no', kase({ id: 'a' })))[0]).toMatchObject({ value: 0, reason: 'output does not contain "yes" or "yep"' });
  });

  it('with no value, uses the expected list (all items)', async () => {
    const s = scorerFrom('  - contains');
    const c = kase({ id: 'a', expected: ['2 GB', '3 devices'] });
    expect((await s.score('2 GB and 3 devices', c))[0]!.value).toBe(1);
    expect((await s.score('2 GB', c))[0]!.value).toBe(0);
    expect((await s.score('x', kase({ id: 'b' })))[0]!.value).toBeNull();
  });

  it('a template naming a missing variable is a TemplateError naming the case', async () => {
    const s = scorerFrom('  - contains: "{{vars.city}}"');
    await expect(s.score('x', kase({ id: 'c9' }))).rejects.toThrow(/missing variable "vars.city" \(case "c9"\)$/);
  });
});
