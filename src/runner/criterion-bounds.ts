import type { Rubric } from '../core/rubric.js';
import { rubricBounds } from '../scorers/judge/judge-scorer.js';
import type { Bounds } from '../stats/mean-ci.js';
import type { RunRecord } from '../storage/store.js';
import type { RunScorer } from './types.js';

export type CriterionBounds = Readonly<Record<string, Bounds>>;

/** Every criterion's range, as the plan's scorers declare it (stored on the run as config.bounds). */
export function planBounds(scorers: readonly Pick<RunScorer, 'bounds'>[]): CriterionBounds {
  return Object.assign({}, ...scorers.map((s) => s.bounds ?? {}));
}

/**
 * The ranges a stored run's criteria lie in: what the run recorded, else (runs stored before it
 * did) what its rubrics say. A criterion with no known range keeps an unbounded interval.
 */
export function runBounds(run: Pick<RunRecord, 'config'>): CriterionBounds {
  const c = run.config as { bounds?: Record<string, [number, number]>; rubrics?: Array<{ rubric: Rubric }>; rubric?: Rubric };
  const fromRubrics = [...(c.rubrics ?? []).map((r) => r.rubric), ...(c.rubric ? [c.rubric] : [])].filter((r) => r && Array.isArray(r.criteria));
  return Object.assign({}, ...fromRubrics.map(rubricBounds), ...(isBounds(c.bounds) ? [c.bounds] : []));
}

/** As the run config stores them (plain, mutable pairs). */
export function storedBounds(b: CriterionBounds): Record<string, [number, number]> {
  return Object.fromEntries(Object.entries(b).map(([k, [lo, hi]]) => [k, [lo, hi]]));
}

function isBounds(x: unknown): x is Record<string, Bounds> {
  return typeof x === 'object' && x !== null && Object.values(x).every((b) => Array.isArray(b) && b.length === 2 && b.every(Number.isFinite) && b[0] < b[1]);
}
