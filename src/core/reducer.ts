/**
 * How the N results of a case run with `--repeat N` become its one verdict (the suite's
 * `reduce:`). The meaning of each is in src/runner/repeats.ts; majority is the default.
 */
export const REDUCERS = ['mean', 'majority', 'all', 'any'] as const;
export type Reducer = (typeof REDUCERS)[number];
export const DEFAULT_REDUCER: Reducer = 'majority';

/** The reducer recorded on a stored run (runs from before `reduce:` existed used majority). */
export function reducerOf(stored: unknown): Reducer {
  return (REDUCERS as readonly unknown[]).includes(stored) ? (stored as Reducer) : DEFAULT_REDUCER;
}
