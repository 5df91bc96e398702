import { notYet } from './not-yet.js';
/**
 * Agreement weight matrices (1 on the diagonal, 0 for maximal disagreement), over category
 * indices 0..k-1 in scale order, or over explicit numeric `scores` when given.
 * none: identity. linear: 1 - |i-j|/(k-1). quadratic: 1 - (i-j)^2/(k-1)^2.
 * ordinal: Gwet (2014, Handbook 4th ed., §3.5), 1 - C(|i-j|+1, 2)/C(k, 2).
 */
export type WeightScheme = 'none' | 'linear' | 'quadratic' | 'ordinal';
export function weightMatrix(k: number, scheme: WeightScheme, scores?: readonly number[]): number[][] {
  return notYet('weightMatrix');
}
