/**
 * Confusion matrix of a judge against humans over category indices: rows = reference (human),
 * columns = predicted (judge). Pairs with either side unscored are not counted but reported in
 * `dropped`, so an unscored judge verdict is never silently turned into a disagreement.
 */
export type ConfusionMatrix = { matrix: number[][]; n: number; dropped: number };

export function confusionMatrix(reference: readonly (number | null)[], predicted: readonly (number | null)[], k: number): ConfusionMatrix {
  if (reference.length !== predicted.length) throw new RangeError(`confusionMatrix: ${reference.length} references against ${predicted.length} predictions`);
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let n = 0;
  let dropped = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i];
    const p = predicted[i];
    if (r === null || r === undefined || p === null || p === undefined) {
      dropped++;
      continue;
    }
    for (const v of [r, p]) if (!Number.isInteger(v) || v < 0 || v >= k) throw new RangeError(`confusionMatrix: category index ${v} is outside 0..${k - 1}`);
    matrix[r]![p]!++;
    n++;
  }
  return { matrix, n, dropped };
}
