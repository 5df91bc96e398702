/**
 * Builds an instance of a JSON schema, steered by one number r ∈ [0,1], so the mock judge can
 * answer any verdict schema without knowing it. Contract with the judge builder: enum values are
 * ordered worst → best, so index round(r·(n−1)) maps "more overlap" to "better verdict".
 */

type Schema = Record<string, unknown>;

export interface InstanceContext {
  /** Overlap score in [0,1]. */
  r: number;
  /** Text used for free-form string fields (the judge's "reasoning"). */
  reasoning: string;
}

const MAX_DEPTH = 12;

export function buildInstance(schema: unknown, ctx: InstanceContext, root: unknown = schema, depth = 0): unknown {
  if (depth > MAX_DEPTH || !isObject(schema)) return null;
  const resolved = resolveRef(schema, root);
  if (resolved !== schema) return buildInstance(resolved, ctx, root, depth + 1);

  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return pick(schema.enum, ctx.r);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const nonNull = options.find((o) => !(isObject(o) && o.type === 'null')) ?? options[0];
      return buildInstance(nonNull, ctx, root, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    return buildInstance(mergeAll(schema.allOf.map((s) => resolveRef(s, root))), ctx, root, depth + 1);
  }

  switch (typeOf(schema)) {
    case 'object':
      return buildObject(schema, ctx, root, depth);
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 1;
      return Array.from({ length: Math.max(0, min) }, () => buildInstance(schema.items ?? {}, ctx, root, depth + 1));
    }
    case 'number':
    case 'integer':
      return buildNumber(schema, ctx.r);
    case 'boolean':
      return ctx.r >= 0.5;
    case 'null':
      return null;
    default:
      return buildString(schema, ctx.reasoning);
  }
}

function buildObject(schema: Schema, ctx: InstanceContext, root: unknown, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const props = isObject(schema.properties) ? schema.properties : {};
  for (const [name, sub] of Object.entries(props)) out[name] = buildInstance(sub, ctx, root, depth + 1);
  return out;
}

/** Numbers respect minimum/maximum the same way enums do; without bounds they live in [0,1] (integers [0,10]). */
function buildNumber(schema: Schema, r: number): number {
  const integer = typeOf(schema) === 'integer';
  const lo = num(schema.minimum) ?? (num(schema.exclusiveMinimum) !== undefined ? num(schema.exclusiveMinimum)! + (integer ? 1 : 0) : 0);
  const hiDefault = integer ? Math.max(10, lo) : Math.max(1, lo);
  const hi = num(schema.maximum) ?? (num(schema.exclusiveMaximum) !== undefined ? num(schema.exclusiveMaximum)! - (integer ? 1 : 0) : hiDefault);
  const value = lo + r * (hi - lo);
  return integer ? Math.round(value) : Math.round(value * 1000) / 1000;
}

function buildString(schema: Schema, reasoning: string): string {
  const max = num(schema.maxLength);
  const min = num(schema.minLength) ?? 0;
  let text = reasoning;
  if (max !== undefined && text.length > max) text = text.slice(0, max);
  if (text.length < min) text = text.padEnd(min, '.');
  return text;
}

export function pick<T>(values: readonly T[], r: number): T {
  const clamped = Math.min(1, Math.max(0, r));
  return values[Math.round(clamped * (values.length - 1))]!;
}

function typeOf(schema: Schema): string | undefined {
  const t = schema.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return (t.find((x) => x !== 'null') ?? t[0]) as string | undefined;
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

/** Local refs only (`#/$defs/x`, `#/definitions/x`): judge schemas never point elsewhere. */
function resolveRef(schema: unknown, root: unknown): unknown {
  if (!isObject(schema) || typeof schema.$ref !== 'string' || !schema.$ref.startsWith('#')) return schema;
  let node: unknown = root;
  for (const part of schema.$ref.slice(1).split('/').filter(Boolean)) {
    if (!isObject(node)) return {};
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node ?? {};
}

function mergeAll(parts: unknown[]): Schema {
  const merged: Schema = {};
  const props: Schema = {};
  for (const part of parts) {
    if (!isObject(part)) continue;
    Object.assign(merged, part);
    if (isObject(part.properties)) Object.assign(props, part.properties);
  }
  if (Object.keys(props).length > 0) merged.properties = props;
  delete merged.allOf;
  return merged;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function isObject(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
