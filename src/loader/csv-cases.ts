import { basename, extname } from 'node:path';
import { createRequire } from 'node:module';
import { ConfigError } from '../core/errors.js';
import type { Located } from './case-entries.js';
import { readByteChunks } from './read-lines.js';

/**
 * Cases from a CSV (or .tsv) file with a header: the columns `id`, `expected`, `tags`, `context`
 * and `gold_ids` (any case) fill those fields; every other column is a var. Read in chunks through
 * csv-parse's incremental parser, so the file is never held whole. Every error names file:line.
 *
 * - `id`: required per row when the column exists; without the column, ids are `<file stem>-<row>`.
 * - `expected`: the cell text (an empty cell: no expected value).
 * - `tags`, `gold_ids`: a JSON list, or values separated by `,` or `;`.
 * - `context`: a JSON list (of strings or `{ text, id?, score? }` chunks) when the cell starts with
 *   `[`, else the cell is one passage.
 */
export function* csvEntries(path: string, shown: string): Generator<Located> {
  const tsv = extname(path).toLowerCase() === '.tsv';
  // csv-parse's Parser wraps a synchronous incremental parser (`api.parse(chunk, end, push, close)`);
  // suite loading is synchronous, so we drive that directly rather than the stream interface.
  // TSV has no quoting (a cell cannot hold a tab); in CSV a stray quote inside a cell (5" screen) is text.
  const quoting = tsv ? { quote: false as const } : { relax_quotes: true };
  // loaded when a CSV is read (its one-file CommonJS build: loading is synchronous here), not at every start-up
  const { Parser } = createRequire(import.meta.url)('csv-parse') as typeof import('csv-parse');
  const parser = new Parser({ bom: true, info: true, skip_empty_lines: true, delimiter: tsv ? '\t' : ',', ...quoting }) as unknown as {
    api: { parse(buf: Buffer | undefined, end: boolean, push: (r: CsvRecord) => void, close: () => void): unknown };
  };
  let header: Header | undefined;
  let row = 0;
  const stem = basename(path, extname(path));
  const take = (records: CsvRecord[]) => {
    const out: Located[] = [];
    for (const r of records) {
      if (!header) {
        header = parseHeader(r, shown);
        continue;
      }
      row += 1;
      out.push(rowEntry(r, header, `${shown}:${r.info.lines}`, r.info.lines, `${stem}-${row}`));
    }
    return out;
  };
  const feed = (chunk: Buffer | undefined, end: boolean) => {
    const records: CsvRecord[] = [];
    const err = parser.api.parse(chunk, end, (r) => void records.push(r), () => undefined);
    if (err) throw csvError(err, shown);
    return take(records);
  };
  for (const chunk of readByteChunks(path)) yield* feed(chunk, false);
  yield* feed(undefined, true);
  if (!header) throw new ConfigError('empty CSV file (expected a header row: id, vars..., expected)', `${shown}:1`);
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

interface Header {
  names: string[];
  /** The lower-cased name when it is one of the recognised columns. */
  roles: Array<Role | undefined>;
}

type Role = 'id' | 'expected' | 'tags' | 'context' | 'gold_ids';
const ROLES = new Set<string>(['id', 'expected', 'tags', 'context', 'gold_ids']);

function parseHeader(r: CsvRecord, shown: string): Header {
  const where = `${shown}:${r.info.lines}`;
  const names = r.record.map((h) => h.trim());
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (n === '') throw new ConfigError(`CSV header: column ${i + 1} has no name`, where);
    const key = ROLES.has(n.toLowerCase()) ? n.toLowerCase() : n;
    if (seen.has(key)) throw new ConfigError(`CSV header: column "${n}" appears twice`, where);
    seen.add(key);
  });
  return { names, roles: names.map((n) => (ROLES.has(n.toLowerCase()) ? (n.toLowerCase() as Role) : undefined)) };
}

function rowEntry(r: CsvRecord, h: Header, where: string, line: number, defaultId: string): Located {
  const value: Record<string, unknown> = {};
  const vars: Record<string, string> = {};
  let hasId = false;
  h.names.forEach((name, i) => {
    const cell = r.record[i] ?? '';
    switch (h.roles[i]) {
      case 'id':
        hasId = true;
        if (cell.trim() === '') throw new ConfigError('empty id (every row needs one when the CSV has an id column)', where);
        value.id = cell.trim();
        break;
      case 'expected':
        if (cell !== '') value.expected = cell;
        break;
      case 'tags':
        value.tags = listCell(cell, 'tags', where);
        break;
      case 'gold_ids':
        if (cell.trim() !== '') value.gold_ids = listCell(cell, 'gold_ids', where);
        break;
      case 'context':
        if (cell.trim() !== '') value.context = contextCell(cell, where);
        break;
      default:
        vars[name] = cell;
    }
  });
  if (!hasId) value.id = defaultId;
  value.vars = vars;
  return { value, where, line, locate: () => ({ where, line }) };
}

function listCell(cell: string, column: string, where: string): string[] {
  const t = cell.trim();
  if (t === '') return [];
  if (t.startsWith('[')) {
    const v = parseJsonCell(t, column, where);
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' || typeof x === 'number')) {
      throw new ConfigError(`${column}: expected a JSON list of strings, got ${t.length > 40 ? t.slice(0, 39) + '…' : t}`, where);
    }
    return v.map(String);
  }
  return t.split(/[;,]/).map((s) => s.trim()).filter(Boolean);
}

function contextCell(cell: string, where: string): unknown {
  const t = cell.trim();
  return t.startsWith('[') ? parseJsonCell(t, 'context', where) : cell;
}

function parseJsonCell(text: string, column: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${column}: the cell starts with "[" but is not valid JSON (${(err as Error).message.split('\n')[0]})`, where);
  }
}

function csvError(err: unknown, shown: string): ConfigError {
  const e = err as { code?: string; lines?: number; message?: string; record?: unknown[] };
  const line = e.lines ?? 1;
  if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' || e.code === 'CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH') {
    const got = Array.isArray(e.record) ? e.record.length : undefined;
    return new ConfigError(`CSV row has ${got ?? 'a different number of'} cells, the header has ${/expect (\d+)/.exec(e.message ?? '')?.[1] ?? 'another number'}`, `${shown}:${line}`);
  }
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return new ConfigError('CSV: a quoted cell is never closed', `${shown}:${line}`);
  return new ConfigError(`not valid CSV: ${(e.message ?? String(err)).split('\n')[0]!.replace(/ at line \d+$/, '')}`, `${shown}:${line}`);
}
