import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { z } from 'zod';
import { ConfigError, describeError } from '../core/errors.js';
import type { Case } from '../core/case.js';
import type { Score } from '../core/score.js';
import type { ScorerDef } from './scorer.js';
import { customScores, type CustomScorerFn } from './custom-result.js';

const Options = z.preprocess(
  (v) => (typeof v === 'string' ? { path: v } : v),
  z.strictObject({
    /** The module, relative to the suite file: .mjs, .js or .cjs (see docs for .ts). */
    path: z.string().min(1),
    /** The exported function; default the default export (or a single exported function). */
    export: z.string().min(1).optional(),
    /** Pass when the value is at least this (when the function does not say `pass` itself). */
    threshold: z.number().optional(),
    /** Names of the scores a function returning a list gives (`file.<name>` criteria for pass rules). */
    criteria: z.array(z.string().regex(/^[A-Za-z0-9_.-]+$/)).min(1).optional(),
  }),
);
type Opts = z.infer<typeof Options> & { fn?: CustomScorerFn; shown?: string };

const requireModule = createRequire(import.meta.url);

/**
 * `file: ./my-scorer.mjs`: a scorer written in code, loaded when the suite loads (so a missing
 * file or export is a suite-file:line error). The module is loaded with require(), which reads ES
 * modules too on Node ≥ 20.19: suite loading is synchronous, and this keeps every load error at
 * load time rather than on the first case.
 */
export const fileScorer: ScorerDef<Opts> = {
  name: 'file',
  summary: 'your own function ({ output, case, context }) => score(s), from a .mjs/.js/.cjs file',
  options: Options as z.ZodType<Opts>,
  defaultCriterion: (o) => o.path.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, ''),
  criteriaOf: (o, base) => [base, ...(o.criteria ?? []).map((c) => `${base}.${c}`)],
  prepare(o, env) {
    const abs = env.resolvePath(o.path);
    const shown = o.path;
    if (!existsSync(abs)) throw new ConfigError(`file: ${shown}: not found`, env.where);
    const ext = extname(abs).toLowerCase();
    if ((ext === '.ts' || ext === '.mts' || ext === '.cts') && !(process.features as { typescript?: unknown }).typescript) {
      throw new ConfigError(
        `file: ${shown}: Node ${process.versions.node} cannot load TypeScript; compile it to .mjs (e.g. npx tsc ${shown}) or write the scorer in .mjs`,
        env.where,
      );
    }
    let mod: Record<string, unknown>;
    try {
      mod = requireModule(abs) as Record<string, unknown>;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why =
        code === 'ERR_REQUIRE_ASYNC_MODULE'
          ? 'uses top-level await, which a scorer module cannot (load what it needs inside the function)'
          : code === 'ERR_REQUIRE_ESM'
            ? `is an ES module and Node ${process.versions.node} cannot load one synchronously: use Node ≥ 20.19, or a .cjs file`
            : `failed to load: ${describeError(err)}`;
      throw new ConfigError(`file: ${shown} ${why}`, env.where, { cause: err });
    }
    const fn = pickExport(mod, o.export);
    if (typeof fn !== 'function') {
      const names = Object.keys(mod).filter((k) => k !== '__esModule' && k !== 'module.exports');
      const want = o.export ? `an export named "${o.export}"` : 'a default export';
      const has = names.length ? `it exports: ${names.join(', ')}` : 'it exports nothing';
      throw new ConfigError(`file: ${shown} has no function as ${want} (${has})`, env.where);
    }
    return { ...o, fn: fn as CustomScorerFn, shown };
  },
  create(o, criterion) {
    const fn = o.fn!;
    const criteria = [criterion, ...(o.criteria ?? []).map((c) => `${criterion}.${c}`)];
    return {
      name: 'file',
      criteria,
      async score(output: string, c: Case, ctx = {}): Promise<Score[]> {
        let result: unknown;
        try {
          result = await fn({ output, case: c, vars: c.vars, expected: c.expected, context: c.context, signal: ctx.signal });
        } catch (err) {
          if (ctx.signal?.aborted) throw err;
          return criteria.map((cr) => ({ scorer: 'file', criterion: cr, value: null, reason: `${o.shown} threw: ${describeError(err)}` }));
        }
        return customScores(result, { criterion, criteria, threshold: o.threshold, shown: o.shown! });
      },
    };
  },
};

/** The default export, a named one, or (CommonJS `module.exports = fn`) the module itself. */
function pickExport(mod: Record<string, unknown>, name: string | undefined): unknown {
  if (name) return mod[name];
  if (typeof mod === 'function') return mod;
  if (typeof mod.default === 'function') return mod.default;
  const fns = Object.entries(mod).filter(([k, v]) => k !== 'default' && typeof v === 'function');
  return fns.length === 1 ? fns[0]![1] : undefined;
}
