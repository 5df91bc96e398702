/**
 * The one result shape every statistic returns. Degenerate data (one category, one rater, no
 * pairable items, zero variance...) is a normal outcome, not an error: it yields
 * `{ value: null, reason }` with a reason a user understands. Never NaN, never a throw.
 */
export type Estimate = { value: number; se?: number; ci95?: [number, number] };
export type Undefined = { value: null; reason: string };
export type StatResult = Estimate | Undefined;

/** A chance-corrected coefficient also reports its observed (pa) and chance (pe) agreement. */
export type Coefficient = (Estimate & { pa: number; pe: number }) | Undefined;

export function undefinedResult(reason: string): Undefined {
  return { value: null, reason };
}

export function isEstimate<T extends StatResult>(r: T): r is Exclude<T, Undefined> {
  return r.value !== null;
}
