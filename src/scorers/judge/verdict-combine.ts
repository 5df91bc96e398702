/**
 * The pieces shared by the two ways juror combines several judge verdicts on one output into one
 * score: `--judge-repeat K` (one judge asked K times, judge-repeats.ts) and a judge panel (several
 * judges, panel-aggregate.ts).
 */

/** The scale level nearest x (the lower one on a tie): the label of a mean verdict. */
export function nearestLevel(levels: readonly number[], x: number): number {
  let best = levels[0]!;
  for (const l of levels) {
    const d = Math.abs(l - x);
    const bd = Math.abs(best - x);
    if (d < bd - 1e-9 || (Math.abs(d - bd) <= 1e-9 && l < best)) best = l;
  }
  return best;
}

/** The most common value and how often it came; null when two values tie for most common (no majority). */
export function majorityOf(values: readonly number[]): { value: number; count: number } | null {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || (ranked.length > 1 && ranked[0]![1] === ranked[1]![1])) return null;
  return { value: ranked[0]![0], count: ranked[0]![1] };
}

/** The judge tokens of several verdicts' calls (each verdict's `meta.usage` is one call's). */
export function sumUsage(verdicts: ReadonlyArray<{ meta?: Record<string, unknown> }>): { inputTokens: number; outputTokens: number } {
  let inputTokens = 0;
  let outputTokens = 0;
  for (const v of verdicts) {
    const u = v.meta?.usage as { inputTokens?: number; outputTokens?: number } | undefined;
    inputTokens += u?.inputTokens ?? 0;
    outputTokens += u?.outputTokens ?? 0;
  }
  return { inputTokens, outputTokens };
}

/** Verdicts listed for a reason: "4, 3, –" (– = unscored). */
export function listVerdicts(verdicts: ReadonlyArray<{ value: number | null; label?: string }>): string {
  return verdicts.map((v) => (v.value === null ? '–' : (v.label ?? String(v.value)))).join(', ');
}
