import type { ScorerDef } from './scorer.js';
import { exact } from './exact.js';
import { contains, icontains } from './contains.js';
import { regex } from './regex.js';
import { jsonValid } from './json-valid.js';
import { jsonSchema } from './json-schema.js';
import { numeric } from './numeric.js';
import { rubric } from './rubric.js';

/** Every scorer kind a suite may name, in the order shown in "known: ..." messages. */
export const SCORERS: ReadonlyArray<ScorerDef<any>> = [exact, contains, icontains, regex, jsonValid, jsonSchema, numeric, rubric];

export const SCORER_NAMES: readonly string[] = SCORERS.map((s) => s.name);

export function findScorer(name: string): ScorerDef<any> | undefined {
  return SCORERS.find((s) => s.name === name);
}
