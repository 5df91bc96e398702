import { passes, type Criterion, type Rubric } from '../../core/rubric.js';

/**
 * The scale values the judge may answer, ordered WORST → BEST. Ordinal: levels ascending.
 * Nominal: non-passing choices first, passing choices last (each group in rubric order).
 * The mock judge picks an index by overlap, so this order is a contract, not cosmetics.
 */
export function enumWorstToBest(c: Criterion): Array<string | number> {
  if (c.scale.type === 'ordinal') return [...c.scale.levels];
  const failing: string[] = [];
  const passing: string[] = [];
  c.scale.choices.forEach((choice, i) => (passes(c, i) ? passing : failing).push(choice));
  return [...failing, ...passing];
}

/**
 * JSON Schema for the verdict: one property per criterion, each `{ reasoning, score }` with the
 * reasoning first so a model writes its justification before committing to a score. Strict
 * (all required, no extra keys) so OpenAI's json_schema strict mode accepts it.
 */
export function verdictSchema(rubric: Rubric): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const c of rubric.criteria) {
    const values = enumWorstToBest(c);
    const type =
      c.scale.type === 'nominal' ? 'string' : values.every((v) => Number.isInteger(v)) ? 'integer' : 'number';
    properties[c.name] = {
      type: 'object',
      properties: {
        reasoning: { type: 'string', description: `Why this score for "${c.name}": cite the output.` },
        score: { type, enum: values, description: c.question },
      },
      required: ['reasoning', 'score'],
      additionalProperties: false,
    };
  }
  return {
    type: 'object',
    properties,
    required: rubric.criteria.map((c) => c.name),
    additionalProperties: false,
  };
}
