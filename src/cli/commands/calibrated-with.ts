import { NotFoundError } from '../../core/errors.js';
import type { RunRecord } from '../../storage/store.js';
import type { Store } from '../../storage/store.js';
import type { CorrectedReport } from '../../calibration/corrected-estimate.js';
import { decideFor } from './run-common.js';

/**
 * `--calibrated-with REVIEW` for any command that shows a run (show, report): the run's pass rate
 * and criterion means corrected by the review's human labels. Throws ConfigError (one line, exit 2)
 * when the review is not a uniform random sample of the run, with the reason.
 * Returns the JSON block and its text form.
 */
export async function calibratedWith(store: Store, run: RunRecord, reviewId: string): Promise<{ json: CorrectedReport; text: string }> {
  const review = store.getReview(reviewId);
  if (!review) throw new NotFoundError(`review ${reviewId} not found (see juror review list)`);
  const { loadRunReport } = await import('../../runner/run-report.js');
  const { correctedEstimates } = await import('../../calibration/corrected-estimate.js');
  const { formatCorrected } = await import('../../calibration/format-corrected.js');
  const decide = await decideFor(run);
  const json = correctedEstimates(store, loadRunReport(store, run.id, decide), review, decide);
  return { json, text: formatCorrected(json) };
}
