import { ConfigError, JurorError } from '../core/errors.js';
import type { Rubric } from '../core/rubric.js';
import { parseRubric } from '../loader/load-rubric.js';
import { parseYaml } from '../loader/yaml-file.js';

/**
 * Parse a rubric given as YAML text (pasted into the admin page) with the same rules, shorthands
 * and `where:line` errors as a rubric file. Text from a browser is untrusted: anything the YAML
 * library throws besides our own errors (an alias bomb's "excessive alias count", a stack
 * overflow on deep nesting) is a bad input, never an internal error.
 */
export function parseRubricText(text: string, where = 'rubric'): Rubric {
  let file;
  try {
    file = parseYaml(text, where, where);
  } catch (err) {
    if (err instanceof JurorError) throw err;
    throw new ConfigError(`invalid YAML: ${err instanceof Error ? err.message : String(err)}`, where, { cause: err });
  }
  return parseRubric(file);
}
