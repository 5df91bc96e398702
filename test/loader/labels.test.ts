import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/core/errors.js';
import { parseLabelText, readLabelFile } from '../../src/loader/labels.js';

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('label files: CSV', () => {
  it('reads item, rater, label with the default criterion and 1-based line numbers', () => {
    const f = parseLabelText('item,rater,label\nq1,ann,yes\nq1,bob,no\n\nq2,ann,yes\n', 'l.csv');
    expect(f.hasCriterion).toBe(false);
    expect(f.rows).toEqual([
      { criterion: 'default', item: 'q1', rater: 'ann', label: 'yes', line: 2 },
      { criterion: 'default', item: 'q1', rater: 'bob', label: 'no', line: 3 },
      { criterion: 'default', item: 'q2', rater: 'ann', label: 'yes', line: 5 },
    ]);
  });

  it('accepts columns in any order and case, ignores extra columns, keeps the criterion', () => {
    const f = parseLabelText('Label,Criterion,note,Rater,Item\n4,fluency,x,ann,q1\n', 'l.csv');
    expect(f.rows).toEqual([{ criterion: 'fluency', item: 'q1', rater: 'ann', label: '4', line: 2 }]);
    expect(f.hasCriterion).toBe(true);
  });

  it('treats an empty label cell as not rated', () => {
    const f = parseLabelText('item,rater,label\nq1,ann,\nq1,bob,3\n', 'l.csv');
    expect(f.rows.map((r) => r.rater)).toEqual(['bob']);
  });

  it('names the header line when a column is missing', () => {
    const e = errorOf(() => parseLabelText('\nitem,label\nq1,yes\n', 'l.csv'));
    expect(e.message).toBe('l.csv:2: missing column "rater" (the header needs item, rater, label; criterion is optional)');
  });

  it('reports the line of the second, conflicting label of a rater', () => {
    const e = errorOf(() => parseLabelText('item,rater,label\nq1,ann,yes\nq2,ann,no\nq1,ann,no\n', 'l.csv'));
    expect(e.where).toBe('l.csv:4');
    expect(e.message).toContain('"yes" (line 2) and "no"');
  });

  it('drops the same label given twice by the same rater, counts it, and warns naming both lines', () => {
    const f = parseLabelText('item,rater,label\nq1,ann,4\nq1,ann,4.0\nq1,bob,3\n', 'l.csv');
    expect(f.rows).toHaveLength(2);
    expect(f.duplicates).toBe(1);
    expect(f.warnings).toEqual([{ where: 'l.csv:3', message: 'duplicate of line 2 (same item "q1", rater "ann" and label "4"): dropped' }]);
  });

  it('labels are normalised: canonical numbers, NFC text; blank labels are not rated in CSV and JSONL alike', () => {
    const f = parseLabelText('item,rater,label\nq1,ann,4.0\nq1,bob,04\ncafe\u0301,ann,cafe\u0301\nq2,ann,  \n', 'l.csv');
    expect(f.rows.map((r) => [r.item, r.label])).toEqual([['q1', '4'], ['q1', '4'], ['caf\u00e9', 'caf\u00e9']]);
    const j = parseLabelText('{"item":"q1","rater":"a","label":""}\n{"item":"q1","rater":"b","label":" "}\n{"item":"q1","rater":"c","label":4.0}\n', 'l.jsonl');
    expect(j.rows.map((r) => [r.rater, r.label])).toEqual([['c', '4']]);
  });

  it('a loose number is not the number: "0x10" is off a numeric scale, with the spelling rule in the message', () => {
    const e = errorOf(() => parseLabelText('item,rater,label\nq1,ann,0x10\n', 'l.csv', { order: ['1', '16'] }));
    expect(e.message).toBe('l.csv:2: label "0x10" is not in --order (1, 16); numbers are written like 3, -2 or 4.5 (no +, exponent, hex or thousands separator)');
    for (const label of ['5e0', '+5']) {
      const criteria = new Map([['default', ['1', '2', '3', '4', '5']]]);
      expect(errorOf(() => parseLabelText(`item,rater,label\nq1,ann,${label}\n`, 'l.csv', { criteria })).message).toContain(`label "${label}" is not on the scale`);
    }
  });

  it('the same rater may label the same item on different criteria', () => {
    const f = parseLabelText('item,rater,label,criterion\nq1,ann,4,a\nq1,ann,2,b\n', 'l.csv');
    expect(f.rows.map((r) => r.criterion)).toEqual(['a', 'b']);
  });

  it('refuses labels outside --order, naming the line', () => {
    const e = errorOf(() => parseLabelText('item,rater,label\nq1,ann,low\nq1,bob,mid\n', 'l.csv', { order: ['low', 'high'] }));
    expect(e.message).toBe('l.csv:3: label "mid" is not in --order (low, high)');
  });

  it('matches numeric labels to a numeric --order by value', () => {
    const f = parseLabelText('item,rater,label\nq1,ann,2.0\n', 'l.csv', { order: ['1', '2', '3'] });
    expect(f.rows[0]!.label).toBe('2');
  });

  it('checks criteria and labels against a rubric', () => {
    const criteria = new Map([['faithfulness', ['1', '2', '3']]]);
    const csv = 'item,rater,label,criterion\nq1,ann,2,faithfulness\nq1,ann,2,fluency\n';
    expect(errorOf(() => parseLabelText(csv, 'l.csv', { criteria })).message).toBe(
      'l.csv:3: unknown criterion "fluency" (the rubric has: faithfulness)',
    );
    const e = errorOf(() => parseLabelText('item,rater,label,criterion\nq1,ann,7,faithfulness\n', 'l.csv', { criteria }));
    expect(e.message).toBe('l.csv:2: label "7" is not on the scale of "faithfulness" (1, 2, 3)');
    // without a criterion column every row is "default", unknown to this rubric
    expect(errorOf(() => parseLabelText('item,rater,label\nq1,ann,2\n', 'l.csv', { criteria })).where).toBe('l.csv:2');
  });

  it('an empty file or bad CSV quoting is a ConfigError with a line', () => {
    expect(errorOf(() => parseLabelText('', 'l.csv')).where).toBe('l.csv:1');
    expect(errorOf(() => parseLabelText('item,rater,label\nq1,"ann,yes\n', 'l.csv')).message).toMatch(/^l\.csv:\d+: not valid CSV/);
  });
});

