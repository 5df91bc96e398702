import { z } from 'zod';
import type { Template } from '../templates/render.js';
import { check, excerpt, unscored, type ScorerDef, UNIT_BOUNDS } from './scorer.js';
import { requireTargets, targetTexts, valueTemplates } from './targets.js';

const Options = z.preprocess(
  (v) => (v === null || v === undefined ? {} : typeof v === 'string' ? { value: v } : v),
  z.strictObject({
    value: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    ignore_case: z.boolean().default(false),
  }),
);
type Opts = z.infer<typeof Options> & { templates?: Template[] };

/** `exact`: the trimmed output equals the expected value (or any of `value`). */
export const exact: ScorerDef<Opts> = {
  name: 'exact',
  bounds: UNIT_BOUNDS,
  summary: 'trimmed output equals expected (ignore_case)',
  options: Options as z.ZodType<Opts>,
  prepare(o, env) {
    return { ...o, templates: valueTemplates(o.value, env.where, 'exact value') };
  },
  create(o, criterion) {
    const norm = (s: string) => (o.ignore_case ? s.trim().toLowerCase() : s.trim());
    return {
      name: 'exact',
      criteria: [criterion],
      check(c) {
        requireTargets(o.templates, c, 'exact');
      },
      async score(output, c) {
        const targets = targetTexts(o.templates, c);
        if (targets === null) return [unscored('exact', criterion, `case "${c.id}" has no expected value`)];
        const got = norm(output);
        const ok = targets.some((t) => norm(t) === got);
        const want = targets.map((t) => excerpt(t.trim())).join(' or ');
        return [check('exact', criterion, ok, ok ? `equals ${want}` : `expected ${want}, got ${excerpt(output.trim())}`)];
      },
    };
  },
};
