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
 * numbers are kept, not the rows: in typed columns, each item's ratings a linked list through
 * them, because a million-row file has ~300,000 items and a small array each was most of the
 * garbage collector's work. `categories` fixes the order; other labels are appended (callers
 * validate files against --order / the rubric first), and without a declared scale the observed
 * categories are put in orderCategories' order at the end.
 */
export class RatingsBuilder {
  private readonly cats: string[];
  private readonly catIndex: Map<string, number>;
  private readonly raters: string[] = [];
  private readonly raterIndex = new Map<string, number>();
  /** Per item id (ItemIds): its first and last rating here (an index into the rating columns), -1: none. */
  private first: Int32Array = filled(1024);
  private last: Int32Array = filled(1024);
  /** The item ids rated here, in the order they were first rated here. */
  private order: Int32Array = new Int32Array(1024);
  private itemCount = 0;
  /** Per rating: rater, category, line, and the item's next rating (-1: none). */
  private rater: Int32Array = new Int32Array(4096);
  private cat: Int32Array = new Int32Array(4096);
  private line: Int32Array = new Int32Array(4096);
  private next: Int32Array = new Int32Array(4096);
  private count = 0;

  constructor(
    readonly criterion: string,
    categories: string[] = [],
    private readonly declared = false,
    /** Shared by the builders of one file, so an item rated on several criteria is looked up once. */
    private readonly items = new ItemIds(),
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
    const id = this.items.id(item);
    while (id >= this.first.length) {
      this.first = grown(this.first, -1);
      this.last = grown(this.last, -1);
    }
    const head = this.first[id]!;
    for (let e = head; e >= 0; e = this.next[e]!) {
      if (this.rater[e] === r) return { label: this.cats[this.cat[e]!]!, line: this.line[e]! };
    }
    let c = this.catIndex.get(label);
    if (c === undefined) {
      c = this.cats.length;
      this.cats.push(label);
      this.catIndex.set(label, c);
    }
    if (this.count === this.rater.length) this.growRatings();
    const e = this.count++;
    this.rater[e] = r;
    this.cat[e] = c;
    this.line[e] = line;
    this.next[e] = -1;
    if (head < 0) {
      if (this.itemCount === this.order.length) this.order = grown(this.order, 0);
      this.order[this.itemCount++] = id;
      this.first[id] = e;
    } else this.next[this.last[id]!] = e;
    this.last[id] = e;
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
      patterns: this.patterns(to),
    };
  }

  private growRatings(): void {
    this.rater = grown(this.rater, 0);
    this.cat = grown(this.cat, 0);
    this.line = grown(this.line, 0);
    this.next = grown(this.next, 0);
  }

  /**
   * Collapse the items into distinct patterns (categories renumbered by `to`) with counts, in the
   * order each pattern first occurs. A pattern's key is its sorted (rater, category) pairs as the
   * digits of one number (exact while it stays below 2^53, as it does for a handful of ratings on
   * a small scale), so no key string is built per item; a string key past that.
   */
  private patterns(to: number[]): RatingPattern[] {
    const out: RatingPattern[] = [];
    const byNumber = new Map<number, RatingPattern>();
    const byText = new Map<string, RatingPattern>();
    const cats = this.cats.length;
    const base = this.raters.length * cats + 1;
    const rs: number[] = [];
    const cs: number[] = [];
    for (let i = 0; i < this.itemCount; i++) {
      let k = 0;
      for (let e = this.first[this.order[i]!]!; e >= 0; e = this.next[e]!) {
        // insertion sort by rater: an item has a handful of ratings
        const r = this.rater[e]!;
        const c = to[this.cat[e]!]!;
        let j = k++;
        for (; j > 0 && rs[j - 1]! > r; j--) {
          rs[j] = rs[j - 1]!;
          cs[j] = cs[j - 1]!;
        }
        rs[j] = r;
        cs[j] = c;
      }
      // digits 1..base-1: a pattern and its length are one number
      let key = 0;
      for (let j = 0; j < k && key <= Number.MAX_SAFE_INTEGER; j++) key = key * base + rs[j]! * cats + cs[j]! + 1;
      const exact = key <= Number.MAX_SAFE_INTEGER;
      let text = '';
      if (!exact) for (let j = 0; j < k; j++) text += `${rs[j]}:${cs[j]},`;
      const same = exact ? byNumber.get(key) : byText.get(text);
      if (same) {
        same.items += 1;
        continue;
      }
      const ratings: Array<[number, number]> = [];
      for (let j = 0; j < k; j++) ratings.push([rs[j]!, cs[j]!]);
      const p = { ratings, items: 1 };
      out.push(p);
      if (exact) byNumber.set(key, p);
      else byText.set(text, p);
    }
    return out;
  }
}

/** Item ids of one label file, in first-seen order. */
export class ItemIds {
  private readonly ids = new Map<string, number>();
  // files usually list an item's ratings together (on every criterion): the last item saves a lookup
  private lastItem: string | undefined;
  private lastId = -1;

  id(item: string): number {
    if (item === this.lastItem) return this.lastId;
    let id = this.ids.get(item);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(item, id);
    }
    this.lastItem = item;
    this.lastId = id;
    return id;
  }
}

function filled(n: number): Int32Array {
  return new Int32Array(n).fill(-1);
}

function grown(a: Int32Array, fill: number): Int32Array {
  const b = new Int32Array(a.length * 2);
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
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
