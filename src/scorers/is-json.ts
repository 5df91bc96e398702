import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import type { Template } from '../templates/render.js';
import { renderForCase } from '../templates/render.js';
import { atPath, parseJsonPath, type PathSegment } from './json-path.js';
import { parseJsonOutput } from './json-valid.js';
import { check, excerpt, type ScorerDef, UNIT_BOUNDS } from './scorer.js';
import { makeTemplates } from './targets.js';

const Options = z.preprocess(
  (v) => (v === null || v === undefined ? {} : typeof v === 'string' || Array.isArray(v) ? { path: v } : v),
  z.strictObject({
    /** Path(s) that must exist in the JSON output: `answer`, `$.items[0].id`. */
    path: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    /** With one path: the value there must equal this (a template; compared as JSON or text). */
    value: z.string().optional(),
    allow_fence: z.boolean().default(false),
  }),
);
type Opts = z.infer<typeof Options> & { paths?: Array<{ text: string; segments: PathSegment[] }>; template?: Template };

/** `is-json`: the output is JSON and, with `path`, has a value at each path (equal to `value`, if given). */
export const isJson: ScorerDef<Opts> = {
  name: 'is-json',
  bounds: UNIT_BOUNDS,
  summary: 'output is JSON with a value at path(s) (path, value, allow_fence)',
  options: Options as z.ZodType<Opts>,
  prepare(o, env) {
    const list = o.path === undefined ? [] : Array.isArray(o.path) ? o.path : [o.path];
    const paths = list.map((text) => {
      const segments = parseJsonPath(text);
      if (typeof segments === 'string') throw new ConfigError(`is-json: bad path "${text}": ${segments}`, env.where);
      return { text, segments };
    });
    if (o.value !== undefined && paths.length !== 1) throw new ConfigError('is-json: "value" needs exactly one "path"', env.where);
    const template = o.value === undefined ? undefined : makeTemplates([o.value], env.where, 'is-json value')![0];
    return { ...o, paths, template };
  },
  create(o, criterion) {
    return {
      name: 'is-json',
      criteria: [criterion],
      async score(output, c) {
        const r = parseJsonOutput(output, o.allow_fence);
        if (!r.ok) return [check('is-json', criterion, false, `not valid JSON (${r.error}): ${excerpt(output)}`)];
        for (const p of o.paths ?? []) {
          const at = atPath(r.value, p.segments);
          if (!at.found) return [check('is-json', criterion, false, `no value at ${p.text} (${at.missing} is missing)`)];
          if (o.template) {
            const want = renderForCase(o.template, c);
            if (!sameValue(at.value, want)) {
              return [check('is-json', criterion, false, `${p.text} is ${excerpt(JSON.stringify(at.value) ?? 'undefined')}, expected ${excerpt(want)}`)];
            }
          }
        }
        const where = o.paths?.length ? ` with ${o.paths.map((p) => p.text).join(', ')}` : '';
        return [check('is-json', criterion, true, `valid JSON${where}`)];
      },
    };
  },
};

/** A rendered template is text: "42" equals 42, "true" equals true, "x" equals "x" or the JSON `"x"`. */
function sameValue(got: unknown, want: string): boolean {
  if (typeof got === 'string') return got === want || JSON.stringify(got) === want.trim();
  const json = JSON.stringify(got);
  if (json === want.trim()) return true;
  try {
    return JSON.stringify(JSON.parse(want)) === json;
  } catch {
    return false;
  }
}
