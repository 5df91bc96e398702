import type { Store } from '../storage/store.js';

/**
 * The agreement panel's slot. src/agreement/ (another part of juror) exports
 * `computeReviewAgreement(store, reviewId)`; the server loads it lazily so the review app works,
 * and its tests pass, whether or not that module is present in this build.
 */
export type ComputeReviewAgreement = (store: Store, reviewId: string) => unknown | Promise<unknown>;

const CANDIDATES = ['../agreement/index.js', '../agreement/review-agreement.js', '../agreement/review.js'];

let cached: Promise<ComputeReviewAgreement | undefined> | undefined;

export function loadAgreement(): Promise<ComputeReviewAgreement | undefined> {
  cached ??= (async () => {
    for (const spec of CANDIDATES) {
      try {
        const mod = (await import(spec)) as { computeReviewAgreement?: unknown };
        if (typeof mod.computeReviewAgreement === 'function') return mod.computeReviewAgreement as ComputeReviewAgreement;
      } catch (err) {
        const code = (err as { code?: string }).code;
        // A missing module is expected; a broken one is a bug worth seeing.
        if (code !== 'ERR_MODULE_NOT_FOUND' && !/Cannot find module|Failed to load url|does not exist/i.test(String(err))) throw err;
      }
    }
    return undefined;
  })();
  return cached;
}
