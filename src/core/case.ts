import { z } from 'zod';

/** One test case: a line of a suite's JSONL file, or an inline YAML entry. */
export const CaseSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  vars: z.record(z.string(), z.unknown()).default({}),
  expected: z.unknown().optional(),
  tags: z.array(z.string()).default([]),
  /** Retrieved passages for RAG cases; rendered into prompts and shown to reviewers. */
  context: z.union([z.string(), z.array(z.string())]).optional(),
});
export type Case = z.infer<typeof CaseSchema>;
