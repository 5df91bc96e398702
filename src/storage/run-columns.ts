import { ConfigError } from '../core/errors.js';
import type { PairwiseSource, RunRecord } from './store.js';

/** One column of a matrix run: the provider spec and prompt label that made its outputs. */
export interface RunColumnInfo {
  provider: string;
  prompt: string;
}

/**
 * A matrix run's columns in column order; null for a one-column run. From the summary (finished
 * and interrupted runs), else from the configuration the run started with (a run still going).
 */
export function runColumns(run: Pick<RunRecord, 'summary' | 'config'>): RunColumnInfo[] | null {
  const fromSummary = run.summary?.columns;
  if (fromSummary) return fromSummary.map((c) => ({ provider: c.provider, prompt: c.prompt }));
  const stored = run.config.columns;
  if (!Array.isArray(stored) || stored.length === 0) return null;
  return stored.map((c: { provider?: unknown; prompt?: unknown }) => ({ provider: String(c.provider), prompt: String(c.prompt) }));
}

/** How people name a column: `openai:gpt-4o × a.hbs`. */
export function columnName(c: RunColumnInfo): string {
  return `${c.provider} × ${c.prompt}`;
}

/** `RUN` or `RUN:COLUMN` split at the first colon (provider specs in the column part keep theirs). */
export function splitRunRef(ref: string): { run: string; column?: string } {
  const at = ref.indexOf(':');
  return at < 0 ? { run: ref } : { run: ref.slice(0, at), column: ref.slice(at + 1) };
}

/**
 * The column (1-based, as the console shows it) that `sel` names in a matrix run: its number, or a
 * provider spec, prompt label or `provider × prompt` that names exactly one column. Anything else
 * is refused with the run's columns listed; so is a column of a one-column run.
 */
export function resolveColumn(run: Pick<RunRecord, 'id' | 'summary' | 'config'>, sel: string): number {
  const columns = runColumns(run);
  if (!columns) throw new ConfigError(`run "${run.id}" has one column; name it as ${run.id}`);
  const n = /^\d+$/.test(sel) ? Number(sel) : 0;
  const matches = n > 0
    ? (n <= columns.length ? [n] : [])
    : columns.flatMap((c, i) => (c.provider === sel || c.prompt === sel || columnName(c) === sel ? [i + 1] : []));
  if (matches.length !== 1) {
    const list = columns.map((c, i) => `${i + 1} = ${columnName(c)}`).join('; ');
    throw new ConfigError(`run "${run.id}": ${matches.length ? `"${sel}" names ${matches.length} columns` : `no column "${sel}"`} (${list})`);
  }
  return matches[0]!;
}

/**
 * One side of a pairwise comparison or review: a run, or one column of a matrix run (`column`,
 * 1-based, checked against the run). A matrix run without a column is refused: its columns are
 * different systems, and pairing them by case would mix them.
 */
export function pairwiseSource(run: Pick<RunRecord, 'id' | 'summary' | 'config'>, column?: number, label?: string): PairwiseSource {
  const columns = runColumns(run);
  if (column === undefined) {
    if (columns) throw new ConfigError(`run "${run.id}" is a matrix of ${columns.length} columns: name one (${run.id}:1, ${run.id}:2, ...)`);
    return { label: label ?? run.id, runId: run.id };
  }
  const c = columns?.[column - 1];
  if (!c) {
    throw new ConfigError(columns
      ? `run "${run.id}" has no column ${column} (${columns.map((x, i) => `${i + 1} = ${columnName(x)}`).join('; ')})`
      : `run "${run.id}" has one column; name it as ${run.id}`);
  }
  return { label: label ?? `${run.id}:${column}`, runId: run.id, column, provider: c.provider, prompt: c.prompt };
}

/** The sources name the same outputs (same run, same column). */
export function sameSource(x: PairwiseSource, y: PairwiseSource): boolean {
  return x.runId === y.runId && (x.column ?? 0) === (y.column ?? 0);
}

/** `RUN` or `RUN:N` as a person would type it again. */
export function sourceRef(s: PairwiseSource): string {
  return s.column === undefined ? s.runId : `${s.runId}:${s.column}`;
}

/** A source as an admin reads it: `RUN`, or `RUN:N (provider × prompt)` for a matrix column. */
export function describeSource(s: PairwiseSource): string {
  return s.column === undefined ? s.runId : `${sourceRef(s)} (${columnName({ provider: s.provider ?? '?', prompt: s.prompt ?? '?' })})`;
}
