import { z } from 'zod';

/**
 * A rubric: the one scale shared by the judge prompt, the human review form and the agreement
 * statistics. Ordinal scales have numeric levels (e.g. 1-5) with an anchor text per level;
 * nominal scales have named choices (e.g. pass/fail).
 */
export const OrdinalScaleSchema = z.object({
  type: z.literal('ordinal'),
  levels: z.array(z.number()).min(2, 'an ordinal scale needs at least 2 levels'),
});
export const NominalScaleSchema = z.object({
  type: z.literal('nominal'),
  choices: z.array(z.string().min(1)).min(2, 'a nominal scale needs at least 2 choices'),
});
export const ScaleSchema = z.discriminatedUnion('type', [OrdinalScaleSchema, NominalScaleSchema]);
export type Scale = z.infer<typeof ScaleSchema>;

export const CriterionSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'criterion names use letters, digits, _ . -'),
  question: z.string().min(1),
  scale: ScaleSchema,
  /** Anchor text per level (ordinal: keyed by level; nominal: keyed by choice). */
  anchors: z.record(z.string(), z.string()).default({}),
  /** Ordinal: the lowest passing level. Nominal: the passing choice(s). */
  pass: z.union([z.number(), z.string(), z.array(z.string())]).optional(),
  /**
   * `pointwise` (default): one output is scored on the scale. `pairwise`: two outputs for the same
   * case are compared and the answer is A, tie or B (the scale is fixed to PAIRWISE_CHOICES).
   */
  mode: z.enum(['pointwise', 'pairwise']).optional(),
});
export type Criterion = z.infer<typeof CriterionSchema>;

export const RubricSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  criteria: z.array(CriterionSchema).min(1, 'a rubric needs at least one criterion'),
});
export type Rubric = z.infer<typeof RubricSchema>;

/** The answers of a pairwise criterion, in the order humans see the buttons (keys 1 / 2 / 3). */
export const PAIRWISE_CHOICES = ['A', 'tie', 'B'] as const;
export type PairwiseChoice = (typeof PAIRWISE_CHOICES)[number];

/** The same answer seen from the other side: A and B swap, a tie stays a tie. */
export function flipChoice(c: PairwiseChoice): PairwiseChoice {
  return c === 'A' ? 'B' : c === 'B' ? 'A' : 'tie';
}

export function isPairwise(c: Criterion): boolean {
  return c.mode === 'pairwise';
}

/**
 * The rubric with only its pointwise (or only its pairwise) criteria: a single-output judge or form
 * has nothing to do with "which of two is better", and a pairwise one nothing with a 1-5 scale.
 * Undefined when no criterion of that mode is left.
 */
export function rubricOfMode(rubric: Rubric, mode: 'pointwise' | 'pairwise'): Rubric | undefined {
  const criteria = rubric.criteria.filter((c) => isPairwise(c) === (mode === 'pairwise'));
  if (criteria.length === 0) return undefined;
  return criteria.length === rubric.criteria.length ? rubric : { ...rubric, criteria };
}

/** The values a criterion accepts, as strings (what humans click and the judge must answer). */
export function scaleValues(scale: Scale): string[] {
  return scale.type === 'ordinal' ? scale.levels.map(String) : [...scale.choices];
}

/** The lowest and highest value a criterion's scores can take: the levels' ends, or 0 to the last choice's index. */
export function scaleBounds(scale: Scale): readonly [number, number] {
  return scale.type === 'ordinal' ? [Math.min(...scale.levels), Math.max(...scale.levels)] : [0, scale.choices.length - 1];
}

/** Numeric value of a label on the scale: the level for ordinal, the choice index for nominal. */
export function labelToValue(scale: Scale, label: string | number): number | null {
  if (scale.type === 'ordinal') {
    const n = typeof label === 'number' ? label : Number(label);
    return scale.levels.includes(n) ? n : null;
  }
  const i = scale.choices.indexOf(String(label));
  return i >= 0 ? i : null;
}

/**
 * Does a value on this criterion pass? With no `pass` set: on an ordinal scale the upper half passes
 * (>= 4 on 1-5); on a nominal scale the first choice passes (as in yes/no, pass/fail).
 */
export function passes(criterion: Criterion, value: number): boolean {
  const { scale, pass } = criterion;
  if (scale.type === 'ordinal') {
    const threshold =
      typeof pass === 'number' ? pass : scale.levels[Math.ceil(scale.levels.length / 2)] ?? scale.levels[0]!;
    return value >= threshold;
  }
  const choice = scale.choices[value];
  if (choice === undefined) return false;
  if (pass === undefined) return value === 0;
  return Array.isArray(pass) ? pass.includes(choice) : String(pass) === choice;
}
