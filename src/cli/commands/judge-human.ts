import { ConfigError } from '../../core/errors.js';
import type { RunRecord, Store } from '../../storage/store.js';
import type { JudgeHumanData } from '../../reporters/html-judge-human.js';

/**
 * Judge vs human for a run's HTML report: the review given (`--calibrated-with`), else the newest
 * review over the run's outputs that has human labels. The calibration figures are
 * computeCalibration's, with this run as the judge; the corrected estimates are calibratedWith's,
 * or the reason there are none. Undefined when no review over the run has labels.
 */
export async function judgeHumanFor(store: Store, run: RunRecord, reviewId?: string): Promise<JudgeHumanData | undefined> {
  const { computeCalibration } = await import('../../calibration/compute.js');
  const { calibratedWith } = await import('./calibrated-with.js');
  const outputRun = run.kind === 'judge' && run.parentRunId ? run.parentRunId : run.id;
  const reviews = reviewId ? [reviewId] : store.listReviews().filter((r) => r.runId === outputRun).reverse().map((r) => r.id);
  for (const id of reviews) {
    const calibration = computeCalibration(store, id, { judges: [run.id] });
    if (!calibration.criteria.some((c) => c.items > 0)) continue;
    let corrected: JudgeHumanData['corrected'];
    try {
      corrected = (await calibratedWith(store, run, id)).json;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      corrected = { reason: err.message };
    }
    return { review: id, criteria: calibration.criteria, corrected };
  }
  return undefined;
}
