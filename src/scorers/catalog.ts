import type { ScorerDef } from './scorer.js';
import { exact } from './exact.js';
import { contains, icontains } from './contains.js';
import { startsWith } from './starts-with.js';
import { regex } from './regex.js';
import { jsonValid } from './json-valid.js';
import { isJson } from './is-json.js';
import { jsonSchema } from './json-schema.js';
import { numeric } from './numeric.js';
import { levenshtein } from './levenshtein.js';
import { tokenF1Scorer } from './token-f1.js';
import { rougeLScorer, rougeNScorer } from './rouge.js';
import { bleu } from './bleu.js';
import { negated } from './negate.js';
import { mrrScorer, ndcgAtKScorer, precisionAtKScorer, recallAtKScorer } from './retrieval.js';
import { rubric } from './rubric.js';
import { fileScorer } from './file-scorer.js';
import { choice } from './choice.js';
import { answerRelevancy, contextPrecision, contextRecall, faithfulness, hallucination } from './rag/index.js';

/** Deterministic scorers: each also exists negated as `not-<name>`. */
const DETERMINISTIC: ReadonlyArray<ScorerDef<any>> = [
  exact, contains, icontains, startsWith, regex, jsonValid, isJson, jsonSchema, numeric,
  levenshtein, tokenF1Scorer, rougeNScorer, rougeLScorer, bleu,
  precisionAtKScorer, recallAtKScorer, mrrScorer, ndcgAtKScorer,
];

/** Scorers that call a model (or user code): no automatic negation. */
const OTHERS: ReadonlyArray<ScorerDef<any>> = [
  rubric, choice, fileScorer,
  faithfulness, answerRelevancy, contextPrecision, contextRecall, hallucination,
];

/** The scorer kinds shown in "known: ..." messages (the `not-` forms are implied). */
export const BASE_SCORER_NAMES: readonly string[] = [...DETERMINISTIC, ...OTHERS].map((s) => s.name);

/** Every scorer kind a suite may name. */
export const SCORERS: ReadonlyArray<ScorerDef<any>> = [...DETERMINISTIC, ...OTHERS, ...DETERMINISTIC.map((d) => negated(d))];

export const SCORER_NAMES: readonly string[] = SCORERS.map((s) => s.name);

export function findScorer(name: string): ScorerDef<any> | undefined {
  return SCORERS.find((s) => s.name === name);
}
