import { z } from 'zod';
import { bestOf, similarityScorer } from './similarity.js';

/** Edit distance (insert, delete, substitute; each 1) between two strings, by Unicode code point. */
export function levenshteinDistance(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let prev = new Array<number>(t.length + 1);
  let cur = new Array<number>(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[t.length]!;
}

/** Normalised similarity 1 − d / max(len) (two empty strings: 1), as autoevals' Levenshtein scorer. */
export function levenshteinSimilarity(a: string, b: string): number {
  const longest = Math.max(Array.from(a).length, Array.from(b).length);
  return longest === 0 ? 1 : 1 - levenshteinDistance(a, b) / longest;
}

/** `levenshtein`: character similarity of the trimmed output to the expected answer. */
export const levenshtein = similarityScorer({
  name: 'levenshtein',
  summary: 'character similarity 1 − distance/max(length) ≥ threshold (default 0.8)',
  threshold: 0.8,
  extra: { ignore_case: z.boolean().default(false) },
  measure(output, references, o) {
    const norm = (s: string) => (o.ignore_case ? s.trim().toLowerCase() : s.trim());
    const out = norm(output);
    return bestOf(references, (ref) => {
      const r = norm(ref);
      const d = levenshteinDistance(out, r);
      const longest = Math.max(Array.from(out).length, Array.from(r).length);
      return { value: longest === 0 ? 1 : 1 - d / longest, detail: `distance ${d} over ${longest} characters` };
    });
  },
});
