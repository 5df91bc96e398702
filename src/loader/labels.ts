import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { ConfigError } from '../core/errors.js';
import { canonicalNumber, looseNumber, normaliseLabel, NUMBER_SPELLING } from '../core/label-spelling.js';

/**
 * Label files for `juror agreement --labels FILE`: CSV with a header, or JSONL, with the fields
 * `item`, `rater`, `label` and optionally `criterion`. A missing rating is an absent row; an empty
 * label cell (or `"label": null`) also counts as "not rated", so spreadsheet exports with blanks load.
 *
 * Every error names FILE:LINE. The same rater giving the same label to the same item twice is
 * tolerated (dropped, with a warning naming both lines); giving two different labels is an error,
 * because we cannot tell which one the rater meant.
 *
 * Text fields are trimmed and Unicode-normalised (NFC); a label that is a strict decimal number
 * takes its canonical spelling ("4.0" and "04" are "4"), see core/label-spelling.ts.
 */

export const DEFAULT_CRITERION = 'default';

export interface LabelRow {
  criterion: string;
  item: string;
  rater: string;
  label: string;
  /** 1-based line in the file where the row starts (for error messages). */
  line: number;
}

export interface LabelFileCheck {
  /** Allowed criteria with their allowed labels (e.g. a review's rubric); unknown ones are errors. */
  criteria?: Map<string, string[]>;
  /** `--order a,b,c`: every label must be one of these. */
  order?: string[];
}

export interface LabelFile {
  path: string;
  rows: LabelRow[];
  /** Rows dropped as exact duplicates (same criterion, item, rater and label). */
  duplicates: number;
  /** Things the reader should know but that do not stop the file loading, each at FILE:LINE. */
  warnings: LabelWarning[];
  /** Whether the file had a criterion column/field. */
  hasCriterion: boolean;
}

export interface LabelWarning {
  where: string;
  message: string;
}

const REQUIRED = ['item', 'rater', 'label'] as const;

/** `name` is how errors refer to the file (the path as the user typed it); default `path`. */
export function readLabelFile(path: string, check: LabelFileCheck = {}, name = path): LabelFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(code === 'ENOENT' ? 'label file not found' : `cannot read label file (${code ?? String(err)})`, name);
  }
  return parseLabelText(text, name, check);
}

/** Parse label text; `path` is used for the format guess and in error messages. */
export function parseLabelText(text: string, path: string, check: LabelFileCheck = {}): LabelFile {
  const raw = isJsonl(text, path) ? parseJsonl(text, path) : parseCsvLabels(text, path);
  return validate(raw, path, check);
}

function isJsonl(text: string, path: string): boolean {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return true;
  if (ext === '.csv' || ext === '.tsv') return false;
  return text.replace(/^\uFEFF/, '').trimStart().startsWith('{');
}

interface RawRows {
  rows: Array<{ criterion: string | undefined; item: string; rater: string; label: string | null; line: number }>;
  hasCriterion: boolean;
}

function parseCsvLabels(text: string, path: string): RawRows {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parseCsv(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      delimiter: extname(path).toLowerCase() === '.tsv' ? '\t' : ',',
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    throw new ConfigError(`not valid CSV: ${firstLine(e.message)}`, `${path}:${e.lines ?? 1}`);
  }
  if (records.length === 0) throw new ConfigError('empty label file (expected a header: item,rater,label)', `${path}:1`);
  const header = records[0]!;
  const cols = header.record.map((h) => h.trim().toLowerCase());
  const headerLine = header.info.lines;
  for (const name of REQUIRED) {
    if (!cols.includes(name)) {
      throw new ConfigError(`missing column "${name}" (the header needs item, rater, label; criterion is optional)`, `${path}:${headerLine}`);
    }
  }
  const at = (name: string) => cols.indexOf(name);
  const [iItem, iRater, iLabel, iCrit] = [at('item'), at('rater'), at('label'), at('criterion')];
  const rows: RawRows['rows'] = [];
  for (const { record, info } of records.slice(1)) {
    // csv-parse reports the line where a record ENDS; a quoted multi-line cell is the only way
    // a record spans lines, and pointing at its end is still the right neighbourhood.
    const line = info.lines;
    const cell = (i: number) => (i >= 0 ? (record[i] ?? '') : undefined);
    rows.push({
      criterion: cell(iCrit),
      item: cell(iItem)!,
      rater: cell(iRater)!,
      label: cell(iLabel)!,
      line,
    });
  }
  return { rows, hasCriterion: iCrit >= 0 };
}

