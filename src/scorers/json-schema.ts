import { z } from 'zod';
import type { ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ConfigError } from '../core/errors.js';
import { check, excerpt, type ScorerDef, UNIT_BOUNDS } from './scorer.js';
import { parseJsonOutput } from './json-valid.js';

const Options = z.preprocess(
  (v) => (typeof v === 'string' || (v && typeof v === 'object' && !('schema' in v) && ('type' in v || '$schema' in v || 'properties' in v)) ? { schema: v } : v),
  z.strictObject({
    /** The JSON Schema inline, or a path (JSON or YAML) relative to the suite file. */
    schema: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
    allow_fence: z.boolean().default(false),
  }),
);
type Opts = z.infer<typeof Options> & { validate?: ValidateFunction };

/** `json-schema`: the output is JSON and validates against a schema (ajv, all errors). */
export const jsonSchema: ScorerDef<Opts> = {
  name: 'json-schema',
  bounds: UNIT_BOUNDS,
  summary: 'output is JSON valid against a schema (schema: inline or file)',
  options: Options as z.ZodType<Opts>,
  prepare(o, env) {
    let schema: unknown = o.schema;
    if (typeof o.schema === 'string') {
      const file = env.resolvePath(o.schema);
      try {
        schema = parseYaml(readFileSync(file, 'utf8'));
      } catch (err) {
        const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (err as Error).message.split('\n')[0];
        throw new ConfigError(`json-schema: schema file ${o.schema}: ${why}`, env.where);
      }
    }
    try {
      // ajv takes ~50 ms to load: only suites that use this scorer pay for it (prepare is synchronous,
      // and ajv is CommonJS, so a plain require does it).
      const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
      const ajv = new Ajv({ allErrors: true, strict: false });
      return { ...o, validate: ajv.compile(schema as object) };
    } catch (err) {
      throw new ConfigError(`json-schema: invalid schema: ${(err as Error).message.split('\n')[0]}`, env.where);
    }
  },
  create(o, criterion) {
    const validate = o.validate!;
    return {
      name: 'json-schema',
      criteria: [criterion],
      async score(output) {
        const r = parseJsonOutput(output, o.allow_fence);
        if (!r.ok) return [check('json-schema', criterion, false, `not valid JSON (${r.error}): ${excerpt(output)}`)];
        if (validate(r.value)) return [check('json-schema', criterion, true, 'matches the schema')];
        const errors = (validate.errors ?? [])
          .slice(0, 3)
          .map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`)
          .join('; ');
        return [check('json-schema', criterion, false, `schema mismatch: ${errors}`)];
      },
    };
  },
};
