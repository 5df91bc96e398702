/**
 * Per-cluster sums and counts of values (null = missing, skipped), clusters in order of first
 * appearance. Without cluster ids every value is its own cluster. Cluster-level sums are all that a
 * cluster-robust interval or a cluster bootstrap needs.
 */
export function clusterSums(values: readonly (number | null)[], clusters: readonly (string | number)[] | undefined, where: string): { sums: number[]; counts: number[] } {
  if (clusters && clusters.length !== values.length) throw new RangeError(`${where}: ${values.length} values against ${clusters.length} cluster ids`);
  const index = new Map<string | number, number>();
  const sums: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null) continue;
    if (!Number.isFinite(v)) throw new RangeError(`${where}: values must be finite numbers or null`);
    const key = clusters ? clusters[i]! : i;
    let k = index.get(key);
    if (k === undefined) {
      index.set(key, (k = sums.length));
      sums.push(0);
      counts.push(0);
    }
    sums[k]! += v;
    counts[k]!++;
  }
  return { sums, counts };
}
