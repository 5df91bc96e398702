/**
 * Holm's step-down adjustment (Holm 1979) for a family of tests: sort the m p-values, multiply the
 * i-th smallest by (m − i + 1), carry the running maximum, cap at 1. It controls the chance of ANY
 * false "significant" in the family at alpha, like Bonferroni, but rejects more. Same as R
 * `p.adjust(p, "holm")` and statsmodels `multipletests(method='holm')`. Null (a test that could
 * not be computed) stays null and is not counted in m.
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const present = pValues.map((p, i) => ({ p, i })).filter((x): x is { p: number; i: number } => x.p !== null);
  for (const { p } of present) if (!(p >= 0 && p <= 1)) throw new RangeError(`holmAdjust: p-values must be in [0, 1], got ${p}`);
  present.sort((a, b) => a.p - b.p);
  const m = present.length;
  const out: (number | null)[] = pValues.map(() => null);
  let running = 0;
  present.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}
