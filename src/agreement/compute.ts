import type { Rubric } from '../core/rubric.js';
import type { AlphaLevel, KappaWeights } from '../stats/index.js';
import type { Store } from '../storage/store.js';
import { criterionAgreement, type AgreementReport } from './report.js';
import { ratingsFromLabelFile, ratingsFromReview } from './sources.js';

export interface ComputeAgreementOptions {
  /** Krippendorff's alpha level. Default: nominal for label files; for a review, the rubric's scale type. */
  scale?: AlphaLevel;
  /** Cohen's kappa (and Gwet AC2) weights. Default none. */
  weights?: KappaWeights;
  /** Category order; default the rubric's scale, else numeric order for numbers, else sorted. */
  order?: string[];
  /** Only this criterion. */
  criterion?: string;
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
      .map((r) => criterionAgreement(r, { scale: opts.scale ?? rubricLevel(rubric, r.criterion), weights: opts.weights ?? 'none' })),
  };
}

/** The same document from a label file (CSV or JSONL); with `rubric`, the file is checked against it. */
export function computeLabelFileAgreement(
  path: string,
  opts: ComputeAgreementOptions & { rubric?: Rubric; displayName?: string } = {},
): AgreementReport {
  const ratings = ratingsFromLabelFile(path, { order: opts.order, rubric: opts.rubric, displayName: opts.displayName });
  return {
    criteria: ratings
      .filter((r) => opts.criterion === undefined || r.criterion === opts.criterion)
      .map((r) =>
        criterionAgreement(r, {
          scale: opts.scale ?? (opts.rubric ? rubricLevel(opts.rubric, r.criterion) : 'nominal'),
          weights: opts.weights ?? 'none',
        }),
      ),
  };
}

/** An ordinal rubric criterion is ordinal data; a nominal one is nominal. */
function rubricLevel(rubric: Rubric, criterion: string): AlphaLevel {
  return rubric.criteria.find((c) => c.name === criterion)?.scale.type === 'ordinal' ? 'ordinal' : 'nominal';
}
