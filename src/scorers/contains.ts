import { z } from 'zod';
import type { Template } from '../templates/render.js';
import { check, excerpt, unscored, type ScorerDef, UNIT_BOUNDS } from './scorer.js';
import { requireTargets, targetTexts, valueTemplates } from './targets.js';

/**
 * Options: `contains: "text"`, `contains: [a, b]`, `{ value: "{{expected}}" }`,
 * `{ value: [a, b], mode: any }`, `{ all: [a, b] }`, `{ any: [a, b] }`. No value: the expected answer.
 */
const Options = z.preprocess(
  (v) => {
    if (v === null || v === undefined) return {};
    if (typeof v === 'string' || Array.isArray(v)) return { value: v };
    if (v && typeof v === 'object' && ('all' in v || 'any' in v)) {
      const { all, any, ...rest } = v as { all?: unknown; any?: unknown };
      if (all !== undefined && any !== undefined) return v; // strictObject reports it
      return { ...rest, value: all ?? any, mode: all !== undefined ? 'all' : 'any' };
    }
    return v;
  },
  z.strictObject({
    value: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    mode: z.enum(['all', 'any']).default('all'),
    ignore_case: z.boolean().optional(),
  }),
);
type Opts = z.infer<typeof Options> & { templates?: Template[] };

function makeContains(name: 'contains' | 'icontains'): ScorerDef<Opts> {
  return {
    name,
    bounds: UNIT_BOUNDS,
    summary: name === 'contains' ? 'output contains the value(s) (all/any)' : 'contains, ignoring case',
    options: Options as z.ZodType<Opts>,
    prepare(o, env) {
      return { ...o, templates: valueTemplates(o.value, env.where, `${name} value`) };
    },
    create(o, criterion) {
      const fold = name === 'icontains' || o.ignore_case === true;
      const norm = (s: string) => (fold ? s.toLowerCase() : s);
      return {
        name,
        criteria: [criterion],
        check(c) {
          requireTargets(o.templates, c, name);
        },
        async score(output, c) {
          const targets = targetTexts(o.templates, c);
          if (targets === null) return [unscored(name, criterion, `case "${c.id}" has no expected value`)];
          const hay = norm(output);
          const missing = targets.filter((t) => !hay.includes(norm(t)));
          const ok = o.mode === 'all' ? missing.length === 0 : missing.length < targets.length;
          if (ok) return [check(name, criterion, true, `contains ${describe(targets, missing, o.mode)}`)];
          const want = missing.map((t) => excerpt(t)).join(o.mode === 'all' ? ', ' : ' or ');
          return [check(name, criterion, false, `output does not contain ${want}${o.mode === 'all' && targets.length > 1 ? ` (${missing.length} of ${targets.length} missing)` : ''}`)];
        },
      };
    },
  };
}

function describe(targets: string[], missing: string[], mode: 'all' | 'any'): string {
  if (mode === 'all') return targets.map((t) => excerpt(t)).join(', ');
  return targets.filter((t) => !missing.includes(t)).map((t) => excerpt(t)).join(', ');
}

export const contains = makeContains('contains');
export const icontains = makeContains('icontains');
