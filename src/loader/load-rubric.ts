import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { CriterionSchema, PAIRWISE_CHOICES, RubricSchema, type Rubric, type Scale } from '../core/rubric.js';
import { readYamlFile, type YamlFile } from './yaml-file.js';
import { zodToConfigError } from './zod-error.js';

// Strict copies of the core schemas: a misspelt key ("anchor:") must be an error, not ignored.
const StrictRubricSchema = RubricSchema.extend({ criteria: z.array(CriterionSchema.strict()).min(1) }).strict();

/** A loaded rubric and where it came from. */
export interface LoadedRubric {
  rubric: Rubric;
  path: string;
}

/** Read and validate a rubric file (YAML). Errors are one line: `rubrics/x.yaml:12: ...`. */
export function loadRubric(path: string, where?: string): Rubric {
  return parseRubric(readYamlFile(path, 'rubric file', where));
}

export function parseRubric(file: YamlFile): Rubric {
  const raw = normaliseScales(file.data);
  const parsed = StrictRubricSchema.safeParse(raw);
  if (!parsed.success) {
    throw zodToConfigError(parsed.error, StrictRubricSchema, (p) => ({ where: file.where(p), line: file.lineOf(p) }));
  }
  const rubric = parsed.data as Rubric;
  checkRubric(rubric, file);
  return rubric;
}

/**
 * Shorthands: `scale: [1, 2, 3, 4, 5]` (ordinal), `scale: [pass, fail]` (nominal), `scale: 1-5`.
 * Rewritten before validation so the schema stays the single source of truth.
 */
function normaliseScales(data: unknown): unknown {
  if (!data || typeof data !== 'object' || !Array.isArray((data as { criteria?: unknown }).criteria)) return data;
  const criteria = (data as { criteria: unknown[] }).criteria.map((c) => {
    if (!c || typeof c !== 'object') return c;
    const scale = (c as { scale?: unknown }).scale;
    // A pairwise criterion's scale is always A / tie / B; writing it out is allowed, not needed.
    if ((c as { mode?: unknown }).mode === 'pairwise' && scale === undefined) return { ...c, scale: { type: 'nominal', choices: [...PAIRWISE_CHOICES] } };
    return { ...c, scale: normaliseScale(scale) };
  });
  return { ...data, criteria };
}

function normaliseScale(scale: unknown): unknown {
  if (Array.isArray(scale)) {
    if (scale.every((v) => typeof v === 'number')) return { type: 'ordinal', levels: scale };
    if (scale.every((v) => typeof v === 'string')) return { type: 'nominal', choices: scale };
  }
  if (typeof scale === 'string') {
    const m = /^\s*(-?\d+)\s*(?:-|\.\.|to)\s*(-?\d+)\s*$/.exec(scale);
    if (m && Number(m[2]) > Number(m[1]) && Number(m[2]) - Number(m[1]) <= 100) {
      const levels: number[] = [];
      for (let v = Number(m[1]); v <= Number(m[2]); v++) levels.push(v);
      return { type: 'ordinal', levels };
    }
  }
  return scale;
}

function checkRubric(rubric: Rubric, file: YamlFile): void {
  const seen = new Map<string, number>();
  rubric.criteria.forEach((c, i) => {
    const at = (...p: PropertyKey[]) => file.where(['criteria', i, ...p]);
    const first = seen.get(c.name);
    if (first !== undefined) {
      throw new ConfigError(`duplicate criterion "${c.name}" (first on line ${file.lineOf(['criteria', first])})`, at('name'));
    }
    seen.set(c.name, i);
    const values = checkScale(c.scale, at('scale'));
    if (c.mode === 'pairwise' && values.join(',') !== PAIRWISE_CHOICES.join(',')) {
      throw new ConfigError(`criterion "${c.name}": a pairwise criterion's scale is ${PAIRWISE_CHOICES.join(' / ')} (leave scale out)`, at('scale'));
    }
    const shown = values.join(', ');
    for (const key of Object.keys(c.anchors)) {
      if (!values.includes(key)) {
        throw new ConfigError(
          `criterion "${c.name}": anchor ${JSON.stringify(key)} is not on the scale (${shown})`,
          at('anchors', key),
        );
      }
    }
    if (c.pass !== undefined) {
      const passList = Array.isArray(c.pass) ? c.pass : [c.pass];
      const bad = passList.find((p) =>
        c.scale.type === 'ordinal' ? typeof p !== 'number' || !c.scale.levels.includes(p) : !values.includes(String(p)),
      );
      if (bad !== undefined || (c.scale.type === 'ordinal' && Array.isArray(c.pass))) {
        throw new ConfigError(
          `criterion "${c.name}": pass ${JSON.stringify(bad ?? c.pass)} is not on the scale (${shown})`,
          at('pass'),
        );
      }
    }
  });
}

/** Ordinal levels must be distinct and ascending (worst to best); nominal choices distinct. */
function checkScale(scale: Scale, where: string): string[] {
  if (scale.type === 'ordinal') {
    for (let i = 1; i < scale.levels.length; i++) {
      if (!(scale.levels[i]! > scale.levels[i - 1]!)) {
        throw new ConfigError(`bad scale: levels must be distinct and ascending (worst first), got ${scale.levels.join(', ')}`, where);
      }
    }
    return scale.levels.map(String);
  }
  const dup = scale.choices.find((c, i) => scale.choices.indexOf(c) !== i);
  if (dup !== undefined) throw new ConfigError(`bad scale: choice "${dup}" appears twice`, where);
  return [...scale.choices];
}
