/**
 * Lexical overlap for the mock model: lowercase word tokens minus a few function words, so an
 * unrelated answer does not score high just because both texts say "the" and "is".
 */

const STOPWORDS = new Set(
  ('a about an and are as at be been but by can do does for from has have how i if in into is it its ' +
    'me my no not of on or our please so than that the their them then there these they this to was we ' +
    'were what when where which who why will with you your').split(' '),
);

export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    if (!STOPWORDS.has(word)) out.push(word);
  }
  return out;
}

/** Share of `target`'s distinct tokens that also occur in `source` (0 when target has none). */
export function coverage(target: string, source: string): number {
  const wanted = new Set(tokens(target));
  if (wanted.size === 0) return 0;
  const have = new Set(tokens(source));
  let hit = 0;
  for (const word of wanted) if (have.has(word)) hit += 1;
  return hit / wanted.size;
}

/** Recall of the reference's tokens in the output: did the answer say what the golden answer says? */
export function recall(output: string, reference: string): number {
  return coverage(reference, output);
}

/** Precision of the output against the context: is what the answer says found in the context? */
export function support(output: string, context: string): number {
  return coverage(output, context);
}

/** Ceil(chars / 4): the usual rough token estimate, used for mock usage counts. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
