/** Rounded to 4 decimal places: how the summaries store their figures (means, shares, alphas). */
export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
