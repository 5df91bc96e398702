import { notYet } from './not-yet.js';
export type Band = { lower: number; upper: number; label: string };
/** Landis & Koch (1977) plain-words band for a kappa-like value. */
export function landisKoch(value: number | null): string {
  return notYet('landisKoch');
}
