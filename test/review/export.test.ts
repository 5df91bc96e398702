import { describe, expect, it } from 'vitest';
import { parseLabelText } from '../../src/loader/labels.js';
import { csvField, formatExport, latestLabelled, type ExportRow } from '../../src/review/export.js';
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
    expect(csv).toContain(",'@cmd,"); // formula guard on comments only
    expect(csv).toContain(',-1,'); // labels untouched
  });
});
