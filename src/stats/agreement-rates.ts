/**
 * Simple judge-vs-human calibration rates over the items both scored (unscored is never 0):
 * exact agreement (judge == human), within-one agreement (|judge - human| <= 1, on the numeric
 * scale given, e.g. category indices or 1-5 levels) and mean bias = mean(judge - human)
 * (positive: the judge scores higher than people).
 */
import { type StatResult, undefinedResult } from './result.js';
import { completePairs } from './paired.js';

export type AgreementRates = { n: number; exact: StatResult; withinOne: StatResult; meanBias: StatResult };

export function agreementRates(judge: readonly (number | null)[], human: readonly (number | null)[]): AgreementRates {
  const [j, h] = completePairs(judge, human, 'agreementRates');
  const n = j.length;
  if (n === 0) {
    const none = undefinedResult('no item has both a judge score and a human score');
    return { n, exact: none, withinOne: none, meanBias: none };
  }
  let exact = 0;
  let within = 0;
  let bias = 0;
  for (let i = 0; i < n; i++) {
    const d = j[i]! - h[i]!;
    if (d === 0) exact++;
    if (Math.abs(d) <= 1) within++;
    bias += d;
  }
  return { n, exact: { value: exact / n }, withinOne: { value: within / n }, meanBias: { value: bias / n } };
}
