/**
 * Plain-words bands for kappa-like coefficients.
 * Landis & Koch (1977) "The measurement of observer agreement for categorical data", Biometrics 33:
 * <0 Poor, 0.00-0.20 Slight, 0.21-0.40 Fair, 0.41-0.60 Moderate, 0.61-0.80 Substantial,
 * 0.81-1.00 Almost Perfect. Their table is upper-inclusive (0.60 is Moderate, 0.00 is Slight).
 * `benchmark` is Gwet's cumulative interval membership probability (Handbook, 4th ed., ch. 6;
 * irrCAC `benchmark.py`), which accounts for the standard error before naming a band.
 */
import { normalCdf } from './distributions.js';

/** `openUpper`: the band excludes its upper bound (L&K's Poor is strictly below 0; 0.00 is Slight). */
export type Band = { lower: number; upper: number; label: string; openUpper?: boolean };

/** Highest band first. */
export const LANDIS_KOCH: readonly Band[] = [
  { lower: 0.8, upper: 1, label: 'Almost Perfect' },
  { lower: 0.6, upper: 0.8, label: 'Substantial' },
  { lower: 0.4, upper: 0.6, label: 'Moderate' },
  { lower: 0.2, upper: 0.4, label: 'Fair' },
  { lower: 0, upper: 0.2, label: 'Slight' },
  { lower: -1, upper: 0, label: 'Poor', openUpper: true },
];

/** Altman (1991) Practical Statistics for Medical Research. */
export const ALTMAN: readonly Band[] = [
  { lower: 0.8, upper: 1, label: 'Very Good' },
  { lower: 0.6, upper: 0.8, label: 'Good' },
  { lower: 0.4, upper: 0.6, label: 'Moderate' },
  { lower: 0.2, upper: 0.4, label: 'Fair' },
  { lower: -1, upper: 0.2, label: 'Poor' },
];

/** Fleiss (1981) scale as encoded in irrCAC. */
export const FLEISS_SCALE: readonly Band[] = [
  { lower: 0.75, upper: 1, label: 'Excellent' },
  { lower: 0.4, upper: 0.75, label: 'Intermediate to Good' },
  { lower: -1, upper: 0.4, label: 'Poor' },
];

/** The Landis & Koch band of a value (null stays null: an undefined statistic has no band). */
export function landisKoch(value: number): string;
export function landisKoch(value: number | null): string | null;
export function landisKoch(value: number | null): string | null {
  return bandOf(value, LANDIS_KOCH);
}

/** Band of `value` on `scale` (highest first): upper bounds inclusive unless `openUpper`; the lowest band is open below. */
export function bandOf(value: number | null, scale: readonly Band[]): string | null {
  if (value === null || Number.isNaN(value)) return null;
  for (let i = scale.length - 1; i >= 0; i--) {
    const b = scale[i]!;
    if (b.openUpper ? value < b.upper : value <= b.upper) return b.label;
  }
  return scale[0]!.label;
}

export type Benchmark = { bands: (Band & { cumulativeProbability: number })[]; label: string };

/**
 * Cumulative membership probabilities, from the top band down:
 *   P(lb <= kappa <= ub) = [Phi((k - lb)/se) - Phi((k - ub)/se)] / [Phi((k + 1)/se) - Phi((k - 1)/se)],
 * and the label of the highest band whose cumulative probability reaches 0.95.
 */
export function benchmark(coeff: number, se: number, scale: readonly Band[] = LANDIS_KOCH): Benchmark {
  if (!(se > 0)) throw new RangeError('benchmark: se must be > 0');
  const truncation = normalCdf((coeff + 1) / se) - normalCdf((coeff - 1) / se);
  let cum = 0;
  const bands = scale.map((b) => {
    cum += (normalCdf((coeff - b.lower) / se) - normalCdf((coeff - b.upper) / se)) / truncation;
    return { ...b, cumulativeProbability: cum };
  });
  const hit = bands.find((b) => b.cumulativeProbability >= 0.95) ?? bands[bands.length - 1]!;
  return { bands, label: hit.label };
}
