import { readFileSync } from 'node:fs';
import type { Chunk } from '../../core/case.js';
import { packagePath } from '../../core/package-root.js';
import { RAG_REQUESTS, type RagRequestName } from '../../core/judge-requests.js';
import type { CompletionRequest } from '../../providers/provider.js';
import { renderTemplate, type Template } from '../../templates/render.js';
import { neutralise } from '../judge/build-judge-prompt.js';

/** The RAG judge prompts (prompts/rag-*.hbs at the package root). */
const FILES = { claims: 'rag-claims.hbs', verify: 'rag-verify.hbs', relevancy: 'rag-relevancy.hbs', chunks: 'rag-chunks.hbs' } as const;
type PromptName = keyof typeof FILES;

const loaded = new Map<PromptName, Template>();
function template(name: PromptName): Template {
  let t = loaded.get(name);
  if (!t) {
    const path = packagePath('prompts', FILES[name]);
    t = { name: `prompts/${FILES[name]}`, source: readFileSync(path, 'utf8') };
    loaded.set(name, t);
  }
  return t;
}

/** How a chunk is cited: its id, or `#rank` when it has none. */
export function chunkLabel(chunk: Chunk, index: number): string {
  return chunk.id ?? `#${index + 1}`;
}

const oneLine = (s: string) => neutralise(s.replace(/\s*\n\s*/g, ' ').trim());

function contextBlock(chunks: Chunk[]): string {
  return chunks.map((c, i) => `[${oneLine(chunkLabel(c, i))}] ${oneLine(c.text)}`).join('\n');
}

function claimsBlock(claims: string[]): string {
  return claims.map((c, i) => `[${i + 1}] ${oneLine(c)}`).join('\n');
}

const str = { type: 'string' };
function listOf(name: string, item: Record<string, unknown>): Record<string, unknown> {
  const properties = { [name]: { type: 'array', items: { type: 'object', properties: item, required: Object.keys(item), additionalProperties: false } } };
  return { type: 'object', properties, required: [name], additionalProperties: false };
}

const CLAIMS_SCHEMA = { type: 'object', properties: { claims: { type: 'array', items: str } }, required: ['claims'], additionalProperties: false };
// `reason` before `verdict`: a model writes its justification before committing to a verdict.
const SUPPORT_SCHEMA = listOf('verdicts', {
  claim: { type: 'integer', description: 'The claim number, as in <claims>.' },
  reason: str,
  verdict: { type: 'string', enum: ['supported', 'contradicted', 'not_found'] },
  chunk: { type: 'string', description: 'Label of the chunk the verdict rests on, or "" when none.' },
});
const RELEVANCY_SCHEMA = listOf('verdicts', {
  claim: { type: 'integer', description: 'The claim number, as in <claims>.' },
  reason: str,
  verdict: { type: 'string', enum: ['relevant', 'irrelevant'] },
});
const CHUNKS_SCHEMA = listOf('verdicts', {
  chunk: { type: 'string', description: 'The chunk label, as in <context>.' },
  reason: str,
  verdict: { type: 'string', enum: ['relevant', 'irrelevant'] },
});

function request(name: RagRequestName, prompt: PromptName, data: Record<string, unknown>, schema: Record<string, unknown>, maxTokens: number): CompletionRequest {
  return {
    messages: [{ role: 'user', content: renderTemplate(template(prompt), data) }],
    temperature: 0,
    maxTokens,
    structured: { name, schema },
  };
}

/** Split a text (the answer, or the golden answer) into claims. */
export function claimsRequest(name: typeof RAG_REQUESTS.answerClaims | typeof RAG_REQUESTS.referenceClaims, input: string, text: string): CompletionRequest {
  return request(name, 'claims', { input: neutralise(input), text: neutralise(text) }, CLAIMS_SCHEMA, 1024);
}

/** Judge claims as supported / contradicted / not found in the chunks. */
export function supportRequest(
  name: typeof RAG_REQUESTS.claimVerdicts | typeof RAG_REQUESTS.referenceVerdicts, input: string, claims: string[], chunks: Chunk[],
): CompletionRequest {
  const data = { input: neutralise(input), claims: claimsBlock(claims), context: contextBlock(chunks) };
  return request(name, 'verify', data, SUPPORT_SCHEMA, Math.max(1024, 150 * claims.length));
}

export function relevancyRequest(input: string, claims: string[], chunks: Chunk[]): CompletionRequest {
  const data = { input: neutralise(input), claims: claimsBlock(claims), context: contextBlock(chunks) };
  return request(RAG_REQUESTS.relevancyVerdicts, 'relevancy', data, RELEVANCY_SCHEMA, Math.max(1024, 120 * claims.length));
}

export function chunksRequest(input: string, reference: string, chunks: Chunk[]): CompletionRequest {
  const data = { input: neutralise(input), reference: neutralise(reference), context: contextBlock(chunks) };
  return request(RAG_REQUESTS.chunkVerdicts, 'chunks', data, CHUNKS_SCHEMA, Math.max(1024, 120 * chunks.length));
}
