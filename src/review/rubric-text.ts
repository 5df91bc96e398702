import type { Rubric } from '../core/rubric.js';
import { parseRubric } from '../loader/load-rubric.js';
import { parseYaml } from '../loader/yaml-file.js';

/**
 * Parse a rubric given as YAML text (pasted into the admin page) with the same rules, shorthands
 * and `where:line` errors as a rubric file.
 */
export function parseRubricText(text: string, where = 'rubric'): Rubric {
  return parseRubric(parseYaml(text, where, where));
}
