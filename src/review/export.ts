import type { AnnotationRecord, ShownOrder, Store } from '../storage/store.js';

/**
 * Export a review's annotations in the exact format `juror agreement --labels FILE` reads:
 * `item,rater,label,criterion` (+ review, output_id, comment, created_at). By default only each
 * annotator's latest label per item and criterion; `history` adds superseded rows, skips and flags,
 * and on a pairwise review `shown`: the left/right order that annotator saw (`AB`: output A on the
 * left; the label itself always names the outputs, A = the review's first source). A pairwise review's
 * rows carry both outputs: `output_id` is A's, `output_b_id` B's.
 */
export type ExportFormat = 'csv' | 'jsonl';

export interface ExportRow {
  item: number;
  rater: string;
  label: string;
  criterion: string;
  review: string;
  output_id: number;
  /** Pairwise reviews: output B of the item's pair. */
  output_b_id?: number;
  comment: string;
  created_at: string;
  // history only:
  id?: number;
  supersedes?: number | null;
  current?: boolean;
  flagged?: boolean;
  skipped?: boolean;
  /** History of a pairwise review only: 'AB' | 'BA', '' when not recorded. */
  shown?: ShownOrder | '';
}

const BASE_COLUMNS = ['item', 'rater', 'label', 'criterion', 'review', 'output_id', 'comment', 'created_at'] as const;
const PAIRWISE_COLUMNS = ['item', 'rater', 'label', 'criterion', 'review', 'output_id', 'output_b_id', 'comment', 'created_at'] as const;
const HISTORY_EXTRA = ['id', 'supersedes', 'current', 'flagged', 'skipped'] as const;
const HISTORY_COLUMNS = [...BASE_COLUMNS, ...HISTORY_EXTRA] as const;
const PAIRWISE_HISTORY_COLUMNS = [...PAIRWISE_COLUMNS, ...HISTORY_EXTRA, 'shown'] as const;

/** The latest row with a label per (item, annotator, criterion): what agreement uses. */
export function latestLabelled(history: AnnotationRecord[]): AnnotationRecord[] {
  const latest = new Map<string, AnnotationRecord>();
  for (const a of history) {
    if (a.label === null) continue;
    const key = `${a.itemId}\u0000${a.annotatorId}\u0000${a.criterion}`;
    const prev = latest.get(key);
    if (!prev || a.id > prev.id) latest.set(key, a);
  }
  return [...latest.values()].sort((x, y) => x.id - y.id);
}

export function exportRows(store: Store, reviewId: string, opts: { history?: boolean } = {}): ExportRow[] {
  const pairwise = store.getReview(reviewId)?.kind === 'pairwise';
  const names = new Map(store.listAnnotators().map((a) => [a.id, a.name]));
  const items = new Map(store.getReviewItems(reviewId).map((i) => [i.id, i]));
  const history = store.getAnnotationHistory(reviewId);
  const current = new Set(latestLabelled(history).map((a) => a.id));
  const rows = opts.history ? history : history.filter((a) => current.has(a.id));
  return rows.map((a) => {
    const row: ExportRow = {
      item: a.itemId,
      rater: names.get(a.annotatorId) ?? a.annotatorId,
      label: a.label ?? '',
      criterion: a.criterion,
      review: a.reviewId,
      output_id: items.get(a.itemId)?.outputId ?? -1,
      ...(pairwise ? { output_b_id: items.get(a.itemId)?.outputBId ?? -1 } : {}),
      comment: a.comment ?? '',
      created_at: a.createdAt,
    };
    if (opts.history) {
      Object.assign(row, {
        id: a.id,
        supersedes: a.supersedes,
        current: current.has(a.id),
        flagged: a.flagged,
        skipped: a.skipped,
        ...(pairwise ? { shown: a.shown ?? '' } : {}),
      });
    }
    return row;
  });
}

/** A review's export as text (`juror review export` and the admin page's download). */
export function exportReview(store: Store, reviewId: string, format: ExportFormat, opts: { history?: boolean } = {}): string {
  return formatExport(exportRows(store, reviewId, opts), format, { ...opts, pairwise: store.getReview(reviewId)?.kind === 'pairwise' });
}

export function formatExport(rows: ExportRow[], format: ExportFormat, opts: { history?: boolean; pairwise?: boolean } = {}): string {
  // JSONL is read by programs, not spreadsheets: exact values, no guard.
  if (format === 'jsonl') return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
  const columns = opts.history ? (opts.pairwise ? PAIRWISE_HISTORY_COLUMNS : HISTORY_COLUMNS) : opts.pairwise ? PAIRWISE_COLUMNS : BASE_COLUMNS;
  const lines = [columns.join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(guardFormula(String(r[c] ?? '')))).join(','));
  return lines.join('\r\n') + '\r\n';
}

/**
 * RFC 4180 quoting, also whenever the cell holds anything a spreadsheet might split on (`;` tab
 * `|`), so a program that splits on `;` still sees one cell.
 */
export function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",;\t\r\n|]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A plain decimal number (a scale level such as -1 or 2.5): a spreadsheet reads it as a number, never a formula. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
/** Where a spreadsheet may start a new cell: after a separator or a line break (optional spaces). */
const CELL_STARTS = /([,;|\t\r\n]\s*)(?=[=+\-@])/g;

/**
 * OWASP CSV injection: every text cell (labels, comments, names, ids) is free text somebody typed
 * or chose; a spreadsheet runs one starting with `= + - @`, tab or CR (after optional spaces) as a
 * formula. Prefix such a cell with `'`, and do the same after every separator inside it, for
 * programs that split on `;` or tab and ignore our quotes. Plain numbers stay exact.
 */
export function guardFormula(s: string): string {
  if (PLAIN_NUMBER.test(s)) return s;
  const inner = s.replace(CELL_STARTS, "$1'");
  return /^(\s*[=+\-@]|[\t\r])/.test(inner) ? `'${inner}` : inner;
}
