import { bestOf, similarityScorer } from './similarity.js';

// string.punctuation in Python, which the SQuAD script strips.
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/**
 * SQuAD v1.1 `normalize_answer`: lower-case, drop ASCII punctuation, drop the articles a/an/the,
 * collapse whitespace; returns the tokens.
 */
export function squadTokens(s: string): string[] {
  const noPunct = Array.from(s.toLowerCase()).filter((ch) => !PUNCTUATION.has(ch)).join('');
  return noPunct.replace(/\b(a|an|the)\b/g, ' ').split(/\s+/).filter(Boolean);
}

/**
 * Token F1 as the SQuAD evaluation script computes it: bag-of-tokens overlap of prediction and
 * gold after normalisation. When either side normalises to nothing, F1 is 1 if both do, else 0
 * (the SQuAD v2.0 script's rule; v1.1 would divide by zero).
 */
export function tokenF1(prediction: string, gold: string): number {
  const p = squadTokens(prediction);
  const g = squadTokens(gold);
  if (p.length === 0 || g.length === 0) return p.length === g.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of p) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      same += 1;
      counts.set(t, n - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / p.length;
  const recall = same / g.length;
  return (2 * precision * recall) / (precision + recall);
}

/** `token-f1`: SQuAD token F1 against the expected answer (the best one when it is a list). */
export const tokenF1Scorer = similarityScorer({
  name: 'token-f1',
  summary: 'SQuAD token F1 (lower-case, no punctuation or articles) ≥ threshold (default 0.5)',
  threshold: 0.5,
  extra: {},
  measure: (output, references) => bestOf(references, (ref) => ({ value: tokenF1(output, ref) })),
});
