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
 * Ratings of one criterion, built row by row as a label file is read, from labels already
 * normalised (loader/labels.ts: "4.0" is "4", NFC text). Only per-item [rater, category, line]
 * numbers are kept, not the rows. `categories` fixes the order; other labels are appended
 * (callers validate files against --order / the rubric first), and without a declared scale the
 * observed categories are put in orderCategories' order at the end.
 */
export class RatingsBuilder {
  private readonly cats: string[];
  private readonly catIndex: Map<string, number>;
  private readonly raters: string[] = [];
  private readonly raterIndex = new Map<string, number>();
  /** Per item, in first-seen order: rater, category, line, rater, category, line, ... */
  private readonly items = new Map<string, number[]>();
  // files usually list an item's ratings together: the last item's list saves a map lookup
  private lastItem: string | undefined;
  private lastList: number[] | undefined;

  constructor(
    readonly criterion: string,
    categories: string[] = [],
    private readonly declared = false,
  ) {
    this.cats = [...categories];
    this.catIndex = new Map(this.cats.map((c, i) => [c, i]));
  }

  /** Record a rating, unless this rater already rated this item: then the earlier label and line. */
  add(item: string, rater: string, label: string, line = 0): { label: string; line: number } | undefined {
    let r = this.raterIndex.get(rater);
    if (r === undefined) {
      r = this.raters.length;
      this.raters.push(rater);
      this.raterIndex.set(rater, r);
    }
    let c = this.catIndex.get(label);
    const list = item === this.lastItem ? this.lastList : this.items.get(item);
    if (list) {
      for (let i = 0; i < list.length; i += 3) if (list[i] === r) return { label: this.cats[list[i + 1]!]!, line: list[i + 2]! };
    }
    if (c === undefined) {
      c = this.cats.length;
      this.cats.push(label);
      this.catIndex.set(label, c);
    }
    if (list) list.push(r, c, line);
    else this.items.set(item, (this.lastList = [r, c, line]));
    if (list) this.lastList = list;
    this.lastItem = item;
    return undefined;
  }

  finish(): CriterionRatings {
    const cats = this.declared ? this.cats : orderCategories(this.cats);
    const to = this.declared ? this.cats.map((_, i) => i) : this.cats.map((c) => cats.indexOf(c));
    return {
      criterion: this.criterion,
      categories: cats,
      declared: this.declared,
      numeric: numericValues(cats),
      raters: [...this.raters],
      patterns: groupTriples(this.items.values(), to),
    };
  }
}

/**
 * Collapse per-item [rater, category, line] lists (categories renumbered by `to`) into distinct
 * patterns with counts, without a pair array per item: a million-row file has ~300,000 items.
 */
function groupTriples(perItem: Iterable<number[]>, to: number[]): RatingPattern[] {
  const byKey = new Map<string, RatingPattern>();
  for (const list of perItem) {
    // insertion sort by rater: an item has a handful of ratings
    for (let i = 3; i < list.length; i += 3) {
      const r = list[i]!;
      const c = list[i + 1]!;
      const l = list[i + 2]!;
      let j = i - 3;
      for (; j >= 0 && list[j]! > r; j -= 3) {
        list[j + 3] = list[j]!;
        list[j + 4] = list[j + 1]!;
        list[j + 5] = list[j + 2]!;
      }
      list[j + 3] = r;
      list[j + 4] = c;
      list[j + 5] = l;
    }
    let key = '';
    for (let i = 0; i < list.length; i += 3) key += `${list[i]}:${to[list[i + 1]!]},`;
    const p = byKey.get(key);
    if (p) p.items += 1;
    else {
      const ratings: Array<[number, number]> = [];
      for (let i = 0; i < list.length; i += 3) ratings.push([list[i]!, to[list[i + 1]!]!]);
      byKey.set(key, { ratings, items: 1 });
    }
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
