import { ConfigError } from '../core/errors.js';
import { readRawLabels, type RawLabel } from './label-records.js';
import { readChunks } from './read-lines.js';
import { canonicalNumber, looseNumber, nfc, normaliseLabel, NUMBER_SPELLING } from '../core/label-spelling.js';

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
  /** 1-based line in the file where the row ends (for error messages; a quoted cell may span lines). */
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

/**
 * Where validated rows go. `add` records a row unless the same rater already labelled the same item
 * under the same criterion; then it records nothing and returns that earlier label and its line, and
 * the reader decides (an exact duplicate is dropped with a warning, a different label is an error).
 * `agreement/` passes a sink that packs rows straight into rating patterns (no row list is kept).
 */
export interface LabelSink {
  add(row: LabelRow): { label: string; line: number } | undefined;
}

/** What reading a file tells beside the rows it handed to the sink. */
export interface LabelReadSummary {
  duplicates: number;
  warnings: LabelWarning[];
  hasCriterion: boolean;
}

/** `name` is how errors refer to the file (the path as the user typed it); default `path`. */
export function readLabelFile(path: string, check: LabelFileCheck = {}, name = path): LabelFile {
  const rows = new RowList();
  return { path: name, rows: rows.rows, ...streamLabelFile(path, rows, check, name) };
}

/** Read a label file in chunks into `sink`, validating each row as it comes (errors at FILE:LINE). */
export function streamLabelFile(path: string, sink: LabelSink, check: LabelFileCheck = {}, name = path): LabelReadSummary {
  return readInto(() => fileChunks(path, name), name, sink, check);
}

function* fileChunks(path: string, name: string): Generator<string> {
  try {
    yield* readChunks(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(code === 'ENOENT' ? 'label file not found' : `cannot read label file (${code ?? String(err)})`, name);
  }
}

/** Parse label text; `path` is used for the format guess and in error messages. */
export function parseLabelText(text: string, path: string, check: LabelFileCheck = {}): LabelFile {
  const rows = new RowList();
  return { path, rows: rows.rows, ...readInto(() => [text], path, rows, check) };
}

/** The plain sink: every accepted row in file order. */
class RowList implements LabelSink {
  readonly rows: LabelRow[] = [];
  private readonly seen = new Map<string, { label: string; line: number }>();
  add(row: LabelRow): { label: string; line: number } | undefined {
    const key = JSON.stringify([row.criterion, row.item, row.rater]);
    const prev = this.seen.get(key);
    if (prev) return prev;
    this.seen.set(key, { label: row.label, line: row.line });
    this.rows.push(row);
    return undefined;
  }
}

function text(s: string): string {
  return nfc(s).trim();
}

function readInto(open: () => Iterable<string>, path: string, sink: LabelSink, check: LabelFileCheck): LabelReadSummary {
  const order = check.order ? new Set(check.order.map(normaliseLabel)) : undefined;
  const allowedBy = check.criteria ? new Map([...check.criteria].map(([c, l]) => [text(c), new Set(l.map(normaliseLabel))])) : undefined;
  const warnings: LabelWarning[] = [];
  let duplicates = 0;
  const at = (line: number) => `${path}:${line}`;
  const onRow = (r: RawLabel, plain: boolean) => {
    const line = r.line;
    // plain cells are trimmed ASCII already: NFC and trim would return them as they are
    const item = plain ? r.item : text(r.item);
    const rater = plain ? r.rater : text(r.rater);
    const crit = r.criterion === undefined ? undefined : plain ? r.criterion : text(r.criterion);
    if (item === '') throw new ConfigError('empty item', at(line));
    if (rater === '') throw new ConfigError('empty rater', at(line));
    if (crit === '') throw new ConfigError('empty criterion', at(line));
    const label = r.label === null ? '' : plain ? (canonicalNumber(r.label) ?? r.label) : normaliseLabel(r.label);
    if (label === '') return; // not rated (an empty or blank cell, or null)
    const criterion = crit ?? DEFAULT_CRITERION;
    if (allowedBy) {
      const allowed = allowedBy.get(criterion);
      if (!allowed) {
        const names = [...check.criteria!.keys()].join(', ');
        throw new ConfigError(`unknown criterion "${criterion}" (the rubric has: ${names})`, at(line));
      }
      if (!allowed.has(label)) {
        throw new ConfigError(`label "${r.label}" is not on the scale of "${criterion}" (${check.criteria!.get(criterion)!.join(', ')})${spellingHint(label)}`, at(line));
      }
    }
    if (order && !order.has(label)) {
      throw new ConfigError(`label "${r.label}" is not in --order (${check.order!.join(', ')})${spellingHint(label)}`, at(line));
    }
    if (!allowedBy && !order && looseNumber(label)) {
      warnings.push({ where: at(line), message: `label "${label}" is not a plain decimal number, so it counts as a category of its own (${NUMBER_SPELLING})` });
    }
    const prev = sink.add({ criterion, item, rater, label, line: r.line });
    if (!prev) return;
    if (prev.label === label) {
      duplicates += 1;
      warnings.push({ where: at(line), message: `duplicate of line ${prev.line} (same item "${item}", rater "${rater}" and label "${label}"): dropped` });
      return;
    }
    throw new ConfigError(
      `rater "${rater}" labelled item "${item}"${criterion === DEFAULT_CRITERION ? '' : ` (${criterion})`} twice with different labels: "${prev.label}" (line ${prev.line}) and "${label}"`,
      at(line),
    );
  };
  const { hasCriterion } = readRawLabels(open, path, onRow);
  return { duplicates, warnings, hasCriterion };
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
