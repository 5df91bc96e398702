import { bootstrapCi, spearman } from '../stats/index.js';
import type { Store } from '../storage/store.js';
import { mean } from './consensus.js';
import type { CriterionHumans, JudgeVerdicts } from './gather.js';
import type { CalStat } from './pair-stats.js';

/**
 * Verbosity bias: does a judge reward longer outputs more than people do? Spearman's rho between
 * the judge's score and the output's length, beside rho between the humans' mean score and the same
 * lengths, on the SAME items (those the judge scored). Both intervals come from one seeded item
 * bootstrap with the same resamples, so the two figures differ only in whose scores they rank.
 * Length is counted in Unicode code points: a tokenizer would tie the figure to one model, and
 * whitespace tokens undercount languages written without spaces.
 */

export const LENGTH_UNIT = 'characters';

export interface LengthBias {
  judge: CalStat;
  humans: CalStat;
  unit: typeof LENGTH_UNIT;
  /** Items used: scored by the judge, labelled by a human, with an output text. */
  n: number;
}

/** Output id -> length in code points; outputs without text (errors) are absent. */
export function outputLengths(store: Store, outputIds: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const id of outputIds) {
    const text = store.getOutput(id)?.output;
    if (typeof text === 'string') out.set(id, [...text].length);
  }
  return out;
}

export function lengthBias(
  ch: CriterionHumans,
  verdicts: JudgeVerdicts,
  lengths: ReadonlyMap<number, number>,
  boot: { seed: number; resamples: number },
): LengthBias {
  const judge: number[] = [];
  const humans: number[] = [];
  const len: number[] = [];
  for (const it of ch.items) {
    const v = verdicts.get(it.outputId);
    const l = lengths.get(it.outputId);
    if (v === undefined || v === null || l === undefined) continue;
    judge.push(ch.scale.values[v]!);
    humans.push(mean([...it.humans.values()].map((c) => ch.scale.values[c]!)));
    len.push(l);
  }
  const n = len.length;
  const undef = (reason: string): LengthBias => ({ judge: { value: null, reason }, humans: { value: null, reason }, unit: LENGTH_UNIT, n });
  if (!ch.scale.ordinal) return undef('a correlation with length needs an ordinal scale');
  if (n < 3) return undef(`needs at least 3 items with a judge score, a human label and an output text, got ${n}`);
  return { judge: rhoWithCi(judge, len, boot), humans: rhoWithCi(humans, len, boot), unit: LENGTH_UNIT, n };
}

function rhoWithCi(scores: number[], len: number[], boot: { seed: number; resamples: number }): CalStat {
  const point = spearman(scores, len);
  if (point.value === null) return { value: null, reason: constantReason(scores, len) ?? point.reason };
  const pick = (xs: number[], idx: readonly number[]) => idx.map((i) => xs[i]!);
  const ci = bootstrapCi(len.length, (idx) => spearman(pick(scores, idx), pick(len, idx)).value, boot);
  return ci.ci95 ? { value: point.value, ci95: ci.ci95 } : { value: point.value, ci95: null, ci_reason: ci.reason };
}

/** Says which side is constant, which the generic spearman reason cannot. */
function constantReason(scores: number[], len: number[]): string | null {
  if (len.every((l) => l === len[0])) return 'every output has the same length';
  if (scores.every((s) => s === scores[0])) return 'every item has the same score';
  return null;
}
