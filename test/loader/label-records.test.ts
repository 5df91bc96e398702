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
