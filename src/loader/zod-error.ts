import type { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { didYouMean } from './closest.js';

type Issue = z.core.$ZodIssue;

/**
 * Turn a zod failure into ONE ConfigError naming file:line. Unknown keys are reported first
 * (a misspelt key usually also causes a "required" issue), then the earliest line in the file.
 */
export function zodToConfigError(
  error: z.ZodError,
  schema: z.ZodType,
  locate: (path: PropertyKey[]) => { where: string; line: number },
  prefix: PropertyKey[] = [],
): ConfigError {
  const issues = error.issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    const at = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
    return { issue, path, ...locate(at) };
  });
  issues.sort(
    (a, b) => Number(b.issue.code === 'unrecognized_keys') - Number(a.issue.code === 'unrecognized_keys') || a.line - b.line,
  );
  const { issue, path, where } = issues[0]!;
  return new ConfigError(describeIssue(issue, path, schema), where);
}

function describeIssue(issue: Issue, path: PropertyKey[], schema: z.ZodType): string {
  const label = pathLabel(path);
  const at = label ? `${label}: ` : '';
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = String(issue.keys[0]);
      const known = knownKeys(schema, issue.path);
      const hint = known.length ? didYouMean(key, known) || ` (known: ${known.join(', ')})` : '';
      return `${label ? label + ': ' : ''}unknown key "${key}"${hint}`;
    }
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return `${label || 'value'} is required`;
      return `${at}expected ${typeName(issue.expected)}, got ${receivedOf(issue.message)}`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        const opts = ((issue as { options?: unknown[] }).options ?? []).map((o) => JSON.stringify(o)).join(', ');
        return `${at}must be one of ${opts}`;
      }
      if (isMissing(issue)) return `${label || 'value'} is required`;
      return `${at}${innermostUnionMessage(issue)}`;
    case 'invalid_value':
      return `${at}must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${at}${issue.message}`;
  }
}

/** A union whose every branch says "received undefined": the key is simply missing. */
function isMissing(issue: Issue): boolean {
  const branches = ((issue as { errors?: Issue[][] }).errors ?? []).flat();
  return branches.length > 0 && branches.every((b) => b.code === 'invalid_type' && b.path.length === 0 && /received undefined/.test(b.message));
}

function innermostUnionMessage(issue: Issue): string {
  // Report the branch that got furthest: usually what the user meant to write.
  const branches = (issue as { errors?: Issue[][] }).errors ?? [];
  const best = branches.flat().sort((a, b) => b.path.length - a.path.length)[0];
  if (best && best.path.length > 0) return `${pathLabel(best.path)}: ${best.message.replace(/^Invalid input: /, '')}`;
  return issue.message.replace(/^Invalid input: /, 'invalid value: ') || 'invalid value';
}

function typeName(t: string): string {
  return t === 'record' || t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : t;
}

function receivedOf(message: string): string {
  return /received (\w+)/.exec(message)?.[1] ?? 'something else';
}

export function pathLabel(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += (out ? '.' : '') + String(seg);
  }
  return out;
}

/** Keys an object schema accepts at `path` (best effort; used for "did you mean"). */
function knownKeys(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let s: unknown = schema;
  for (const seg of [...path, undefined]) {
    s = unwrap(s);
    const def = (s as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
    if (!def) return [];
    if (seg === undefined) return def.type === 'object' ? Object.keys(def.shape as object) : [];
    if (def.type === 'object') s = (def.shape as Record<string, unknown>)[String(seg)];
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'record') s = def.valueType;
    else return [];
  }
  return [];
}

function unwrap(s: unknown): unknown {
  for (let i = 0; i < 10; i++) {
    const def = (s as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
    if (!def) return s;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') s = def.innerType;
    // z.preprocess(fn, schema) is pipe(transform, schema): the keys live in `out`.
    else if (def.type === 'pipe') s = (def.in as { _zod?: { def?: { type?: string } } })?._zod?.def?.type === 'transform' ? def.out : def.in;
    else return s;
  }
  return s;
}
