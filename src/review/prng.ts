/**
 * A small seeded PRNG (mulberry32) so review sampling and assignment are reproducible from
 * `--seed`. Not for secrets: tokens use node:crypto.
 */
import { mulberry32 } from '../stats/bootstrap.js';

export type Rng = () => number;

/** The same mulberry32 generator the bootstrap uses; a string seed is hashed to 32 bits first. */
export function seededRng(seed: number | string): Rng {
  return mulberry32(typeof seed === 'number' ? seed : hashSeed(seed));
}

/** FNV-1a: turns a string seed into 32 bits. */
function hashSeed(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
