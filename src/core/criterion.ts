/**
 * How judge scores are named, defined once. A rubric judge's score on criterion `faithfulness`
 * is `rubric.faithfulness`; pass rules, summaries, calibration and review all read that name.
 */

/** The scorer name of the rubric judge, and the prefix of the criteria it scores. */
export const RUBRIC_SCORER = 'rubric';

const PREFIX = `${RUBRIC_SCORER}.`;

/** `faithfulness` → `rubric.faithfulness`. */
export function rubricCriterion(name: string): string {
  return PREFIX + name;
}

/** `rubric.faithfulness` → `faithfulness`; null for a criterion the rubric judge did not score. */
export function rubricCriterionName(criterion: string): string | null {
  return criterion.startsWith(PREFIX) ? criterion.slice(PREFIX.length) : null;
}
