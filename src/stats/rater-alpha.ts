import { krippendorffAlpha, type AlphaLevel } from './krippendorff-alpha.js';
import { round4 } from './round.js';

/** An alpha as the summaries keep it: the value (4 places) with Gwet's SE and 95% CI when defined, or why it is undefined. */
export type RaterAlphaFigure = { value: number; se?: number; ci95?: [number, number] } | { value: null; reason: string };

/**
 * Krippendorff's alpha with outputs as units and `raters` raters (a judge's K asks under
 * `--judge-repeat`, or a panel's judges), rounded to 4 places with Gwet's SE and 95% CI when
 * defined; `outputs` counts the units with two or more ratings, the only ones alpha can use.
 * Rows shorter than `raters` are padded with missing ratings.
 */
export function raterAlpha(rows: ReadonlyArray<ReadonlyArray<number | null>>, raters: number, level: AlphaLevel): { outputs: number; alpha: RaterAlphaFigure } {
  const padded = rows.map((r) => Array.from({ length: raters }, (_, j) => r[j] ?? null));
  const outputs = padded.filter((r) => r.filter((v) => v !== null).length >= 2).length;
  const a = krippendorffAlpha(padded, { level });
  const alpha: RaterAlphaFigure =
    a.value === null
      ? { value: null, reason: a.reason }
      : { value: round4(a.value), ...(a.se === undefined ? {} : { se: round4(a.se) }), ...(a.ci95 ? { ci95: [round4(a.ci95[0]), round4(a.ci95[1])] as [number, number] } : {}) };
  return { outputs, alpha };
}
