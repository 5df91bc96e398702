import { z } from 'zod';
import { similarityScorer } from './similarity.js';

/**
 * BLEU as sacreBLEU 2.x computes it (Post, 2018): the `13a` tokenizer (mteval-v13a.pl), n-grams up
 * to 4, clipped counts against the maximum count over the references, the closest reference length
 * (ties: the shorter) for the brevity penalty. Values are sacreBLEU's 0–100 score.
 */

// sacreBLEU's TokenizerRegexp, in order; applied to ` line ` after the 13a pre-processing.
const RULES: Array<[RegExp, string]> = [
  // every symbol in these ranges becomes its own token ({-~, [-`, space-&, (-+, :-@, /)
  [new RegExp('([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])', 'g'), ' $1 '],
  // period and comma, unless preceded by a digit
  [/([^0-9])([.,])/g, '$1 $2 '],
  // period and comma, unless followed by a digit
  [/([.,])([^0-9])/g, ' $1 $2'],
  // dash after a digit
  [/([0-9])(-)/g, '$1 $2 '],
];

/** sacreBLEU's default `13a` tokenizer: returns the tokens. */
export function tokenize13a(line: string): string[] {
  let s = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (s.includes('&')) {
    s = s.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  s = ` ${s} `;
  for (const [re, repl] of RULES) s = s.replace(re, repl);
  return s.split(/\s+/).filter(Boolean);
}

export type Smooth = 'exp' | 'floor' | 'add-k' | 'none';

export interface BleuOptions {
  /** Default `exp` (sacreBLEU's default for corpus and sentence BLEU). */
  smooth?: Smooth;
  /** For `floor` (default 0.1) and `add-k` (default 1). */
  smoothValue?: number;
  /** Use only the n-gram orders the hypothesis has (sacreBLEU's sentence_bleu does). */
  effectiveOrder?: boolean;
  lowercase?: boolean;
  /** `13a` (default) or `none` (split on whitespace only). */
  tokenize?: '13a' | 'none';
}

export interface BleuResult {
  /** 0–100, as sacreBLEU prints it. */
  score: number;
  /** Modified n-gram precisions, 0–100. */
  precisions: number[];
  bp: number;
  sysLen: number;
  refLen: number;
}

const MAX_ORDER = 4;

function ngramCounts(tokens: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let n = 1; n <= MAX_ORDER; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const key = `${n}\u0001${tokens.slice(i, i + n).join('\u0000')}`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

function closestRefLength(hypLen: number, refLens: number[]): number {
  let bestDiff = -1;
  let best = -1;
  for (const len of refLens) {
    const diff = Math.abs(hypLen - len);
    if (bestDiff === -1 || diff < bestDiff) {
      bestDiff = diff;
      best = len;
    } else if (diff === bestDiff && len < best) {
      best = len;
    }
  }
  return best;
}

/**
 * Corpus BLEU: `hypotheses[i]` against `references[i]` (every reference for that segment).
 * Counts are summed over the corpus before the precisions and the brevity penalty are taken.
 */
export function corpusBleu(hypotheses: string[], references: string[][], o: BleuOptions = {}): BleuResult {
  const tok = (s: string) => {
    const t = o.lowercase ? s.toLowerCase() : s;
    return o.tokenize === 'none' ? t.split(/\s+/).filter(Boolean) : tokenize13a(t);
  };
  const correct = new Array<number>(MAX_ORDER).fill(0);
  const total = new Array<number>(MAX_ORDER).fill(0);
  let sysLen = 0;
  let refLen = 0;
  hypotheses.forEach((hyp, i) => {
    const h = tok(hyp);
    const refs = (references[i] ?? []).map(tok);
    const maxRef = new Map<string, number>();
    for (const r of refs) for (const [k, c] of ngramCounts(r)) if (c > (maxRef.get(k) ?? 0)) maxRef.set(k, c);
    sysLen += h.length;
    refLen += closestRefLength(h.length, refs.map((r) => r.length));
    for (const [k, c] of ngramCounts(h)) {
      const n = Number(k.slice(0, k.indexOf('\u0001')));
      correct[n - 1]! += Math.min(c, maxRef.get(k) ?? 0);
    }
    for (let n = 1; n <= MAX_ORDER; n++) total[n - 1]! += Math.max(0, h.length - n + 1);
  });
  return computeBleu(correct, total, sysLen, refLen, o);
}

/** sacreBLEU's BLEU.compute_bleu, step for step (smoothing, effective order, log of 0). */
function computeBleu(correct: number[], total: number[], sysLen: number, refLen: number, o: BleuOptions): BleuResult {
  const smooth = o.smooth ?? 'exp';
  const k = o.smoothValue ?? (smooth === 'floor' ? 0.1 : 1);
  const precisions = new Array<number>(MAX_ORDER).fill(0);
  let smoothMteval = 1;
  let effOrder = MAX_ORDER;
  for (let n = 1; n <= MAX_ORDER; n++) {
    if (smooth === 'add-k' && n > 1) {
      correct[n - 1]! += k;
      total[n - 1]! += k;
    }
    if (total[n - 1] === 0) break;
    if (o.effectiveOrder) effOrder = n;
    if (correct[n - 1] === 0) {
      if (smooth === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * total[n - 1]!);
      } else if (smooth === 'floor') {
        precisions[n - 1] = (100 * k) / total[n - 1]!;
      }
    } else {
      precisions[n - 1] = (100 * correct[n - 1]!) / total[n - 1]!;
    }
  }
  // sacreBLEU's my_log: log(0) is a huge negative number, so any zero precision zeroes the score.
  const myLog = (p: number) => (p === 0 ? -9999999999 : Math.log(p));
  const score = Math.exp(precisions.slice(0, effOrder).reduce((a, p) => a + myLog(p), 0) / effOrder);
  const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  return { score: bp * score, precisions, bp, sysLen, refLen };
}

/** Sentence BLEU with sacreBLEU's sentence_bleu defaults: exp smoothing and effective order. */
export function sentenceBleu(hypothesis: string, references: string[], o: BleuOptions = {}): BleuResult {
  return corpusBleu([hypothesis], [references], { effectiveOrder: true, ...o });
}

/** `bleu`: sentence BLEU of the output against the expected answer(s), all of them as references. */
export const bleu = similarityScorer({
  name: 'bleu',
  summary: 'sentence BLEU (sacreBLEU: 13a, exp smoothing) / 100 ≥ threshold (default 0.5)',
  threshold: 0.5,
  extra: {
    tokenize: z.enum(['13a', 'none']).default('13a'),
    lowercase: z.boolean().default(false),
    smooth: z.enum(['exp', 'floor', 'add-k', 'none']).default('exp'),
    smooth_value: z.number().nonnegative().optional(),
  },
  measure(output, references, o) {
    const r = sentenceBleu(output, references, { tokenize: o.tokenize, lowercase: o.lowercase, smooth: o.smooth, smoothValue: o.smooth_value });
    const p = r.precisions.map((x) => x.toFixed(1)).join('/');
    return { value: r.score / 100, detail: `BLEU ${r.score.toFixed(2)} ${p} (BP ${r.bp.toFixed(3)})` };
  },
});
