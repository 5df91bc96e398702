import { createHash } from 'node:crypto';

/**
 * `mock:noisy` (or `mock:noisy-N`, N = the error rate in percent): the built-in mock made imperfect,
 * so a tour or a demo can show a failing case and a regression that `juror compare` flags.
 *
 * Deterministic, not random: whether an answer goes wrong depends only on the model name and the
 * prompt (a SHA-256 of both), so the same suite on the same noisy model fails the same cases on every
 * machine and every run, and the cache stays valid. The mistakes are the ones real models make:
 * ignoring the output format (a label wrapped in a sentence), stopping half-way through a reply,
 * quoting the wrong sentence of the context; a noisy judge is off by two levels of five.
 */

const DEFAULT_RATE = 0.3;

/** The error rate of a mock model name: `noisy` → 0.3, `noisy-50` → 0.5; undefined when not noisy. */
export function noiseRate(model: string): number | undefined {
  if (model === 'noisy') return DEFAULT_RATE;
  const m = /^noisy-(\d{1,3})$/.exec(model);
  if (!m) return undefined;
  return Math.min(100, Number(m[1])) / 100;
}

/** A uniform number in [0,1) fixed by the model name, the prompt and a salt. */
export function noiseDraw(model: string, prompt: string, salt: string): number {
  const digest = createHash('sha256').update(`${salt}\u0000${model}\u0000${prompt}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** Whether this answer goes wrong: the prompt decides, at the model's rate. */
export function goesWrong(model: string, prompt: string): boolean {
  const rate = noiseRate(model);
  return rate !== undefined && noiseDraw(model, prompt, 'answer') < rate;
}

/**
 * A plausible wrong version of a golden answer: a short label comes wrapped in a sentence (breaks
 * exact matches and format checks, still "contains" the label); a longer answer stops after its
 * first sentence (the judge finds it incomplete); a JSON value loses its last field.
 */
export function corruptAnswer(value: unknown): string {
  if (typeof value !== 'string') return corruptJson(value);
  const text = value.trim();
  const sentences = text.split(/(?<=[.!?])\s+/);
  if (sentences.length > 1) return sentences[0]!;
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= 3) return `I think the answer is ${text}, but I am not sure.`;
  return words.slice(0, Math.ceil(words.length / 2)).join(' ');
}

function corruptJson(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value.slice(0, -1));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return JSON.stringify(Object.fromEntries(entries.slice(0, -1)));
  }
  return JSON.stringify(value === null ? 0 : typeof value === 'number' ? value + 1 : !value);
}

/** A noisy judge's verdict in [0,1]: at the model's rate, r moves by 0.4, two levels of a 1–5 scale (down, or up when it cannot go down). */
export function noisyVerdict(model: string, prompt: string, r: number): number {
  const rate = noiseRate(model);
  if (rate === undefined || noiseDraw(model, prompt, 'judge') >= rate) return r;
  const moved = r >= 0.4 ? r - 0.4 : r + 0.4;
  return Math.round(moved * 100) / 100;
}
