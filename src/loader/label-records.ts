import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { ConfigError } from '../core/errors.js';

/**
 * The raw rows of a label file (CSV with a header, or JSONL), pushed one at a time as the file is
 * read, so a million-row file is never held as a million records. loader/labels.ts validates them.
 *
 * CSV: a line of printable ASCII without a quote or a space is split where it lies in the chunk, in
 * one pass over its characters, slicing out only the cells the columns need (csv-parse takes ~4 µs
 * a record, which was most of `juror agreement --labels` on a large file). Any other line is split
 * on the delimiter and trimmed; a record with a quote (possibly spanning lines) goes through
 * csv-parse, as does a file whose line breaks are not plain \n or \r\n throughout. Any CSV syntax
 * error is reported by parsing the whole file with csv-parse, so the message is the one csv-parse gives.
 */

export interface RawLabel {
  criterion: string | undefined;
  item: string;
  rater: string;
  label: string | null;
  /** 1-based line where the row ends (for a quoted cell over several lines, its last line). */
  line: number;
}

const REQUIRED = ['item', 'rater', 'label'] as const;

/**
 * Where rows go. `plain`: the row's cells are printable ASCII without spaces, so trimming and NFC
 * would leave them as they are (the reader may skip both).
 */
export type OnRawLabel = (r: RawLabel, plain: boolean) => void;

/**
 * Read rows from the text chunks `open()` gives (a leading BOM allowed; `open` may be called a second
 * time to read the file from the start again); returns whether there was a criterion column/field.
 */
export function readRawLabels(open: () => Iterable<string>, path: string, onRow: OnRawLabel): { hasCriterion: boolean } {
  const source = new Peek(open());
  return isJsonl(source.first, path) ? jsonlRows(source, path, onRow) : csvRows(source, open, path, onRow);
}

/** The chunks, with the first one looked at (BOM removed) for the format guess. */
class Peek implements Iterable<string> {
  readonly first: string;
  private readonly rest: Iterator<string>;
  constructor(chunks: Iterable<string>) {
    this.rest = chunks[Symbol.iterator]();
    let first = '';
    while (first.length < 256) {
      const next = this.rest.next();
      if (next.done) break;
      first += next.value;
    }
    this.first = first.charCodeAt(0) === 0xfeff ? first.slice(1) : first;
  }
  *[Symbol.iterator](): Iterator<string> {
    if (this.first) yield this.first;
    for (let n = this.rest.next(); !n.done; n = this.rest.next()) yield n.value;
  }
}

function isJsonl(start: string, path: string): boolean {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return true;
  if (ext === '.csv' || ext === '.tsv') return false;
  return start.trimStart().startsWith('{');
}

/** Complete lines of the chunks (without the `\n`; a `\r` before it is kept), numbered from 1. */
function forEachLine(chunks: Iterable<string>, onLine: (text: string, line: number, terminated: boolean) => void): void {
  let pending = '';
  let line = 0;
  for (const chunk of chunks) {
    pending = pending === '' ? chunk : pending + chunk;
    let start = 0;
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n', start)) {
      onLine(pending.slice(start, nl), ++line, true);
      start = nl + 1;
    }
    pending = pending.slice(start);
  }
  if (pending !== '') onLine(pending, ++line, false);
}

// ---------- CSV ----------

const CSV_OPTIONS = { bom: true, info: true, trim: true, skip_empty_lines: true, relax_column_count: true } as const;

interface Columns {
  item: number;
  rater: number;
  label: number;
  criterion: number;
}

/** Thrown inside the fast reader when only csv-parse on the whole file can say what the file means. */
class WholeFile {}

/** Where the fast reader hands a record: the whole fields, or a plain line's cell bounds in `text`. */
interface CsvSink {
  fields(fields: string[], line: number): void;
  /** Cell k of the line is text.slice(bounds[k], bounds[k + 1] - 1), for k < count. */
  spans(text: string, bounds: Int32Array, count: number, line: number): void;
}

