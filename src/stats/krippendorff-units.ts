/**
 * Compact per-unit value counts for Krippendorff's alpha (CSR layout: unit u owns entries
 * start[u]..start[u+1]-1, each a distinct value index and its count). Building this once from
 * either a ratings matrix or a count table lets alpha run in O(ratings) for nominal, ordinal and
 * interval data: a million ratings take tens of milliseconds.
 */
export interface ValueUnits {
  /** Distinct values, ascending. */
  values: Float64Array;
  start: Int32Array;
  valueIndex: Int32Array;
  count: Float64Array;
  /** How many units share unit u's entries (weighted form); undefined means 1 each. */
  freq?: Float64Array;
}

/** From an items x raters matrix (null = missing). */
export function unitsFromRatings(ratings: readonly (readonly (number | null)[])[]): ValueUnits {
  // One pass: value indices in order of first appearance, remapped to ascending order at the end.
  const index = new Map<number, number>();
  const seen: number[] = [];
  let total = 0;
  for (const row of ratings) total += row.length;
  const start = new Int32Array(ratings.length + 1);
  let valueIndex = new Int32Array(total);
  const count = new Float64Array(total);
  let e = 0;
  for (let u = 0; u < ratings.length; u++) {
    const first = e;
    const row = ratings[u]!;
    for (let r = 0; r < row.length; r++) {
      const v = row[r];
      if (v === null || v === undefined) continue;
      let vi = index.get(v);
      if (vi === undefined) {
        if (!Number.isFinite(v)) throw new RangeError(`krippendorffAlpha: ratings must be finite numbers or null, got ${v}`);
        vi = seen.length;
        index.set(v, vi);
        seen.push(v);
      }
      // Units hold few raters, so a linear scan of this unit's entries beats any hashing.
      let j = first;
      while (j < e && valueIndex[j] !== vi) j++;
      if (j === e) {
        valueIndex[e] = vi;
        count[e] = 1;
        e++;
      } else count[j]!++;
    }
    start[u + 1] = e;
  }
  const order = seen.map((_, i) => i).sort((a, b) => seen[a]! - seen[b]!);
  const rank = new Int32Array(seen.length);
  order.forEach((old, r) => (rank[old] = r));
  valueIndex = valueIndex.subarray(0, e);
  for (let i = 0; i < e; i++) valueIndex[i] = rank[valueIndex[i]!]!;
  return { values: Float64Array.from(order.map((i) => seen[i]!)), start, valueIndex, count: count.subarray(0, e) };
}

/**
 * From an items x categories count table; `values[j]` is column j's value (default j). With `freq`,
 * row u stands for freq[u] identical units (checked by the caller).
 */
export function unitsFromCounts(counts: readonly (readonly number[])[], values?: readonly number[], freq?: readonly number[]): ValueUnits {
  const q = counts[0]?.length ?? values?.length ?? 0;
  const vals = values ?? Array.from({ length: q }, (_, j) => j);
  if (vals.length !== q) throw new RangeError(`krippendorffAlphaFromCounts: ${vals.length} values for ${q} columns`);
  const order = Array.from({ length: q }, (_, j) => j).sort((a, b) => vals[a]! - vals[b]!);
  for (let j = 1; j < q; j++) {
    if (vals[order[j]!] === vals[order[j - 1]!]) throw new RangeError(`krippendorffAlphaFromCounts: value ${vals[order[j]!]} appears in two columns`);
  }
  const rank = new Int32Array(q);
  order.forEach((col, r) => (rank[col] = r));
  // Two passes (count, then fill) so the entries live in typed arrays from the start.
  let entries = 0;
  for (let u = 0; u < counts.length; u++) {
    const row = counts[u]!;
    if (row.length !== q) throw new RangeError(`krippendorffAlphaFromCounts: every row needs ${q} columns`);
    for (let j = 0; j < q; j++) {
      const c = row[j]!;
      if (!(c >= 0 && c - c === 0)) throw new RangeError(`krippendorffAlphaFromCounts: counts must be finite and >= 0, got ${c}`);
      if (c > 0) entries++;
    }
  }
  const start = new Int32Array(counts.length + 1);
  const vi = new Int32Array(entries);
  const ct = new Float64Array(entries);
  let e = 0;
  for (let u = 0; u < counts.length; u++) {
    const row = counts[u]!;
    for (let j = 0; j < q; j++) {
      const c = row[j]!;
      if (c > 0) {
        vi[e] = rank[j]!;
        ct[e++] = c;
      }
    }
    start[u + 1] = e;
  }
  const units: ValueUnits = { values: Float64Array.from(order.map((j) => vals[j]!)), start, valueIndex: vi, count: ct };
  if (freq) units.freq = Float64Array.from(freq);
  return units;
}
