import { z } from 'zod';

/**
 * One retrieved passage of a RAG case. `id` lets retrieval metrics compare against gold ids and lets
 * claim verdicts name the chunk that supports them; `score` is the retriever's own relevance score.
 */
export const ChunkSchema = z
  .object({
    text: z.string(),
    id: z.union([z.string().min(1), z.number()]).transform(String).optional(),
    score: z.number().finite().optional(),
  })
  .strict();
export type Chunk = z.infer<typeof ChunkSchema>;

/**
 * Retrieved passages for RAG cases, in retrieval order (rank 1 first): a string, or a list of strings
 * and/or `{ text, id?, score? }` chunks. Always normalised to a list of chunks. A plain string is one
 * chunk without id, so `"context": "..."` and `["a", "b"]` keep working. Normalised before validation
 * (not a union) so a mistake is reported at its chunk and key, not as "invalid input".
 */
export const ContextSchema = z.preprocess((v) => {
  const list = typeof v === 'string' ? [v] : v;
  return Array.isArray(list) ? list.map((c: unknown) => (typeof c === 'string' ? { text: c } : c)) : list;
}, z.array(ChunkSchema));

/** One test case: a line of a suite's JSONL file, or an inline YAML entry. */
export const CaseSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  vars: z.record(z.string(), z.unknown()).default({}),
  expected: z.unknown().optional(),
  tags: z.array(z.string()).default([]),
  /** Ids of the chunks that should be retrieved (for precision@k, recall@k, MRR, nDCG@k). */
  gold_ids: z.array(z.union([z.string().min(1), z.number()]).transform(String)).optional(),
  /** Retrieved passages; rendered into prompts, given to judges and shown to reviewers. */
  context: ContextSchema.optional(),
  /**
   * What the built-in mock model answers for this case, for tests and demos (real providers never
   * see it): `answer` is the reply of the system under test; any other key is the name of a judge
   * request (`answer_claims`, `claim_verdicts`, ...) and its value is the judge's reply to it.
   */
  mock: z.record(z.string(), z.unknown()).optional(),
});
export type Case = z.infer<typeof CaseSchema>;

/**
 * The chunks of a case's context, whatever shape it was stored in: cases saved by an older juror
 * hold a string or a list of strings, so everything that reads stored cases goes through this.
 */
export function contextChunks(context: unknown): Chunk[] {
  if (context === undefined || context === null) return [];
  const list: unknown[] = Array.isArray(context) ? context : [context];
  return list.map((c): Chunk => {
    if (typeof c === 'string') return { text: c };
    if (c && typeof c === 'object' && typeof (c as { text?: unknown }).text === 'string') {
      const { text, id, score } = c as { text: string; id?: unknown; score?: unknown };
      const chunk: Chunk = { text };
      if (id !== undefined && id !== null) chunk.id = String(id);
      if (typeof score === 'number') chunk.score = score;
      return chunk;
    }
    return { text: typeof c === 'object' ? JSON.stringify(c) : String(c) };
  });
}

/** The texts of a context's chunks, in order (what prompts and plain displays use). */
export function contextTexts(context: unknown): string[] {
  return contextChunks(context).map((c) => c.text);
}
