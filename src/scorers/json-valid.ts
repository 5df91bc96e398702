import { z } from 'zod';
import { check, excerpt, type ScorerDef, UNIT_BOUNDS } from './scorer.js';

const Options = z.preprocess(
  (v) => (v === null || v === undefined ? {} : v),
  z.strictObject({
    /** Accept JSON wrapped in a ```json fence (chat models often add one). */
    allow_fence: z.boolean().default(false),
  }),
);
type Opts = z.infer<typeof Options>;

/** Parse output as JSON; with allowFence, a single ```json fenced block is unwrapped first. */
export function parseJsonOutput(output: string, allowFence: boolean): { ok: true; value: unknown } | { ok: false; error: string } {
  let text = output.trim();
  if (allowFence) {
    const m = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/.exec(text);
    if (m) text = m[1]!.trim();
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: (err as Error).message.split('\n')[0]! };
  }
}

/** `json-valid`: the output parses as JSON. */
export const jsonValid: ScorerDef<Opts> = {
  name: 'json-valid',
  bounds: UNIT_BOUNDS,
  summary: 'output is valid JSON (allow_fence)',
  options: Options as z.ZodType<Opts>,
  create(o, criterion) {
    return {
      name: 'json-valid',
      criteria: [criterion],
      async score(output) {
        const r = parseJsonOutput(output, o.allow_fence);
        return [check('json-valid', criterion, r.ok, r.ok ? 'valid JSON' : `not valid JSON (${r.error}): ${excerpt(output)}`)];
      },
    };
  },
};
