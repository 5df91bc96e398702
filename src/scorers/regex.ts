import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { check, excerpt, type ScorerDef, UNIT_BOUNDS } from './scorer.js';

const Options = z.preprocess(
  (v) => (typeof v === 'string' ? { pattern: v } : v),
  z.strictObject({
    pattern: z.string().min(1),
    flags: z.string().regex(/^[dgimsuvy]*$/, 'flags may only use d g i m s u v y').default(''),
    /** Pass when the pattern does NOT match (e.g. forbidden phrases). */
    negate: z.boolean().default(false),
  }),
);
type Opts = z.infer<typeof Options> & { re?: RegExp };

/** `regex`: the output matches `pattern` (with `flags`); a bad pattern fails at load time. */
export const regex: ScorerDef<Opts> = {
  name: 'regex',
  bounds: UNIT_BOUNDS,
  summary: 'output matches a regular expression (pattern, flags, negate)',
  options: Options as z.ZodType<Opts>,
  prepare(o, env) {
    try {
      // 'g'/'y' make .test() stateful across calls; matching is a yes/no question, so drop them.
      return { ...o, re: new RegExp(o.pattern, o.flags.replace(/[gy]/g, '')) };
    } catch (err) {
      throw new ConfigError(`regex: bad pattern /${o.pattern}/${o.flags}: ${(err as Error).message}`, env.where);
    }
  },
  create(o, criterion) {
    const re = o.re ?? new RegExp(o.pattern, o.flags.replace(/[gy]/g, ''));
    const shown = `/${o.pattern}/${o.flags}`;
    return {
      name: 'regex',
      criteria: [criterion],
      async score(output) {
        const matched = re.test(output);
        const ok = matched !== o.negate;
        const reason = matched
          ? `matches ${shown}` + (o.negate ? ' (must not match)' : '')
          : `output ${excerpt(output)} does not match ${shown}`;
        return [check('regex', criterion, ok, reason)];
      },
    };
  },
};