function parseJsonl(text: string, path: string): RawRows {
  const rows: RawRows['rows'] = [];
  let hasCriterion = false;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((src, index) => {
    const line = index + 1;
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
    rows.push({
      criterion: 'criterion' in o ? scalar(o.criterion, 'criterion', path, line) : undefined,
      item: scalar(o.item, 'item', path, line),
      rater: scalar(o.rater, 'rater', path, line),
      label: o.label === null ? null : scalar(o.label, 'label', path, line),
      line,
    });
  });
  return { rows, hasCriterion };
}

function scalar(v: unknown, name: string, path: string, line: number): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  throw new ConfigError(`field "${name}" must be a string or a number`, `${path}:${line}`);
}

function text(s: string): string {
  return s.normalize('NFC').trim();
}

function validate(raw: RawRows, path: string, check: LabelFileCheck): LabelFile {
  const order = check.order ? new Set(check.order.map(normaliseLabel)) : undefined;
  const allowedBy = check.criteria ? new Map([...check.criteria].map(([c, l]) => [text(c), new Set(l.map(normaliseLabel))])) : undefined;
  const seen = new Map<string, { label: string; line: number }>();
  const rows: LabelRow[] = [];
  const warnings: LabelWarning[] = [];
  let duplicates = 0;
  for (const r of raw.rows) {
    const where = `${path}:${r.line}`;
    const item = text(r.item);
    const rater = text(r.rater);
    const crit = r.criterion === undefined ? undefined : text(r.criterion);
    if (item === '') throw new ConfigError('empty item', where);
    if (rater === '') throw new ConfigError('empty rater', where);
    if (crit === '') throw new ConfigError('empty criterion', where);
    const label = r.label === null ? '' : normaliseLabel(r.label);
    if (label === '') continue; // not rated (an empty or blank cell, or null)
    const criterion = crit ?? DEFAULT_CRITERION;
    if (allowedBy) {
      const allowed = allowedBy.get(criterion);
      if (!allowed) {
        const names = [...check.criteria!.keys()].join(', ');
        throw new ConfigError(`unknown criterion "${criterion}" (the rubric has: ${names})`, where);
      }
      if (!allowed.has(label)) {
        throw new ConfigError(`label "${r.label}" is not on the scale of "${criterion}" (${check.criteria!.get(criterion)!.join(', ')})${spellingHint(label)}`, where);
      }
    }
    if (order && !order.has(label)) {
      throw new ConfigError(`label "${r.label}" is not in --order (${check.order!.join(', ')})${spellingHint(label)}`, where);
    }
    if (!allowedBy && !order && looseNumber(label)) {
      warnings.push({ where, message: `label "${label}" is not a plain decimal number, so it counts as a category of its own (${NUMBER_SPELLING})` });
    }
    const key = JSON.stringify([criterion, item, rater]);
    const prev = seen.get(key);
    if (prev) {
      if (prev.label === label) {
        duplicates += 1;
        warnings.push({ where, message: `duplicate of line ${prev.line} (same item "${item}", rater "${rater}" and label "${label}"): dropped` });
        continue;
      }
      throw new ConfigError(
        `rater "${rater}" labelled item "${item}"${criterion === DEFAULT_CRITERION ? '' : ` (${criterion})`} twice with different labels: "${prev.label}" (line ${prev.line}) and "${label}"`,
        where,
      );
    }
    seen.set(key, { label, line: r.line });
    rows.push({ criterion, item, rater, label, line: r.line });
  }
  return { path, rows, duplicates, warnings, hasCriterion: raw.hasCriterion };
}

function spellingHint(label: string): string {
  return looseNumber(label) ? `; ${NUMBER_SPELLING}` : '';
}

/** A strictly spelled decimal number (labels are already normalised, so "4" not "4.0"). */
export function isNumeric(s: string): boolean {
  return canonicalNumber(s) !== null;
}

export function allNumeric(values: Iterable<string>): boolean {
  for (const v of values) if (!isNumeric(v)) return false;
  return true;
}

function firstLine(s: string | undefined): string {
  return (s ?? '').split('\n')[0]!;
}
