import type { JudgeRetest } from '../storage/store.js';

/**
 * A judge's test-retest alpha in one cell: "0.869 [0.773, 0.966] (ordinal, 4 outputs × 3 asks)",
 * or "— (why; ...)". Shared by `juror calibrate` and the run summary; imports nothing heavy, as the
 * console reporter loads it on every run.
 */
export function retestCell(r: JudgeRetest): string {
  const what = `${r.level}, ${r.outputs} outputs × ${r.repeats} asks`;
  if (r.alpha.value === null) return `— (${r.alpha.reason}; ${what})`;
  const ci = r.alpha.ci95 ? ` [${r.alpha.ci95[0].toFixed(3)}, ${r.alpha.ci95[1].toFixed(3)}]` : '';
  return `${r.alpha.value.toFixed(3)}${ci} (${what})`;
}
