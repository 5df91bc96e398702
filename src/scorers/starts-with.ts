import { z } from 'zod';
import type { Template } from '../templates/render.js';
import { check, excerpt, unscored, type ScorerDef, UNIT_BOUNDS } from './scorer.js';
import { targetTexts, valueTemplates } from './targets.js';

const Options = z.preprocess(
  (v) => (v === null || v === undefined ? {} : typeof v === 'string' || Array.isArray(v) ? { value: v } : v),
  z.strictObject({
    value: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    ignore_case: z.boolean().default(false),
  }),
);
type Opts = z.infer<typeof Options> & { templates?: Template[] };

/**
 * `starts-with`: the output, leading whitespace ignored (models often open with a newline), starts
 * with the value (any of a list); default the expected answer.
 */
export const startsWith: ScorerDef<Opts> = {
  name: 'starts-with',
  bounds: UNIT_BOUNDS,
  summary: 'output (leading whitespace ignored) starts with the value (any of a list; ignore_case)',
  options: Options as z.ZodType<Opts>,
  prepare(o, env) {
    return { ...o, templates: valueTemplates(o.value, env.where, 'starts-with value') };
  },
  create(o, criterion) {
    const norm = (s: string) => (o.ignore_case ? s.toLowerCase() : s);
    return {
      name: 'starts-with',
      criteria: [criterion],
      async score(output, c) {
        const targets = targetTexts(o.templates, c);
        if (targets === null) return [unscored('starts-with', criterion, `case "${c.id}" has no expected value`)];
        const head = norm(output.trimStart());
        const hit = targets.find((t) => head.startsWith(norm(t)));
        if (hit !== undefined) return [check('starts-with', criterion, true, `starts with ${excerpt(hit)}`)];
        const want = targets.map((t) => excerpt(t)).join(' or ');
        return [check('starts-with', criterion, false, `output ${excerpt(output.trimStart(), 40)} does not start with ${want}`)];
      },
    };
  },
};
