import type { Store } from '../storage/store.js';

/**
 * The agreement panel's slot: `computeReviewAgreement(store, reviewId)` from src/agreement/
 * (the `juror agreement --json` document). Loaded lazily on first use, so the statistics code
 * stays off the annotators' hot path and server start-up.
 */
export type ComputeReviewAgreement = (store: Store, reviewId: string) => unknown;

let cached: Promise<ComputeReviewAgreement> | undefined;

export function loadAgreement(): Promise<ComputeReviewAgreement> {
  cached ??= import('../agreement/compute.js').then((m) => m.computeReviewAgreement);
  return cached;
}
