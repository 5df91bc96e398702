import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { readRawLabels, type RawLabel } from '../../src/loader/label-records.js';
import { parseLabelText, readLabelFile } from '../../src/loader/labels.js';
import { messageOf } from './config-error.js';

/**
 * The fast CSV reader splits plain lines itself and leaves quoted records to csv-parse. The
 * reference here is csv-parse on the whole text with the options label files always used (what
 * loader/labels.ts did before it streamed): every row, cell and line number must be the same.
 */
function reference(text: string, tsv = false): RawLabel[] {
  const records = parseCsv(text, { bom: true, info: true, trim: true, skip_empty_lines: true, relax_column_count: true, delimiter: tsv ? '\t' : ',' }) as unknown as Array<{
    record: string[];
    info: { lines: number };
  }>;
  const cols = records[0]!.record.map((h) => h.trim().toLowerCase());
  const at = (n: string) => cols.indexOf(n);
  return records.slice(1).map(({ record, info }) => ({
    criterion: at('criterion') >= 0 ? (record[at('criterion')] ?? '') : undefined,
    item: record[at('item')] ?? '',
    rater: record[at('rater')] ?? '',
    label: record[at('label')] ?? '',
    line: info.lines,
  }));
}

/** The reader fed `text` in chunks of `size` characters (a file comes in 64 KiB chunks). */
function rows(text: string, path = 'l.csv', size = 7): RawLabel[] {
  const out: RawLabel[] = [];
  const chunks = () => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
  readRawLabels(chunks, path, (r) => out.push(r));
  return out;
}

const TRICKY = [
  '\uFEFFItem , Rater,label,criterion,note',
  'q1,ann,4,acc,plain',
  '  q2 ,\tbob , 3 ,acc,padded',
  '',
  '   ',
  '"q3","ann","5","acc","all quoted"',
  'q4,"b,ob",2,acc,"a comma inside"',
  'q5,ann,1,acc,"a ""quoted"" word"',
  'q6,cat,2,acc,"two',
  'lines, with a comma"',
  'q7,dan',
  'q8,eve,3,acc,x,extra,cells',
  '"q9',
  'still the item",ann,4,acc,',
  'q10,ann,,acc,blank label',
].join('\n');

describe('label CSV: the fast reader equals csv-parse', () => {
  it('on quotes, multi-line cells, padding, blank and short lines, extra cells and a BOM, at every chunk size', () => {
    const want = reference(TRICKY);
    expect(want).toHaveLength(10);
    for (const size of [1, 2, 3, 5, 8, 13, 64, 1 << 16]) expect(rows(TRICKY, 'l.csv', size)).toEqual(want);
  });

  it('with \\r\\n line breaks (what juror review export writes), a final line without a break, and TSV', () => {
    const crlf = TRICKY.replace(/\n/g, '\r\n');
    // the cells are csv-parse's; the lines are the file's (csv-parse counts a \r\n inside quotes as two)
    const lines = reference(TRICKY).map((r) => r.line);
    expect(rows(crlf)).toEqual(reference(crlf).map((r, i) => ({ ...r, line: lines[i] })));
    expect(rows(crlf + '\r\n')).toEqual(reference(crlf + '\r\n').map((r, i) => ({ ...r, line: lines[i] })));
    const tsv = 'item\trater\tlabel\nq1\tann\t"a\tb"\nq2\tbob,x\t3\n';
    expect(rows(tsv, 'l.tsv')).toEqual(reference(tsv, true));
  });

  it('hands a file with other line breaks (old Mac \\r, mixed) to csv-parse whole, after the rows already read', () => {
    for (const text of ['item,rater,label\rq1,ann,1\rq2,bob,2\r', 'item,rater,label\nq1,ann,1\nq2,bob,2\r\nq3,cat,3\n', 'item,rater,label\r\nq1,ann,1\nq2,bob,2\r\n']) {
      expect(rows(text)).toEqual(reference(text));
    }
  });

  it('a quoting error is csv-parse\'s own message at its line', () => {
    for (const text of ['item,rater,label\nq1,ann,1\nq1,"ann,yes\n', 'item,rater,label\nq1,ann,1\nq2,bob,"2"x\nq3,cat,3\n', 'item,rater,label\nq1,a"nn,1\n']) {
      let want = '';
      try {
        parseCsv(text, { bom: true, info: true, trim: true, skip_empty_lines: true, relax_column_count: true });
      } catch (err) {
        const e = err as { lines: number; message: string };
        want = `l.csv:${e.lines}: not valid CSV: ${e.message.split('\n')[0]}`;
      }
      expect(want).not.toBe('');
      expect(messageOf(() => rows(text))).toBe(want);
    }
  });
});

