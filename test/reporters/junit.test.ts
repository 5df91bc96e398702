import { describe, expect, it } from 'vitest';
import { toJUnit } from '../../src/reporters/junit.js';
import { EVIL, sampleReport } from './fixture.js';
import { findAll, parseXml } from './xml-check.js';

describe('toJUnit', () => {
  const xml = toJUnit(sampleReport());
  const root = parseXml(xml);

  it('is well-formed with the right counts', () => {
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ tests: '4', failures: '1', errors: '1', skipped: '1' });
    const suite = findAll(root, 'testsuite')[0]!;
    expect(suite.attrs.name).toBe('demo <suite> & co');
    expect(findAll(root, 'testcase')).toHaveLength(4);
    expect(findAll(root, 'failure')).toHaveLength(1);
    expect(findAll(root, 'error')).toHaveLength(1);
    expect(findAll(root, 'skipped')).toHaveLength(1);
  });

  it('carries reasons, messages and escaped model output', () => {
    const [failure] = findAll(root, 'failure');
    expect(failure!.attrs.message).toBe('contains: 0');
    expect(failure!.text).toContain('lacks "yes"');
    expect(failure!.text).not.toContain('rubric.tone'); // only the failing score is a reason
    expect(findAll(root, 'error')[0]!.attrs.message).toBe('openai:gpt-x: 503 Service Unavailable <html>');
    expect(findAll(root, 'skipped')[0]!.attrs.message).toBe('unscored: rubric.tone: judge answered "banana"');
    const out = findAll(root, 'testcase').find((t) => t.attrs.name === 'c2 <&>')!;
    // control characters are replaced, everything else round-trips
    expect(findAll(out, 'system-out')[0]!.text).toBe(EVIL.replace(/[\u0001\u0007]/g, '\uFFFD'));
    expect(xml).not.toContain('<script>');
  });

  it('names repeats when the run has more than one', () => {
    const r = sampleReport();
    r.cases = [{ ...r.cases[0]! }, { ...r.cases[0]!, repeat: 1 }];
    const names = findAll(parseXml(toJUnit(r)), 'testcase').map((t) => t.attrs.name);
    expect(names).toEqual(['c1 [repeat 1]', 'c1 [repeat 2]']);
  });
});

describe('the test XML checker', () => {
  it('rejects what is not well-formed, so the checks above mean something', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a>x & y</a>')).toThrow();
    expect(() => parseXml('<a x=1/>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
    expect(() => parseXml('<a>\u0001</a>')).toThrow();
    expect(parseXml('<a q="&lt;&#10;">t&amp;</a>')).toMatchObject({ attrs: { q: '<\n' }, text: 't&' });
  });
});
