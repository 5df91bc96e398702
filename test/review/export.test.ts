import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { parseLabelText } from '../../src/loader/labels.js';
import { csvField, formatExport, guardFormula, latestLabelled, type ExportRow } from '../../src/review/export.js';
import type { AnnotationRecord } from '../../src/storage/store.js';

function ann(id: number, itemId: number, annotatorId: string, criterion: string, label: string | null, extra: Partial<AnnotationRecord> = {}): AnnotationRecord {
  return { id, reviewId: 'rv', itemId, annotatorId, criterion, label, value: label === null ? null : Number(label), comment: null, flagged: false, skipped: label === null, clientKey: null, supersedes: null, createdAt: '2026-01-01T00:00:00.000Z', ...extra };
}

describe('export', () => {
  it('latestLabelled keeps the newest labelled row per item, annotator and criterion', () => {
    const rows = latestLabelled([ann(1, 1, 'a', 'f', '2'), ann(2, 1, 'a', 'f', '4'), ann(3, 1, 'a', 'f', null), ann(4, 1, 'b', 'f', '1'), ann(5, 2, 'a', 'f', '3')]);
    expect(rows.map((r) => r.id)).toEqual([2, 4, 5]);
  });

  it('quotes CSV fields per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });

  it('CSV and JSONL round-trip through the agreement label reader', () => {
    const rows: ExportRow[] = [
      { item: 1, rater: 'ann', label: '4', criterion: 'f', review: 'rv', output_id: 10, comment: 'multi\nline, "quoted"', created_at: 't' },
      { item: 1, rater: 'bob', label: '-1', criterion: 'f', review: 'rv', output_id: 10, comment: '', created_at: 't' },
      { item: 2, rater: 'ann', label: 'yes', criterion: 'g', review: 'rv', output_id: 11, comment: '@cmd', created_at: 't' },
    ];
    for (const format of ['csv', 'jsonl'] as const) {
      const parsed = parseLabelText(formatExport(rows, format), `x.${format}`);
      expect(parsed.rows.map((r) => [r.item, r.rater, r.label, r.criterion])).toEqual([
        ['1', 'ann', '4', 'f'], ['1', 'bob', '-1', 'f'], ['2', 'ann', 'yes', 'g'],
      ]);
    }
    const csv = formatExport(rows, 'csv');
    expect(csv).toContain(",'@cmd,"); // formula guard
    expect(csv).toContain(',-1,'); // a plain number stays a number
  });

  // OWASP CSV injection: a cell a spreadsheet would run as a formula starts with = + - @, tab or
  // CR after optional whitespace; spreadsheets split on , ; or tab, some ignoring quotes.
  const TRIGGER = /^\s*[=+\-@]|^[\t\r]/;
  const hostile = [
    "ok;=cmd|' /C calc'!A0;end", '=HYPERLINK("http://x")', '  +1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1',
    'a,=1', 'line\n=1', 'x;  @y', 'x\t-1',
  ];
  /** Every cell a spreadsheet could see: split naively on each separator, and quote-aware (csv-parse). */
  function cells(csv: string): string[] {
    const out: string[] = [];
    for (const sep of [',', ';', '\t', '|', '\n', '\r']) out.push(...csv.split(sep).map((c) => c.replace(/^"/, '')));
    for (const delimiter of [',', ';']) {
      out.push(...parse(csv, { delimiter, relax_quotes: true, relax_column_count: true }).flat() as string[]);
    }
    return out;
  }

  it('guards every text column against formulas, including after separators inside a cell', () => {
    const rows: ExportRow[] = hostile.map((text, i) => ({
      item: i + 1, rater: text, label: text, criterion: text, review: text, output_id: 1, comment: text, created_at: 't',
    }));
    const csv = formatExport(rows, 'csv');
    const bad = cells(csv).filter((c) => TRIGGER.test(c));
    expect(bad).toEqual([]);
    // one guarded cell per row and column, read back by the agreement reader with its quote
    const parsed = parseLabelText(csv, 'x.csv').rows;
    expect(parsed.map((r) => r.label)).toEqual(hostile.map(guardFormula));
    expect(guardFormula("ok;=cmd|' /C calc'!A0;end")).toBe("ok;'=cmd|' /C calc'!A0;end");
    expect(guardFormula('  +1+2')).toBe("'  +1+2");
    expect(guardFormula('-2+3')).toBe("'-2+3");
    expect(guardFormula('-1')).toBe('-1');
    expect(guardFormula('2.5')).toBe('2.5');
    expect(guardFormula('plain text')).toBe('plain text');
  });

  it('JSONL exports stay exact', () => {
    const rows: ExportRow[] = hostile.map((text, i) => ({
      item: i + 1, rater: 'ann', label: text, criterion: 'f', review: 'rv', output_id: 1, comment: text, created_at: 't',
    }));
    const lines = formatExport(rows, 'jsonl').trim().split('\n').map((l) => JSON.parse(l) as ExportRow);
    expect(lines.map((r) => r.comment)).toEqual(hostile);
    expect(lines.map((r) => r.label)).toEqual(hostile);
  });

  it('history of a pairwise review: the ids of both outputs, and a shown column last, AB / BA or empty (a skip shows nothing to pick)', () => {
    const row = (item: number, label: string, shown: 'AB' | 'BA' | '', skipped = false): ExportRow => ({
      item, rater: 'ann', label, criterion: 'better', review: 'rv', output_id: 10 + item, output_b_id: 20 + item, comment: '', created_at: 't',
      id: item, supersedes: null, current: !skipped, flagged: false, skipped, shown,
    });
    const rows = [row(1, 'A', 'BA'), row(2, 'tie', 'AB'), row(3, '', '', true)];
    const csv = formatExport(rows, 'csv', { history: true, pairwise: true }).split('\r\n');
    expect(csv.slice(0, 4)).toEqual([
      'item,rater,label,criterion,review,output_id,output_b_id,comment,created_at,id,supersedes,current,flagged,skipped,shown',
      '1,ann,A,better,rv,11,21,,t,1,,true,false,false,BA',
      '2,ann,tie,better,rv,12,22,,t,2,,true,false,false,AB',
      '3,ann,,better,rv,13,23,,t,3,,false,false,true,',
    ]);
    expect(formatExport(rows, 'csv', { history: true }).split('\r\n')[0]!.endsWith(',skipped')).toBe(true);
    expect(formatExport(rows, 'jsonl', { history: true, pairwise: true }).trim().split('\n').map((l) => JSON.parse(l).shown)).toEqual(['BA', 'AB', '']);
  });
});
