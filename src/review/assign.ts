import { ConfigError } from '../core/errors.js';
import { seededRng, shuffled, type Rng } from './prng.js';

/**
 * Pure review-queue logic: which outputs go into a review (seeded sample) and which annotators
 * see each one (overlap k, balanced, never the same item twice to one annotator).
 */

/**
 * Pick `n` of `ids` with a seeded sample, keeping their original order (so the queue follows the
 * suite and the same seed always gives the same items). No `n`, or n >= length: everything.
 */
export function sampleIds<T>(ids: readonly T[], n: number | undefined, seed: number | string): T[] {
  if (n === undefined || n >= ids.length) return [...ids];
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`--sample must be a positive integer, got ${n}`);
  const rng = seededRng(seed);
  const picked = new Set(shuffled(ids.map((_, i) => i), rng).slice(0, n));
  return ids.filter((_, i) => picked.has(i));
}

/**
 * Assign each of `itemCount` items to `overlap` distinct annotators.
 *
 * Greedy on load: every item goes to the k least-loaded annotators, ties broken by a seeded
 * shuffle. Taking the k smallest keeps every load within 1 of every other (the loads are always
 * in {L, L+1}), and the random tie-break spreads the pairs so agreement is not computed on one
 * fixed pair of people. Returns, per item, the chosen annotator ids.
 */
export function assignItems(
  itemCount: number,
  annotators: readonly string[],
  overlap: number,
  seed: number | string = 0,
): string[][] {
  if (!Number.isInteger(overlap) || overlap < 1) {
    throw new ConfigError(`overlap must be a positive integer, got ${overlap}`);
  }
  const unique = [...new Set(annotators)];
  if (unique.length !== annotators.length) throw new ConfigError('an annotator is listed twice');
  if (overlap > unique.length) {
    throw new ConfigError(
      `overlap ${overlap} needs at least ${overlap} annotators, but only ${unique.length} ${unique.length === 1 ? 'is' : 'are'} available`,
    );
  }
  const rng: Rng = seededRng(seed);
  const load = new Map(unique.map((a) => [a, 0]));
  const result: string[][] = [];
  for (let i = 0; i < itemCount; i++) {
    // Shuffle first, then a stable sort by load: equal loads stay in random order.
    const order = shuffled(unique, rng).sort((a, b) => load.get(a)! - load.get(b)!);
    const chosen = order.slice(0, overlap);
    for (const a of chosen) load.set(a, load.get(a)! + 1);
    // Keep each item's list in the caller's annotator order: easier to read and to test.
    result.push(unique.filter((a) => chosen.includes(a)));
  }
  return result;
}
