import { canonicalNumber } from '../core/label-spelling.js';

/**
 * The compact, source-independent form agreement is computed from: for one criterion, the
 * distinct "rating patterns" (which rater gave which category on an item) and how many items
 * share each pattern. Both a label file and the SQLite store produce this, so one report builder
 * serves both — and the store can do the heavy counting in SQL (GROUP BY pattern), handing us a
 * few thousand patterns instead of a million rows.
 */

export interface RatingPattern {
  /** [rater index, category index] pairs, at most one per rater. */
  ratings: Array<[number, number]>;
  /** How many items carry exactly this pattern. */
  items: number;
}

export interface CriterionRatings {
  criterion: string;
  /** Categories in scale order (the order weights and ordinal statistics use). */
  categories: string[];
  /**
   * Whether `categories` is a declared scale (a rubric, --levels, --order), unused levels included,
   * or just the categories observed in the data. Weights are by position in this list either way.
   */
  declared: boolean;
  /** Numeric value of each category when all are numbers (interval/ratio alpha, bias), else null. */
  numeric: number[] | null;
  raters: string[];
  patterns: RatingPattern[];
}

/** Category order: `--order`, else the rubric's scale, else numeric for numbers, else sorted. */
export function orderCategories(seen: Iterable<string>, order?: string[]): string[] {
  if (order && order.length > 0) return [...order];
  const uniq = [...new Set(seen)];
  if (uniq.length > 0 && uniq.every(isNumber)) return uniq.sort((a, b) => Number(a) - Number(b));
  return uniq.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function numericValues(categories: string[]): number[] | null {
  return categories.length > 0 && categories.every(isNumber) ? categories.map(Number) : null;
}

/** Strict decimal spelling only (core/label-spelling.ts): "0x10" and "5e0" are words here. */
function isNumber(s: string): boolean {
  return canonicalNumber(s.trim()) !== null;
}

/**
 * Build ratings from (item, rater, label) triples whose labels are already normalised
 * (loader/labels.ts: "4.0" is "4", NFC text). `categories` fixes the order; labels not in it
 * are appended (callers validate files against --order / the rubric before this point).
 */
export function buildRatings(
  criterion: string,
  triples: Iterable<{ item: string; rater: string; label: string }>,
  categories: string[],
  declared = false,
): CriterionRatings {
  const cats = [...categories];
  const catIndex = new Map<string, number>(cats.map((c, i) => [c, i]));
  const raterIndex = new Map<string, number>();
  const raters: string[] = [];
  const items = new Map<string, Array<[number, number]>>();
  for (const t of triples) {
    let c = catIndex.get(t.label);
    if (c === undefined) {
      c = cats.length;
      cats.push(t.label);
      catIndex.set(t.label, c);
    }
    let r = raterIndex.get(t.rater);
    if (r === undefined) {
      r = raters.length;
      raters.push(t.rater);
      raterIndex.set(t.rater, r);
    }
    let list = items.get(t.item);
    if (!list) items.set(t.item, (list = []));
    list.push([r, c]);
  }
  return { criterion, categories: cats, declared, numeric: numericValues(cats), raters, patterns: groupPatterns(items.values()) };
}

/** Collapse per-item rating lists into distinct patterns with counts. */
export function groupPatterns(perItem: Iterable<Array<[number, number]>>): RatingPattern[] {
  const byKey = new Map<string, RatingPattern>();
  for (const list of perItem) {
    list.sort((a, b) => a[0] - b[0]);
    const key = list.map(([r, c]) => `${r}:${c}`).join(',');
    const p = byKey.get(key);
    if (p) p.items += 1;
    else byKey.set(key, { ratings: list, items: 1 });
  }
  return [...byKey.values()];
}

/** Totals shown in the report header. */
export function ratingTotals(r: CriterionRatings): { items: number; raters: number; labels: number } {
  let items = 0;
  let labels = 0;
  const used = new Set<number>();
  for (const p of r.patterns) {
    items += p.items;
    labels += p.items * p.ratings.length;
    for (const [rater] of p.ratings) used.add(rater);
  }
  return { items, raters: used.size, labels };
}