describe('label files: JSONL', () => {
  it('reads objects, numbers become strings, blank lines skipped but counted', () => {
    const text = '{"item":1,"rater":"ann","label":4}\n\n{"item":"1","rater":"bob","label":"3","criterion":"c"}\n';
    const f = parseLabelText(text, 'l.jsonl');
    expect(f.rows).toEqual([
      { criterion: 'default', item: '1', rater: 'ann', label: '4', line: 1 },
      { criterion: 'c', item: '1', rater: 'bob', label: '3', line: 3 },
    ]);
  });

  it('a null label is not rated', () => {
    expect(parseLabelText('{"item":1,"rater":"a","label":null}\n', 'l.jsonl').rows).toEqual([]);
  });

  it('names the line of a missing field, bad JSON and non-objects', () => {
    expect(errorOf(() => parseLabelText('{"item":1,"rater":"a","label":1}\n{"item":1,"label":2}\n', 'l.jsonl')).message).toBe(
      'l.jsonl:2: missing field "rater"',
    );
    expect(errorOf(() => parseLabelText('{"item":1,"rater":"a","label":1}\n{nope\n', 'l.jsonl')).where).toBe('l.jsonl:2');
    expect(errorOf(() => parseLabelText('[1,2]\n', 'l.jsonl')).where).toBe('l.jsonl:1');
    expect(errorOf(() => parseLabelText('{"item":1,"rater":"a","label":[1]}\n', 'l.jsonl')).message).toBe(
      'l.jsonl:1: field "label" must be a string or a number',
    );
  });

  it('sniffs JSONL when the extension says nothing', () => {
    expect(parseLabelText('{"item":1,"rater":"a","label":1}\n', 'labels.txt').rows).toHaveLength(1);
    expect(parseLabelText('item,rater,label\n1,a,1\n', 'labels.txt').rows).toHaveLength(1);
  });
});

describe('readLabelFile', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'juror-labels-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file and names it as given in errors', () => {
    const path = join(dir, 'a.csv');
    writeFileSync(path, 'item,rater\n1,a\n');
    expect(errorOf(() => readLabelFile(path, {}, 'a.csv')).message).toMatch(/^a\.csv:1: missing column "label"/);
    expect(errorOf(() => readLabelFile(join(dir, 'none.csv'), {}, 'none.csv')).message).toBe('none.csv: label file not found');
  });
});
