import { scoreInterval } from '../stats/mean-ci.js';
import type { StatResult } from '../stats/result.js';
import { wilsonInterval } from '../stats/wilson.js';
import type { CriterionBounds } from '../runner/criterion-bounds.js';
import type { CaseReport } from '../runner/run-report.js';

/**
 * The figures an HTML report draws, computed once on the Node side so the page only renders:
 * the numbers a reader sees in a table are the numbers the chart shows.
 */

/** A value with its 95% interval and the n it rests on; value null when undefined (reason says why). */
export interface Figure {
  value: number | null;
  lo: number | null;
  hi: number | null;
  n: number;
  reason?: string;
}

export interface PassFigure extends Figure {
  passed: number;
}

export interface CriterionView {
  criterion: string;
  mean: Figure;
  unscored: number;
  /** Bars of the distribution: one per distinct value when there are few, else equal-width bins. */
  bins: Array<{ label: string; count: number }>;
}

export interface SliceView {
  /** Tag value; "(no tag)" for untagged cases. */
  value: string;
  pass: PassFigure;
  /** Fewer cases than SMALL_SLICE: the interval is wide, read it as a hint. */
  small: boolean;
}

/** Slices with fewer cases than this are marked small (not hidden). */
export const SMALL_SLICE = 10;
const MAX_DISTINCT_BARS = 12;
const BINS = 10;

export function figureOf(r: StatResult | { value: number; ci95: [number, number] | null } | { value: null; reason: string }, n: number): Figure {
  if (r.value === null) return { value: null, lo: null, hi: null, n, reason: r.reason };
  return { value: r.value, lo: r.ci95?.[0] ?? null, hi: r.ci95?.[1] ?? null, n };
}

/** Pass rate over all (case, repeat) rows: errored and unscored rows count as not passed. */
export function passFigure(cases: readonly Pick<CaseReport, 'status'>[]): PassFigure {
  const passed = cases.filter((c) => c.status === 'passed').length;
  return { ...figureOf(wilsonInterval(passed, cases.length), cases.length), passed };
}

export function criterionViews(cases: readonly CaseReport[], bounds: CriterionBounds = {}): CriterionView[] {
  const values = new Map<string, Array<number | null>>();
  const ids = new Map<string, string[]>();
  for (const c of cases) {
    for (const s of c.scores) {
      let list = values.get(s.criterion);
      let owners = ids.get(s.criterion);
      if (!list) values.set(s.criterion, (list = []));
      if (!owners) ids.set(s.criterion, (owners = []));
      list.push(s.value !== null && Number.isFinite(s.value) ? s.value : null);
      owners.push(c.caseId);
    }
  }
  return [...values]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([criterion, vs]) => {
      // Same interval as show and the JSON report (kept inside the criterion's range, clustered by case with repeats).
      const m = scoreInterval(vs, ids.get(criterion), bounds[criterion]);
      const scored = vs.filter((v): v is number => v !== null);
      return { criterion, mean: figureOf(m, m.n), unscored: vs.length - scored.length, bins: binsOf(scored) };
    });
}

export function sliceViews(cases: readonly CaseReport[]): SliceView[] {
  const byTag = new Map<string, CaseReport[]>();
  for (const c of cases) {
    for (const tag of c.tags.length ? new Set(c.tags) : ['(no tag)']) {
      let list = byTag.get(tag);
      if (!list) byTag.set(tag, (list = []));
      list.push(c);
    }
  }
  return [...byTag]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([value, list]) => ({ value, pass: passFigure(list), small: list.length < SMALL_SLICE }));
}

function binsOf(values: number[]): Array<{ label: string; count: number }> {
  if (values.length === 0) return [];
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  if (distinct.length <= MAX_DISTINCT_BARS) {
    const counts = new Map<number, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return distinct.map((v) => ({ label: String(v), count: counts.get(v)! }));
  }
  const min = distinct[0]!;
  const max = distinct[distinct.length - 1]!;
  const width = (max - min) / BINS;
  const counts = new Array<number>(BINS).fill(0);
  for (const v of values) counts[Math.min(BINS - 1, Math.floor((v - min) / width))]!++;
  const edge = (i: number) => round(min + i * width);
  return counts.map((count, i) => ({ label: `${edge(i)}–${edge(i + 1)}`, count }));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
