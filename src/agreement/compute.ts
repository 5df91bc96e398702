import type { Rubric } from '../core/rubric.js';
import type { LabelWarning } from '../loader/labels.js';
import type { AlphaLevel, KappaWeights } from '../stats/index.js';
import type { Store } from '../storage/store.js';
import { criterionAgreement, type AgreementReport } from './report.js';
import { ratingsFromLabelFile, ratingsFromReview } from './sources.js';

export interface ComputeAgreementOptions {
  /** Krippendorff's alpha level. Default: the rubric's scale type; for label files ordinal with --levels, else nominal. */
  scale?: AlphaLevel;
  /** Cohen's kappa (and Gwet AC2) weights. Default: quadratic for an ordinal criterion, none otherwise. */
  weights?: KappaWeights;
  /** Category order; default the rubric's scale, else numeric order for numbers, else sorted. */
  order?: string[];
  /** Label files: the declared levels of an ordinal scale (order, allowed labels, weight positions). */
  levels?: string[];
  /** Only this criterion. */
  criterion?: string;
  /** Most rater pairs to list (default DEFAULT_PAIRWISE), or 'all'. */
  pairwise?: number | 'all';
}

/**
 * The weighting an ordinal criterion gets unless --weights says otherwise: quadratic, the same as
 * `juror calibrate` uses, so the two commands print the same kappa for the same two people.
 */
export function defaultWeights(level: AlphaLevel): KappaWeights {
  return level === 'nominal' ? 'none' : 'quadratic';
}

/**
 * Human-human agreement of a review, per rubric criterion, as the `juror agreement --json`
 * document (plain JSON; the review server's admin page shows the same figures).
 */
export function computeReviewAgreement(store: Store, reviewId: string, opts: ComputeAgreementOptions = {}): AgreementReport {
  const { rubric, ratings } = ratingsFromReview(store, reviewId, { order: opts.order });
  return {
    criteria: ratings
      .filter((r) => opts.criterion === undefined || r.criterion === opts.criterion)
      .map((r) => {
        const level = rubricLevel(rubric, r.criterion);
        return criterionAgreement(r, {
          scale: opts.scale ?? level,
          weights: opts.weights ?? defaultWeights(opts.scale ?? level),
          pairwise: opts.pairwise,
        });
      }),
  };
}

/**
 * The same document from a label file (CSV or JSONL); with `rubric`, the file is checked against it.
 * `onWarning` hears about rows that loaded but deserve a look (exact duplicates, loose numbers).
 */
export function computeLabelFileAgreement(
  path: string,
  opts: ComputeAgreementOptions & { rubric?: Rubric; displayName?: string; onWarning?: (w: LabelWarning) => void } = {},
): AgreementReport {
  const ratings = ratingsFromLabelFile(path, opts);
  return {
    criteria: ratings
      .filter((r) => opts.criterion === undefined || r.criterion === opts.criterion)
      .map((r) => {
        const level = opts.scale ?? (opts.rubric ? rubricLevel(opts.rubric, r.criterion) : opts.levels ? 'ordinal' : 'nominal');
        return criterionAgreement(r, { scale: level, weights: opts.weights ?? defaultWeights(level), pairwise: opts.pairwise });
      }),
  };
}

/** An ordinal rubric criterion is ordinal data; a nominal one is nominal. */
function rubricLevel(rubric: Rubric, criterion: string): AlphaLevel {
  return rubric.criteria.find((c) => c.name === criterion)?.scale.type === 'ordinal' ? 'ordinal' : 'nominal';
}
