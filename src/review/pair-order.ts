import { flipChoice, PAIRWISE_CHOICES, type PairwiseChoice } from '../core/rubric.js';
import type { ReviewRecord, ShownOrder } from '../storage/store.js';
import { seededRng } from './prng.js';

/**
 * Which output an annotator sees on the left of a pairwise item: seeded by the review, the
 * annotator and the item, so each person gets their own random left/right order (position bias
 * averages out over annotators) and sees the same order every time they return to the item.
 */
export function shownOrder(review: ReviewRecord, annotatorId: string, itemId: number): ShownOrder {
  const seed = review.sampling?.seed ?? review.id;
  return seededRng(`${seed}:${annotatorId}:${itemId}`)() < 0.5 ? 'AB' : 'BA';
}

/**
 * Between screen sides and outputs: on screen "A" is the left output and "B" the right one; stored
 * labels name the outputs (A = the review's first source). The same swap goes both ways.
 */
export function screenToOutput(label: string, shown: ShownOrder): string {
  return shown === 'BA' && isChoice(label) ? flipChoice(label) : label;
}

export const outputToScreen = screenToOutput;

function isChoice(label: string): label is PairwiseChoice {
  return (PAIRWISE_CHOICES as readonly string[]).includes(label);
}