describe('label CSV: which lines take the plain path', () => {
  /** Rows with the reader's `plain` flag: set only for printable-ASCII lines without a quote or a space. */
  function flagged(text: string, size = 5): Array<[string, boolean]> {
    const out: Array<[string, boolean]> = [];
    const chunks = () => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
    readRawLabels(chunks, 'l.csv', (r, plain) => out.push([`${r.item}|${r.rater}|${r.label}|${r.line}`, plain]));
    return out;
  }

  it('plain ASCII lines (LF or CRLF) are plain; padded, quoted, tabbed and non-ASCII ones are not, and read the same as csv-parse', () => {
    const text = ['item,rater,label', 'q1,ann,4', ' q2,bob,3', 'q3,"c,d",2', 'q4,caf\u00e9,1', 'q5,ann\t,5', 'q6,ann', 'q7,bob,2,x,y'].join('\n') + '\n';
    const want: Array<[string, boolean]> = [
      ['q1|ann|4|2', true],
      ['q2|bob|3|3', false],
      ['q3|c,d|2|4', false],
      ['q4|caf\u00e9|1|5', false],
      ['q5|ann|5|6', false],
      ['q6|ann||7', true],
      ['q7|bob|2|8', true],
    ];
    expect(flagged(text)).toEqual(want);
    expect(flagged(text.replace(/\n/g, '\r\n'), 3)).toEqual(want);
    expect(rows(text, 'l.csv', 4)).toEqual(reference(text));
  });

  it('a bare \\n after \\r\\n lines, or a lone \\r, sends the file to csv-parse whole: the rows it gives, no plain flag after', () => {
    for (const text of ['item,rater,label\r\nq1,ann,1\r\nq2,bob,2\nq3,cat,3\r\n', 'item,rater,label\nq1,ann,1\nq2,b\rob,2\n']) {
      expect(rows(text, 'l.csv', 6)).toEqual(reference(text));
    }
  });

  it('errors through the plain path keep their one line and FILE:LINE: a ragged row, an empty rater, a second label', () => {
    expect(messageOf(() => parseLabelText('item,rater,label\nq1,ann,4\nq2\n', 'l.csv'))).toBe('l.csv:3: empty rater');
    expect(messageOf(() => parseLabelText('item,rater,label\r\nq1,,4\r\n', 'l.csv'))).toBe('l.csv:2: empty rater');
    expect(messageOf(() => parseLabelText('\uFEFFitem,rater,label\nq1,ann,4\nq1,ann,5\n', 'l.csv'))).toBe(
      'l.csv:3: rater "ann" labelled item "q1" twice with different labels: "4" (line 2) and "5"',
    );
    expect(messageOf(() => parseLabelText('item,rater\nq1,ann\n', 'l.csv'))).toBe('l.csv:1: missing column "label" (the header needs item, rater, label; criterion is optional)');
  });
});

describe('label files read in chunks', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'juror-label-records-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a file over several 64 KiB chunks, quoted cells across chunk ends, gives the rows and warnings of the text', () => {
    const lines = ['item,rater,label,note'];
    for (let i = 0; i < 6000; i++) lines.push(`i${i},r${i % 7},${i % 5},${i % 97 === 0 ? '"a long,\nquoted note"' : 'n'}`);
    lines.push('i3,r3,3,n'); // an exact duplicate of row i3: dropped with a warning naming both lines
    const text = lines.join('\r\n') + '\r\n';
    const path = join(dir, 'big.csv');
    writeFileSync(path, text);
    const fromFile = readLabelFile(path, {}, 'big.csv');
    const fromText = parseLabelText(text, 'big.csv');
    expect(fromFile).toEqual(fromText);
    expect(fromFile.rows).toHaveLength(6000);
    const want = reference(text);
    expect(fromFile.rows.map((r) => [r.item, r.rater, r.label])).toEqual(want.slice(0, 6000).map((r) => [r.item, r.rater, r.label]));
    // lines 2-3 hold i0 and its two-line note, so i3 is on line 6; 62 such notes put the duplicate on 6064
    expect(fromFile.rows[3]!.line).toBe(6);
    expect(fromFile.warnings).toEqual([{ where: 'big.csv:6064', message: 'duplicate of line 6 (same item "i3", rater "r3" and label "3"): dropped' }]);
  });
});
