import type { CaseStatus, CaseOutcome } from './types.js';

/** One case of a matrix run: its status in each column (null: no result there yet). */
export interface GridRow {
  caseId: string;
  repeat: number;
  statuses: Array<CaseStatus | null>;
  /** The columns do not all agree (errored and unscored count as their own outcomes). */
  disagree: boolean;
}

/**
 * The per-case grid of a matrix run, in case order: one row per (case, repeat), one cell per
 * column. The reporters highlight the rows where the columns disagree.
 */
export function matrixGrid(cases: ReadonlyArray<Pick<CaseOutcome, 'caseId' | 'repeat' | 'col' | 'status'>>, width: number): GridRow[] {
  const rows = new Map<string, GridRow>();
  for (const c of cases) {
    const key = `${c.caseId}\u0000${c.repeat}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { caseId: c.caseId, repeat: c.repeat, statuses: Array.from({ length: width }, () => null), disagree: false }));
    row.statuses[c.col ?? 0] = c.status;
  }
  for (const row of rows.values()) row.disagree = new Set(row.statuses).size > 1;
  return [...rows.values()];
}
