import { describe, expect, it } from 'vitest';
import { runConfig, storedPassRules } from '../../src/runner/run-config.js';

describe('the stored run configuration', () => {
  it('reads what runs store, keeps keys it does not know, and defaults what older runs lack', () => {
    const rule = { criterion: 'rubric.faithfulness', op: '>=', target: 4, text: '>= 4', where: 'suite.yaml:9' };
    const c = runConfig({ id: 'r1', config: { repeat: 3, cache: true, pass: [rule], someday: { x: 1 } } });
    expect(c.repeat).toBe(3);
    expect(c.pass).toEqual([rule]);
    expect((c as Record<string, unknown>).someday).toEqual({ x: 1 });
    expect(storedPassRules({ id: 'old', config: {} })).toEqual([]);
  });

  it('a damaged config fails loudly, naming the run and the field', () => {
    expect(() => runConfig({ id: 'r9', config: { repeat: 'three' } })).toThrow(/run r9: stored config is not valid \(repeat: /);
    expect(() => storedPassRules({ id: 'r9', config: { pass: [{ criterion: 'x', op: '~', target: 1, text: '', where: '' }] } })).toThrow(/pass\.0\.op/);
  });
});
