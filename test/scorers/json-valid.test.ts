import { describe, expect, it } from 'vitest';
import { kase, scorerFrom } from './helpers.js';

describe('json-valid', () => {
  it('passes on JSON and fails with the parser message', async () => {
    const s = scorerFrom('  - json-valid');
    expect(await s.score(' {"a": [1, 2]} ', kase({ id: 'a' }))).toEqual([
      { scorer: 'json-valid', criterion: 'json-valid', value: 1, passed: true, reason: 'valid JSON' },
    ]);
    const [bad] = await s.score('{"a": 1,}', kase({ id: 'a' }));
    expect(bad).toMatchObject({ value: 0, passed: false });
    expect(bad!.reason).toMatch(/^not valid JSON \(.+\): "\{\\"a\\": 1,\}"$/);
  });

  it('a fenced block fails by default and passes with allow_fence', async () => {
    const fenced = '```json\n{"ok": true}\n```';
    expect((await scorerFrom('  - json-valid').score(fenced, kase({ id: 'a' })))[0]!.value).toBe(0);
    expect((await scorerFrom('  - json-valid: { allow_fence: true }').score(fenced, kase({ id: 'a' })))[0]!.value).toBe(1);
  });
});
