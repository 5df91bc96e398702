import { z } from 'zod';
import { bestOf, similarityScorer, type Similarity } from './similarity.js';

/**
 * Tokens as Google's `rouge-score` package makes them (no stemming, its default): lower-case,
 * every run of characters other than letters and digits is a separator. rouge-score keeps only
 * [a-z0-9]; we keep letters and digits of every script, so non-English text is not scored as
 * empty (identical tokens for ASCII text).
 */
export function rougeTokens(s: string): string[] {
  return s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

function prf(overlap: number, predicted: number, target: number): RougeScore {
  // rouge-score: precision = overlap / max(predicted, 1), recall likewise; F = 0 when both are 0.
  const precision = overlap / Math.max(predicted, 1);
  const recall = overlap / Math.max(target, 1);
  const fmeasure = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, fmeasure };
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0000');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** ROUGE-N of a prediction against a target (clipped n-gram overlap), as rouge-score's rougeN. */
export function rougeN(target: string, prediction: string, n: number): RougeScore {
  const t = ngrams(rougeTokens(target), n);
  const p = ngrams(rougeTokens(prediction), n);
  let overlap = 0;
  for (const [k, c] of p) overlap += Math.min(c, t.get(k) ?? 0);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return prf(overlap, sum(p), sum(t));
}

/** Length of the longest common subsequence of two token lists. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** ROUGE-L (sentence level, LCS over the whole text) as rouge-score's rougeL. */
export function rougeL(target: string, prediction: string): RougeScore {
  const t = rougeTokens(target);
  const p = rougeTokens(prediction);
  if (t.length === 0 || p.length === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  return prf(lcsLength(t, p), p.length, t.length);
}

const Measure = z.enum(['f', 'precision', 'recall']).default('f');
type MeasureName = z.infer<typeof Measure>;

function pick(s: RougeScore, m: MeasureName): Similarity {
  const value = m === 'f' ? s.fmeasure : m === 'precision' ? s.precision : s.recall;
  return { value, detail: `P ${round(s.precision)} R ${round(s.recall)} F ${round(s.fmeasure)}` };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** `rouge-n`: ROUGE-N (n = 1 by default) F-measure against the expected answer(s), best reference wins. */
export const rougeNScorer = similarityScorer({
  name: 'rouge-n',
  summary: 'ROUGE-N (n, default 1) F-measure as rouge-score computes it ≥ threshold (default 0.75)',
  threshold: 0.75,
  extra: { n: z.number().int().min(1).max(9).default(1), measure: Measure },
  measure: (output, refs, o) => bestOf(refs, (ref) => pick(rougeN(ref, output, o.n), o.measure)),
});

/** `rouge-l`: ROUGE-L F-measure (longest common subsequence) against the expected answer(s). */
export const rougeLScorer = similarityScorer({
  name: 'rouge-l',
  summary: 'ROUGE-L (longest common subsequence) F-measure ≥ threshold (default 0.75)',
  threshold: 0.75,
  extra: { measure: Measure },
  measure: (output, refs, o) => bestOf(refs, (ref) => pick(rougeL(ref, output), o.measure)),
});
