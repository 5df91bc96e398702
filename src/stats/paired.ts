/** Pairs (x_i, y_i) where both sides are present; a length mismatch is a caller bug. */
export function completePairs(x: readonly (number | null)[], y: readonly (number | null)[], where: string): [number[], number[]] {
  if (x.length !== y.length) throw new RangeError(`${where}: ${x.length} values against ${y.length}`);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const u = x[i];
    const v = y[i];
    if (u === null || u === undefined || v === null || v === undefined) continue;
    if (!Number.isFinite(u) || !Number.isFinite(v)) throw new RangeError(`${where}: values must be finite numbers or null`);
    a.push(u);
    b.push(v);
  }
  return [a, b];
}

/** 1-based ranks, ties get the average of the ranks they span. */
export function averageRanks(values: readonly number[]): Float64Array {
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const ranks = new Float64Array(values.length);
  for (let s = 0; s < order.length; ) {
    let e = s;
    while (e + 1 < order.length && values[order[e + 1]!] === values[order[s]!]) e++;
    const rank = (s + e) / 2 + 1;
    for (let t = s; t <= e; t++) ranks[order[t]!] = rank;
    s = e + 1;
  }
  return ranks;
}