function csvRows(source: Peek, open: () => Iterable<string>, path: string, onRow: OnRawLabel): { hasCriterion: boolean } {
  let cols: Columns | undefined;
  let records = 0; // handed on so far, the header included
  const record = (fields: string[], line: number) => {
    if (!cols) cols = header(fields, path, line);
    else emit(fields, line, cols, onRow);
    records += 1;
  };
  const sink: CsvSink = {
    fields: record,
    spans(text, bounds, count, line) {
      if (!cols) return record(Array.from({ length: count }, (_, k) => text.slice(bounds[k]!, bounds[k + 1]! - 1)), line);
      const cell = (k: number) => (k < count ? text.slice(bounds[k]!, bounds[k + 1]! - 1) : '');
      onRow({ criterion: cols.criterion >= 0 ? cell(cols.criterion) : undefined, item: cell(cols.item), rater: cell(cols.rater), label: cell(cols.label), line }, true);
      records += 1;
    },
  };
  try {
    fastCsv(source, path, sink);
  } catch (err) {
    if (!(err instanceof WholeFile)) throw err;
    // The records already handed on are the file's first ones in either reading: go on after them.
    const done = records;
    let index = 0;
    for (const { record: fields, info } of wholeCsv([...open()].join(''), path)) {
      if (index++ >= done) record(fields, info.lines);
    }
  }
  if (!cols) throw new ConfigError('empty label file (expected a header: item,rater,label)', `${path}:1`);
  return { hasCriterion: cols.criterion >= 0 };
}

/** Cells a plain line may have before it goes the ordinary way (a label file has four or five). */
const MAX_CELLS = 63;

function fastCsv(source: Peek, path: string, sink: CsvSink): void {
  const delimiter = extname(path).toLowerCase() === '.tsv' ? '\t' : ',';
  const delim = delimiter.charCodeAt(0);
  const bounds = new Int32Array(MAX_CELLS + 2);
  let crlf: boolean | undefined;
  let quoted: { text: string; quotes: number } | undefined;
  let line = 0;

  /** Any line but a plain one (and every line while a quoted cell is open): the reader's ordinary way. */
  const other = (raw: string, terminated: boolean) => {
    if (terminated && crlf === undefined) crlf = raw.endsWith('\r');
    const cr = raw.indexOf('\r');
    // csv-parse settles on the first line break it meets; any other kind of break is the whole file's to read
    if (cr >= 0 && !(crlf && terminated && cr === raw.length - 1)) throw new WholeFile();
    if (terminated && crlf && cr < 0) throw new WholeFile();
    if (quoted) {
      quoted.text += `\n${raw}`;
      quoted.quotes += countQuotes(raw);
    } else if (raw.includes('"')) {
      quoted = { text: raw, quotes: countQuotes(raw) };
    } else {
      const body = cr >= 0 ? raw.slice(0, cr) : raw;
      if (body.trim() === '') return; // skip_empty_lines (csv-parse with trim skips blank ones too)
      const fields = body.split(delimiter);
      for (let i = 0; i < fields.length; i++) fields[i] = fields[i]!.trim();
      sink.fields(fields, line);
      return;
    }
    if (quoted.quotes % 2 !== 0) return; // a quoted cell goes on over the next line
    const text = crlf && quoted.text.endsWith('\r') ? quoted.text.slice(0, -1) : quoted.text;
    quoted = undefined;
    let records: Array<{ record: string[]; info: { lines: number } }>;
    try {
      records = parseCsv(text, { ...CSV_OPTIONS, delimiter, record_delimiter: crlf ? '\r\n' : '\n' }) as unknown as typeof records;
    } catch {
      throw new WholeFile();
    }
    // the lines of a quoted record all break inside its quotes, so it is one record ending here
    // (csv-parse's own count would take a \r\n inside quotes for two lines)
    for (const r of records) sink.fields(r.record, line);
  };

  /** The complete lines of text[start..end] (end: the index of a \n). */
  const lines = (text: string, start: number, end: number) => {
    while (start <= end) {
      line++;
      // One pass to the line's end: cell bounds, and whether every character is printable ASCII.
      let count = 0;
      bounds[0] = start;
      let i = start;
      let plain = !quoted;
      let c = 0;
      for (; ; i++) {
        c = text.charCodeAt(i);
        if (c === 10) break;
        if (c === delim) {
          if (count === MAX_CELLS) plain = false;
          else bounds[++count] = i + 1;
        } else if (c <= 32 || c >= 127 || c === 34) {
          if (c === 13 && text.charCodeAt(i + 1) === 10 && crlf !== false) {
            if (plain) {
              crlf = true;
              bounds[++count] = i + 1;
              if (i > start) sink.spans(text, bounds, count, line);
            }
            i++;
            break;
          }
          plain = false;
        }
      }
      if (plain && c === 10) {
        if (crlf) throw new WholeFile(); // a bare \n in a \r\n file
        crlf = false;
        bounds[++count] = i + 1;
        if (i > start) sink.spans(text, bounds, count, line);
      } else if (!plain) {
        other(text.slice(start, i), true); // without the \n; a \r before it is kept
      }
      start = i + 1;
    }
  };

  // A line split between two chunks is joined on its own: the chunks stay flat strings, which
  // charCodeAt reads fast (text + chunk would be a rope it walks).
  let pending = '';
  for (const chunk of source) {
    let from = 0;
    if (pending !== '') {
      const nl = chunk.indexOf('\n');
      if (nl < 0) {
        pending += chunk;
        continue;
      }
      const joined = pending + chunk.slice(0, nl + 1);
      lines(joined, 0, joined.length - 1);
      from = nl + 1;
    }
    const end = chunk.lastIndexOf('\n');
    if (end < from) {
      pending = chunk.slice(from);
      continue;
    }
    lines(chunk, from, end);
    pending = chunk.slice(end + 1);
  }
  if (pending !== '') {
    line++;
    other(pending, false);
  }
  if (quoted) throw new WholeFile(); // an unclosed quote: let csv-parse say so
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n;
}

