import { notYet } from './not-yet.js';
export type ConfusionMatrix = { matrix: number[][]; n: number; dropped: number };
/** k x k confusion matrix, rows = reference (human), cols = predicted (judge); null pairs counted in `dropped`. */
export function confusionMatrix(reference: readonly (number | null)[], predicted: readonly (number | null)[], k: number): ConfusionMatrix {
  return notYet('confusionMatrix');
}
