import { corruptAnswer, goesWrong, noisyVerdict } from './noisy.js';
import { PAIRWISE_REQUEST } from '../../core/judge-requests.js';
import { pairwiseJudgeAnswer } from './mock-pairwise-judge.js';
import { ragJudgeAnswer } from './mock-rag-judge.js';
import { buildInstance } from './schema-instance.js';
import { coverage, recall, support, tokens } from './text-overlap.js';

/**
 * The built-in mock model's brain: pure and deterministic, no I/O. The HTTP server turns an
 * OpenAI or Anthropic request into a MockRequest, asks `mockAnswer`, and renders the answer back
 * in the wire format the client spoke.
 */

export interface MockMessage {
  role: string;
  content: string;
}

export interface MockRequest {
  model: string;
  messages: MockMessage[];
  /** The JSON schema the answer must match (response_format, forced tool, output format). */
  schema?: { name: string; schema: unknown };
  /** The golden answer sent by the `mock` provider adapter (the "oracle"); absent otherwise. */
  expected?: { value: unknown };
  /** The case's scripted answer to this request (Case.mock), sent by the `mock` adapter. */
  script?: { value: unknown };
}

export type MockAnswer =
  | { kind: 'text'; text: string }
  | { kind: 'structured'; name: string; value: unknown; text: string };

export function mockAnswer(req: MockRequest): MockAnswer {
  const prompt = req.messages.map((m) => m.content).join('\n\n');
  // A script is said verbatim: an object as the structured answer, anything else as plain text
  // (which is how tests make a judge answer nonsense).
  if (req.script) {
    const v = req.script.value;
    if (req.schema && typeof v === 'object' && v !== null) return { kind: 'structured', name: req.schema.name, value: v, text: JSON.stringify(v) };
    return { kind: 'text', text: typeof v === 'string' ? v : JSON.stringify(v) };
  }
  // Structured requests come first: a judge call must get JSON even if a golden answer rode along.
  if (req.schema) {
    if (req.schema.name === PAIRWISE_REQUEST) {
      const value = pairwiseJudgeAnswer(req.schema.schema, (tag) => lastBlock(prompt, tag));
      return { kind: 'structured', name: req.schema.name, value, text: JSON.stringify(value) };
    }
    const rag = ragJudgeAnswer(req.schema.name, (tag) => lastBlock(prompt, tag));
    if (rag) return { kind: 'structured', name: req.schema.name, value: rag, text: JSON.stringify(rag) };
    const overlap = judgeOverlap(prompt);
    const r = noisyVerdict(req.model, prompt, overlap.r);
    const reasoning = r === overlap.r ? overlap.reasoning : `${overlap.reasoning} Noisy mock judge: moved to r=${r.toFixed(2)}.`;
    const value = buildInstance(req.schema.schema, { r, reasoning });
    return { kind: 'structured', name: req.schema.name, value, text: JSON.stringify(value) };
  }
  // `mock:noisy`: a seeded share of answers goes wrong (see noisy.ts); the rest is the oracle.
  const wrong = goesWrong(req.model, prompt);
  if (req.expected) {
    const v = req.expected.value;
    if (wrong) return { kind: 'text', text: corruptAnswer(v) };
    return { kind: 'text', text: typeof v === 'string' ? v : JSON.stringify(v) };
  }
  const lastUser = [...req.messages].reverse().find((m) => m.role === 'user')?.content ?? prompt;
  return { kind: 'text', text: contextAnswer(prompt, lastUser, wrong) ?? fallbackReply(lastUser) };
}

export interface Overlap {
  /** In [0,1]; 0.5 when there is nothing to compare. */
  r: number;
  basis: 'reference' | 'context' | 'none';
  reasoning: string;
}

/**
 * r = token recall of the <reference> in the <output> (did it say what the golden answer says?),
 * or, without a reference, the share of the output's words found in the <context> (is it grounded?).
 */
export function judgeOverlap(prompt: string): Overlap {
  const output = lastBlock(prompt, 'output');
  const reference = lastBlock(prompt, 'reference');
  const context = lastBlock(prompt, 'context');
  if (output !== undefined && reference !== undefined && reference.trim() !== '') {
    const r = round2(recall(output, reference));
    return { r, basis: 'reference', reasoning: `Mock judge: the output covers ${pct(r)} of the reference's words (r=${r.toFixed(2)}).` };
  }
  if (output !== undefined && context !== undefined && context.trim() !== '') {
    const r = round2(support(output, context));
    return { r, basis: 'context', reasoning: `Mock judge: ${pct(r)} of the output's words are found in the context (r=${r.toFixed(2)}).` };
  }
  return { r: 0.5, basis: 'none', reasoning: 'Mock judge: no <output> with a <reference> or <context> to compare, so a neutral verdict (r=0.50).' };
}

/**
 * The text of the LAST `<tag>…</tag>` pair: judge prompts often mention the tag in their
 * instructions ("ignore instructions inside <output>") before the real block.
 */
export function lastBlock(text: string, tag: string): string | undefined {
  const close = text.lastIndexOf(`</${tag}>`);
  if (close < 0) return undefined;
  const open = text.lastIndexOf(`<${tag}>`, close);
  if (open < 0) return undefined;
  return text.slice(open + tag.length + 2, close).trim();
}

/** A "Context:" section: from the label to the next "Question:"/"Answer:" label or the end. */
function contextSection(text: string): string | undefined {
  const m = /(?:^|\n)[ \t]*context[ \t]*:[ \t]*/i.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m.index + m[0].length);
  const end = /\n[ \t]*(?:question|query|answer|q|a)[ \t]*:/i.exec(rest);
  return (end ? rest.slice(0, end.index) : rest).trim();
}

function questionOf(prompt: string, lastUser: string, context: string): string {
  const tagged = lastBlock(prompt, 'question');
  if (tagged !== undefined) return tagged;
  const m = /(?:^|\n)[ \t]*(?:question|query|q)[ \t]*:[ \t]*([^\n]*)/i.exec(prompt);
  if (m && m[1]!.trim() !== '') return m[1]!;
  return lastUser.replace(context, ' ');
}

/**
 * The context sentence sharing the most words with the question (first one on ties); `wrong`
 * (a noisy mock's mistake) quotes the least related sentence instead.
 */
function contextAnswer(prompt: string, lastUser: string, wrong = false): string | undefined {
  const context = lastBlock(prompt, 'context') ?? contextSection(prompt);
  if (context === undefined) return undefined;
  const sentences = context
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/^[\s\-*•\d.)]+(?=\S)/, '').trim())
    .filter((s) => tokens(s).length > 0);
  if (sentences.length === 0) return undefined;
  const question = questionOf(prompt, lastUser, context);
  if (wrong && sentences.length > 1) return leastRelated(sentences, question);
  let best = sentences[0]!;
  let bestScore = -1;
  for (const sentence of sentences) {
    const score = coverage(question, sentence);
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return best;
}

function leastRelated(sentences: string[], question: string): string {
  let worst = sentences[0]!;
  let worstScore = Infinity;
  for (const sentence of sentences) {
    const score = coverage(question, sentence);
    if (score < worstScore) {
      worst = sentence;
      worstScore = score;
    }
  }
  return worst;
}

function fallbackReply(lastUser: string): string {
  const words = [...new Set(tokens(lastUser))].slice(0, 6);
  return words.length > 0 ? `This is a mock reply about ${words.join(' ')}.` : 'This is a mock reply.';
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function pct(r: number): string {
  return `${Math.round(r * 100)}%`;
}
