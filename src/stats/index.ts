/**
 * juror statistics: pure, synchronous agreement and calibration statistics.
 *
 * Conventions (all functions):
 * - Categories are INDICES 0..k-1 in scale order; the caller maps labels to indices.
 * - Rater data is `items x raters` (rows = items/units, columns = raters, null = not rated).
 * - Count tables are `items x categories` (`counts[i][c]` = how many raters put item i in category c);
 *   build one with `itemCategoryCounts`, or straight from SQL `GROUP BY item, label`.
 * - Weighted form: `*FromPatterns` functions take `{ counts, freq }` (distinct count rows + how many
 *   items share each; `countPatterns` builds it). The plain count-table functions delegate to them.
 * - Every statistic returns a `StatResult`: `{ value, se?, ci95? }` or `{ value: null, reason }` for
 *   degenerate data. Chance-corrected coefficients (`Coefficient`) also carry `pa` and `pe`.
 * - Malformed input (ragged rows, an index outside 0..k-1, negative counts) is a caller bug: RangeError.
 */
export type { Estimate, Undefined, StatResult, Coefficient } from './result.js';
export { undefinedResult, isEstimate } from './result.js';
export { type WeightScheme, type WeightMatrix, weightMatrix } from './weights.js';
export { itemCategoryCounts, countPatterns } from './item-counts.js';
export type { CountTable, CountPatterns } from './multi-rater.js';
export { type KappaWeights, type KappaTest, contingencyTable, cohenKappa, cohenKappaTest } from './cohen-kappa.js';
export { percentAgreement, percentAgreementFromPatterns } from './percent-agreement.js';
export { fleissKappa, fleissKappaFromPatterns } from './fleiss-kappa.js';
export { brennanPrediger, brennanPredigerFromPatterns } from './brennan-prediger.js';
export { congerKappa } from './conger-kappa.js';
export { gwetAc, gwetAcFromPatterns } from './gwet-ac.js';
export { type PassCount, passAtK, passHatK } from './pass-at-k.js';
export { type AlphaLevel, krippendorffAlpha, krippendorffAlphaFromCounts, krippendorffAlphaFromPatterns } from './krippendorff-alpha.js';
export { type Band, type Benchmark, LANDIS_KOCH, ALTMAN, FLEISS_SCALE, landisKoch, bandOf, benchmark } from './landis-koch.js';
export { spearman } from './spearman.js';
export { kendallTau } from './kendall-tau.js';
export { type ConfusionMatrix, confusionMatrix } from './confusion-matrix.js';
export { type BootstrapResult, bootstrapCi, mulberry32 } from './bootstrap.js';
export { type AgreementRates, agreementRates } from './agreement-rates.js';
export { normalCdf, studentTCdf, studentTQuantile } from './distributions.js';
export { raterAlpha, type RaterAlphaFigure } from './rater-alpha.js';
export { type Proportion, wilsonInterval, Z95 } from './wilson.js';
export { type McNemarResult, mcnemarExact, mcnemarAsymptotic, binomialHalfCdf } from './mcnemar.js';
export {
  type Bounds,
  type MeanInterval,
  type MeanParts,
  boundedMeanInterval,
  meanInterval,
  meanIntervalFromClusters,
  meanIntervalFromMoments,
  partsFromClusters,
  partsFromMoments,
  scoreInterval,
  binaryInterval,
} from './mean-ci.js';
export { type PairedDiff, pairedBootstrapDiff } from './paired-bootstrap.js';
export { type WilcoxonResult, wilcoxonSignedRank } from './wilcoxon.js';
export { holmAdjust } from './holm.js';
export { type PpiInput, type PpiEstimate, type PpiResult, ppiMean, ppiPlusPlusMean, tunedLambda } from './ppi-mean.js';
export { type BradleyTerryItem, type BradleyTerryResult, type BradleyTerryOptions, bradleyTerry, winProbability } from './bradley-terry.js';
export { type WinRate, winRate } from './win-rate.js';
