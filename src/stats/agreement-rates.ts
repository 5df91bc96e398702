import type { StatResult } from './result.js';
import { notYet } from './not-yet.js';
export type AgreementRates = { n: number; exact: StatResult; withinOne: StatResult; meanBias: StatResult };
/** Exact and within-one agreement and mean bias mean(judge - human), over pairs with both sides scored. */
export function agreementRates(judge: readonly (number | null)[], human: readonly (number | null)[]): AgreementRates {
  return notYet('agreementRates');
}
