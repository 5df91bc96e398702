import { RUBRIC_SCORER, rubricCriterion } from '../core/criterion.js';
import { ConfigError } from '../core/errors.js';
import type { Rubric } from '../core/rubric.js';
import { didYouMean } from './closest.js';
import type { CaseMetricName, PassOp, PassRule, ScorerSpec } from './suite.js';
import type { YamlFile } from './yaml-file.js';

const RULE = /^\s*(>=|<=|==|!=|=|>|<)\s*(.+?)\s*$/;

/**
 * Parse `pass:`: `{ rubric.faithfulness: ">= 4", contains: "== 1", rubric.verdict: "== pass",
 * json-valid: passed, numeric: 1 }`. A bare number means ">=". Every key must be a criterion
 * some scorer produces; a label target must be on that criterion's scale.
 */
export function parsePassRules(file: YamlFile, pass: Record<string, string | number | boolean>, scorers: ScorerSpec[]): PassRule[] {
  const known = scorers.flatMap((s) => s.criteria);
  const rubrics = new Map<string, Rubric>();
  for (const s of scorers) {
    if (s.name === RUBRIC_SCORER) {
      const r = (s.options as { rubric: Rubric }).rubric;
      for (const c of r.criteria) rubrics.set(rubricCriterion(c.name), r);
    }
  }
  return Object.entries(pass).map(([criterion, value]) => {
    const where = file.where(['pass', criterion]);
    if (isMetric(criterion) && !known.includes(criterion)) return metricRule(criterion, value, where);
    if (!known.includes(criterion)) {
      const list = [...known, ...METRICS].join(', ');
      throw new ConfigError(`pass: unknown criterion "${criterion}" (known: ${list})${didYouMean(criterion, [...known, ...METRICS])}`, where);
    }
    const rule = parseRule(criterion, value, where);
    const rubric = rubrics.get(criterion);
    if (rubric && typeof rule.target === 'string') {
      const c = rubric.criteria.find((x) => rubricCriterion(x.name) === criterion)!;
      const labels = c.scale.type === 'nominal' ? c.scale.choices : c.scale.levels.map(String);
      if (!labels.includes(rule.target)) {
        throw new ConfigError(`pass: ${criterion} "${rule.text}": "${rule.target}" is not on the scale (${labels.join(', ')})`, where);
      }
    }
    return rule;
  });
}

const METRICS: readonly CaseMetricName[] = ['cost', 'latency_ms'];

function isMetric(name: string): name is CaseMetricName {
  return (METRICS as readonly string[]).includes(name);
}

/** `cost: "<= 0.002"` (estimated USD of the case's calls), `latency_ms: "<= 1500"` (the model call). */
function metricRule(metric: CaseMetricName, value: string | number | boolean, where: string): PassRule {
  const rule = parseRule(metric, value, where);
  if (typeof rule.target !== 'number' || rule.op === 'passed') {
    throw new ConfigError(`pass: ${metric}: expected a comparison with a number like "<= ${metric === 'cost' ? '0.002' : '1500'}", got ${JSON.stringify(value)}`, where);
  }
  // A bare number is a ceiling for these (a budget), not the ">=" it means for scores.
  if (typeof value === 'number') return { ...rule, op: '<=', text: `<= ${value}`, metric };
  return { ...rule, metric };
}

function parseRule(criterion: string, value: string | number | boolean, where: string): PassRule {
  if (value === true || value === 'pass' || value === 'passed') return { criterion, op: 'passed', target: null, text: 'passed', where };
  if (typeof value === 'number') return { criterion, op: '>=', target: value, text: `>= ${value}`, where };
  const m = typeof value === 'string' ? RULE.exec(value) : null;
  if (!m) {
    throw new ConfigError(
      `pass: ${criterion}: expected an operator and a value like ">= 4", "== 1" or "== pass", got ${JSON.stringify(value)}`,
      where,
    );
  }
  const op = (m[1] === '=' ? '==' : m[1]) as PassOp;
  const rawTarget = m[2]!.replace(/^["']|["']$/g, '');
  const num = Number(rawTarget);
  if (rawTarget !== '' && Number.isFinite(num)) return { criterion, op, target: num, text: `${op} ${rawTarget}`, where };
  if (op !== '==' && op !== '!=') {
    throw new ConfigError(`pass: ${criterion}: "${op}" needs a number, got "${rawTarget}" (labels work with == and !=)`, where);
  }
  return { criterion, op, target: rawTarget, text: `${op} ${rawTarget}`, where };
}
