import { z } from 'zod';
import { PANEL_AGGREGATES } from '../core/judge-panel.js';
import { REDUCERS } from '../core/reducer.js';

const PromptSchema = z.union([
  z.string().min(1),
  z.strictObject({ system: z.string().min(1).optional(), user: z.string().min(1) }),
]);

/** The suite file as written (before paths are resolved). Strict: a misspelt key is an error. */
export const RawSuiteSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  prompt: PromptSchema.optional(),
  /** A matrix: every case runs with each of these prompts (and each provider); instead of `prompt`. */
  prompts: z.array(PromptSchema).min(1).optional(),
  cases: z.union([z.string().min(1), z.array(z.unknown())]),
  provider: z.string().min(1).optional(),
  /** A matrix: every case runs on each of these providers; instead of `provider`. */
  providers: z.array(z.string().min(1)).min(1).optional(),
  judge: z
    .strictObject({
      provider: z.string().min(1).optional(),
      /** A judge panel: every rubric criterion is scored by each of these judges; instead of `provider`. */
      providers: z.array(z.string().min(1)).min(2).optional(),
      /** How a panel's verdicts on an ordinal criterion combine (default mean); nominal ones take the majority. */
      aggregate: z.enum(PANEL_AGGREGATES).optional(),
      rubric: z.string().min(1).optional(),
      prompt: z.string().min(1).optional(),
      input: z.string().min(1).optional(),
    })
    .optional(),
  scorers: z.array(z.unknown()).default([]),
  pass: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  /** How --repeat N results of a case become one verdict (src/runner/repeats.ts). */
  reduce: z.enum(REDUCERS).optional(),
  defaults: z
    .strictObject({
      temperature: z.number().min(0).max(2).optional(),
      max_tokens: z.number().int().positive().optional(),
    })
    .optional(),
});
export type RawSuite = z.infer<typeof RawSuiteSchema>;
