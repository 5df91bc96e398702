import { z } from 'zod';
import type { Template } from '../templates/render.js';
import { check, excerpt, unscored, type ScorerDef, UNIT_BOUNDS } from './scorer.js';
import { makeTemplates, requireTargets, targetTexts } from './targets.js';
import { ConfigError } from '../core/errors.js';

const Tolerance = z.union([
  z.number().nonnegative(),
  z.string().regex(/^\s*\d+(\.\d+)?\s*%\s*$/, 'tolerance is a number (absolute) or a percentage like "5%"'),
]);

const Options = z.preprocess(
  (v) => (v === null || v === undefined ? {} : typeof v === 'number' || typeof v === 'string' ? { tolerance: v } : v),
  z.strictObject({
    /** Absolute tolerance (a number) or relative ("5%"). */
    tolerance: Tolerance.default(0),
    /** Relative tolerance as a fraction (0.05 = 5%); passes if either tolerance is met. */
    relative_tolerance: z.number().nonnegative().optional(),
    /** What to compare to (a template); default the case's expected value. */
    value: z.string().optional(),
  }),
);
type Opts = z.infer<typeof Options> & { templates?: Template[] };

// Thousands separators ("1,234.5") and exponents; the first number in the text wins.
const NUMBER = /[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][-+]?\d+)?/g;

/** The first number in a text, or null. */
export function firstNumber(text: string): number | null {
  for (const m of text.matchAll(NUMBER)) {
    if (!/\d/.test(m[0])) continue;
    const n = Number(m[0].replace(/,/g, '').replace('−', '-'));
    if (Number.isFinite(n)) return n;
  }
  return null;
}

/** `numeric`: the first number in the output is within tolerance of the expected number. */
export const numeric: ScorerDef<Opts> = {
  name: 'numeric',
  bounds: UNIT_BOUNDS,
  summary: 'first number in output within tolerance (absolute or "5%") of expected',
  options: Options as z.ZodType<Opts>,
  prepare(o, env) {
    return { ...o, templates: makeTemplates(o.value === undefined ? undefined : [o.value], env.where, 'numeric value') };
  },
  create(o, criterion) {
    const abs = typeof o.tolerance === 'number' ? o.tolerance : 0;
    const rel = typeof o.tolerance === 'string' ? Number(o.tolerance.replace('%', '')) / 100 : o.relative_tolerance;
    const tolerances = [...(abs ? [String(abs)] : []), ...(rel !== undefined ? [`${+(rel * 100).toFixed(6)}%`] : [])];
    return {
      name: 'numeric',
      criteria: [criterion],
      check(c) {
        const targets = requireTargets(o.templates, c, 'numeric');
        if (targets.length !== 1 || firstNumber(targets[0]!) === null) {
          throw new ConfigError(`numeric: case "${c.id}" has no number to compare against (expected ${JSON.stringify(targets.join(', '))})`);
        }
      },
      async score(output, c) {
        const targets = targetTexts(o.templates, c);
        const want = targets && targets.length === 1 ? firstNumber(targets[0]!) : null;
        if (want === null) return [unscored('numeric', criterion, `case "${c.id}" has no numeric expected value`)];
        const got = firstNumber(output);
        if (got === null) return [check('numeric', criterion, false, `no number in output ${excerpt(output)}`)];
        const diff = Math.abs(got - want);
        const ok = diff <= abs + 1e-12 * Math.max(1, Math.abs(want)) || (rel !== undefined && diff <= rel * Math.abs(want));
        const tol = tolerances.length ? ` (tolerance ${tolerances.join(' or ')})` : '';
        return [check('numeric', criterion, ok, ok ? `${got} ≈ ${want}${tol}` : `got ${got}, expected ${want}${tol}`)];
      },
    };
  },
};
