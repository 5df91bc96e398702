import { RAG_REQUESTS } from '../../core/judge-requests.js';
import { coverage, tokens } from './text-overlap.js';

/**
 * The mock judge for the RAG metrics' requests: deterministic token-overlap heuristics over the
 * prompt's blocks, in the spirit of the rubric mock judge. Reads what the scorers write:
 * `<text>` (to split), `<claims>` (`[n] claim` lines), `<context>` (`[label] chunk` lines),
 * `<input>` (the question) and `<reference>` (the golden answer).
 */

type Block = (tag: string) => string | undefined;

/** The answer for a RAG request name, or undefined when the name is not one of ours. */
export function ragJudgeAnswer(name: string, block: Block): Record<string, unknown> | undefined {
  switch (name) {
    case RAG_REQUESTS.answerClaims:
    case RAG_REQUESTS.referenceClaims:
      return { claims: sentences(block('text') ?? '') };
    case RAG_REQUESTS.claimVerdicts:
    case RAG_REQUESTS.referenceVerdicts:
      return { verdicts: numbered(block('claims')).map((c) => supportVerdict(c, labelled(block('context')))) };
    case RAG_REQUESTS.relevancyVerdicts:
      return { verdicts: numbered(block('claims')).map((c) => relevancyVerdict(c, block('input') ?? '', labelled(block('context')))) };
    case RAG_REQUESTS.chunkVerdicts:
      return { verdicts: labelled(block('context')).map((c) => chunkVerdict(c, block('reference') ?? '')) };
    default:
      return undefined;
  }
}

/** Sentences with at least one content word ("2 GB" is one claim; "Yes." is none). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => tokens(s).length > 0);
}

interface Item {
  label: string;
  text: string;
}

/** `[label] text` lines; a line without a label continues the previous item. */
function labelled(body: string | undefined): Item[] {
  const out: Item[] = [];
  for (const line of (body ?? '').split('\n')) {
    const m = /^\[([^\]]+)\]\s?(.*)$/.exec(line.trim());
    if (m) out.push({ label: m[1]!, text: m[2]! });
    else if (out.length && line.trim()) out[out.length - 1]!.text += ` ${line.trim()}`;
  }
  return out;
}

function numbered(body: string | undefined): Array<Item & { n: number }> {
  return labelled(body).map((c, i) => ({ ...c, n: Number(c.label) || i + 1 }));
}

function numbersIn(text: string): Set<string> {
  return new Set(text.match(/\d+(?:[.,]\d+)?/g) ?? []);
}

function best(claim: string, chunks: Item[]): { chunk: Item | undefined; r: number } {
  let chunk: Item | undefined;
  let r = -1;
  for (const c of chunks) {
    const x = coverage(claim, c.text);
    if (x > r) [chunk, r] = [c, x];
  }
  return { chunk, r: Math.max(0, r) };
}

const pct = (r: number) => `${Math.round(r * 100)}%`;

/**
 * Supported: ≥ 60% of the claim's words are in one chunk and every figure it states is there too.
 * Contradicted: it largely matches a chunk (≥ 40%) that states different figures. Else not found.
 */
function supportVerdict(claim: Item & { n: number }, chunks: Item[]): Record<string, unknown> {
  const { chunk, r } = best(claim.text, chunks);
  const figures = [...numbersIn(claim.text)];
  const chunkFigures = chunk ? numbersIn(chunk.text) : new Set<string>();
  const missing = figures.filter((f) => !chunkFigures.has(f));
  if (chunk && r >= 0.6 && missing.length === 0) {
    return { claim: claim.n, reason: `Mock judge: ${pct(r)} of the claim's words are in chunk [${chunk.label}].`, verdict: 'supported', chunk: chunk.label };
  }
  if (chunk && r >= 0.4 && missing.length > 0 && chunkFigures.size > 0) {
    return {
      claim: claim.n,
      reason: `Mock judge: chunk [${chunk.label}] says ${[...chunkFigures].join(', ')}, the claim says ${missing.join(', ')}.`,
      verdict: 'contradicted',
      chunk: chunk.label,
    };
  }
  return { claim: claim.n, reason: `Mock judge: at most ${pct(r)} of the claim's words are in any chunk.`, verdict: 'not_found', chunk: '' };
}

/**
 * Relevant: shares a content word with the question, or restates a retrieved chunk (≥ 60% of its
 * words in one): the chunks were retrieved for the question, so what they say is on topic.
 */
function relevancyVerdict(claim: Item & { n: number }, question: string, chunks: Item[]): Record<string, unknown> {
  if (coverage(claim.text, question) > 0) {
    return { claim: claim.n, reason: 'Mock judge: the claim shares words with the question.', verdict: 'relevant' };
  }
  const { chunk, r } = best(claim.text, chunks);
  if (chunk && r >= 0.6) {
    return { claim: claim.n, reason: `Mock judge: the claim restates chunk [${chunk.label}], retrieved for the question.`, verdict: 'relevant' };
  }
  return { claim: claim.n, reason: 'Mock judge: the claim shares no words with the question and restates no chunk.', verdict: 'irrelevant' };
}

/** Relevant: more than half of the golden answer's words are in the chunk. */
function chunkVerdict(chunk: Item, reference: string): Record<string, unknown> {
  const r = coverage(reference, chunk.text);
  return r > 0.5
    ? { chunk: chunk.label, reason: `Mock judge: the chunk holds ${pct(r)} of the golden answer's words.`, verdict: 'relevant' }
    : { chunk: chunk.label, reason: `Mock judge: the chunk holds only ${pct(r)} of the golden answer's words.`, verdict: 'irrelevant' };
}
