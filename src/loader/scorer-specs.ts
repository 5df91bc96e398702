import { RUBRIC_SCORER, rubricCriterion } from '../core/criterion.js';
import { ConfigError } from '../core/errors.js';
import { rubricOfMode, type Rubric } from '../core/rubric.js';
import { BASE_SCORER_NAMES, SCORER_NAMES, findScorer } from '../scorers/catalog.js';
import { didYouMean } from './closest.js';
import { loadRubric } from './load-rubric.js';
import { resolveNear } from './paths.js';
import type { ScorerSpec } from './suite.js';
import type { YamlFile } from './yaml-file.js';
import { zodToConfigError } from './zod-error.js';

export interface JudgeRubric {
  rubric: Rubric;
  path: string;
}

/**
 * Validate the `scorers:` list: each entry is `name` or `{ name: options }`. Unknown names get
 * the closest known one; options are checked by the scorer's own schema and prepared now
 * (regexes compiled, schema files read), so mistakes surface at load time with their line.
 */
export function parseScorerSpecs(file: YamlFile, list: unknown[], judgeRubric: JudgeRubric | undefined): ScorerSpec[] {
  const specs: ScorerSpec[] = [];
  const owner = new Map<string, string>();
  list.forEach((entry, i) => {
    const where = file.where(['scorers', i]);
    const { name, raw, as } = splitEntry(entry, where);
    const def = findScorer(name);
    if (!def) {
      const known = `${BASE_SCORER_NAMES.join(', ')}; not-NAME negates a deterministic one`;
      throw new ConfigError(`unknown scorer "${name}" (known: ${known})${didYouMean(name, SCORER_NAMES)}`, where);
    }
    let spec: ScorerSpec;
    if (name === RUBRIC_SCORER) {
      const resolved = resolveRubric(file, raw, judgeRubric, where);
      // Pairwise criteria are judged by `juror judge-pairwise` over two outputs, never in a run.
      const pointwise = rubricOfMode(resolved.rubric, 'pointwise');
      if (!pointwise) throw new ConfigError(`rubric "${resolved.rubric.name}" has only pairwise criteria: compare runs with juror judge-pairwise`, where);
      const r = { ...resolved, rubric: pointwise };
      spec = { name, options: r, criteria: r.rubric.criteria.map((c) => rubricCriterion(c.name)), where };
    } else {
      const parsed = def.options.safeParse(raw);
      if (!parsed.success) {
        throw zodToConfigError(parsed.error, def.options, (p) => ({ where, line: file.lineOf(['scorers', i, name, ...p]) }), [name]);
      }
      const env = { resolvePath: (p: string) => resolveNear(file.path, p), where };
      const options = def.prepare ? def.prepare(parsed.data, env) : parsed.data;
      const base = as ?? def.defaultCriterion?.(options) ?? name;
      spec = { name, options, criteria: def.criteriaOf?.(options, base) ?? [base], where };
    }
    for (const criterion of spec.criteria) {
      const first = owner.get(criterion);
      if (first) {
        throw new ConfigError(
          `two scorers produce the criterion "${criterion}" (first at ${first}); name one with \`as: other-name\``,
          where,
        );
      }
      owner.set(criterion, where);
    }
    specs.push(spec);
  });
  return specs;
}

/** `- json-valid`, `- contains: {...}`, `- contains: "x"`; `as:` renames the criterion. */
function splitEntry(entry: unknown, where: string): { name: string; raw: unknown; as?: string } {
  if (typeof entry === 'string') return { name: entry, raw: undefined };
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    throw new ConfigError('a scorer is a name or { name: options }', where);
  }
  const keys = Object.keys(entry);
  if (keys.length !== 1) {
    throw new ConfigError(`a scorer entry has exactly one key, the scorer name (got ${keys.join(', ') || 'none'})`, where);
  }
  const name = keys[0]!;
  let raw = (entry as Record<string, unknown>)[name];
  let as: string | undefined;
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && 'as' in raw) {
    const { as: a, ...rest } = raw as Record<string, unknown>;
    if (typeof a !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(a)) throw new ConfigError(`${name}: "as" must be a name (letters, digits, _ . -)`, where);
    as = a;
    raw = rest;
  }
  return { name, raw, as };
}

/** `rubric` (the judge's rubric), `rubric: NAME` (must be the judge's), or `rubric: PATH`. */
function resolveRubric(file: YamlFile, raw: unknown, judge: JudgeRubric | undefined, where: string): JudgeRubric {
  if (raw === undefined || raw === null || (typeof raw === 'object' && Object.keys(raw as object).length === 0)) {
    if (!judge) throw new ConfigError('the rubric scorer needs judge.rubric (a rubric file) in the suite', where);
    return judge;
  }
  if (typeof raw !== 'string') throw new ConfigError('rubric: expected a rubric name or a rubric file path', where);
  if (judge && raw === judge.rubric.name) return judge;
  if (/\.ya?ml$/i.test(raw)) {
    const path = resolveNear(file.path, raw);
    return { rubric: loadRubric(path, where), path };
  }
  const hint = judge ? ` (the judge rubric is "${judge.rubric.name}")` : ' (set judge.rubric, or give a rubric file path)';
  throw new ConfigError(`unknown rubric "${raw}"${hint}`, where);
}