function wholeCsv(text: string, path: string): Array<{ record: string[]; info: { lines: number } }> {
  try {
    return parseCsv(text, { ...CSV_OPTIONS, delimiter: extname(path).toLowerCase() === '.tsv' ? '\t' : ',' }) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    throw new ConfigError(`not valid CSV: ${firstLine(e.message)}`, `${path}:${e.lines ?? 1}`);
  }
}

function header(fields: string[], path: string, line: number): Columns {
  const names = fields.map((h) => h.trim().toLowerCase());
  for (const name of REQUIRED) {
    if (!names.includes(name)) {
      throw new ConfigError(`missing column "${name}" (the header needs item, rater, label; criterion is optional)`, `${path}:${line}`);
    }
  }
  return { item: names.indexOf('item'), rater: names.indexOf('rater'), label: names.indexOf('label'), criterion: names.indexOf('criterion') };
}

function emit(fields: string[], line: number, c: Columns, onRow: OnRawLabel): void {
  onRow(
    {
      criterion: c.criterion >= 0 ? (fields[c.criterion] ?? '') : undefined,
      item: fields[c.item] ?? '',
      rater: fields[c.rater] ?? '',
      label: fields[c.label] ?? '',
      line,
    },
    false,
  );
}

// ---------- JSONL ----------

function jsonlRows(source: Peek, path: string, onRow: OnRawLabel): { hasCriterion: boolean } {
  let hasCriterion = false;
  let first = true;
  forEachLine(source, (raw, line) => {
    let src = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (first && src.charCodeAt(0) === 0xfeff) src = src.slice(1);
    first = false;
    if (src.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(src);
    } catch (err) {
      throw new ConfigError(`not valid JSON: ${firstLine((err as Error).message)}`, `${path}:${line}`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      throw new ConfigError('each line must be a JSON object with item, rater, label', `${path}:${line}`);
    }
    const o = obj as Record<string, unknown>;
    for (const name of REQUIRED) {
      if (!(name in o)) throw new ConfigError(`missing field "${name}"`, `${path}:${line}`);
    }
    if ('criterion' in o) hasCriterion = true;
    onRow({
      criterion: 'criterion' in o ? scalar(o.criterion, 'criterion', path, line) : undefined,
      item: scalar(o.item, 'item', path, line),
      rater: scalar(o.rater, 'rater', path, line),
      label: o.label === null ? null : scalar(o.label, 'label', path, line),
      line,
    }, false);
  });
  return { hasCriterion };
}

function scalar(v: unknown, name: string, path: string, line: number): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  throw new ConfigError(`field "${name}" must be a string or a number`, `${path}:${line}`);
}

function firstLine(s: string | undefined): string {
  return (s ?? '').split('\n')[0]!;
}
