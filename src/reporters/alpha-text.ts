import type { AlphaFigure, JudgeRetest } from '../storage/store.js';

/**
 * A judge's test-retest alpha in one cell: "0.869 [0.773, 0.966] (ordinal, 4 outputs × 3 asks)",
 * or "— (why; ...)". Shared by `juror calibrate` (calibration/format.ts) and the run summary's
 * retest and panel lines; imports nothing heavy, as the console reporter loads it on every run.
 */
export function retestCell(r: JudgeRetest): string {
  return alphaCell(r.alpha, `${r.level}, ${r.outputs} outputs × ${r.repeats} asks`);
}

/** An alpha with its CI and what it was computed over (a judge's asks, or a panel's judges). */
export function alphaCell(alpha: AlphaFigure, what: string): string {
  if (alpha.value === null) return `— (${alpha.reason}; ${what})`;
  const ci = alpha.ci95 ? ` [${alpha.ci95[0].toFixed(3)}, ${alpha.ci95[1].toFixed(3)}]` : '';
  return `${alpha.value.toFixed(3)}${ci} (${what})`;
}
