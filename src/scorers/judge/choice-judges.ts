import { readFileSync } from 'node:fs';
import { packagePath } from '../../core/package-root.js';
import type { Template } from '../../templates/render.js';

/** One option the judge may pick, the score it maps to, and what it means (shown to the judge). */
export interface Choice {
  key: string;
  score: number;
  description?: string;
}

export interface ChoiceJudgeSpec {
  name: string;
  template: Template;
  choices: Choice[];
  /** Needs the case's expected answer (unscored without one). */
  needsReference: boolean;
}

function builtinTemplate(file: string): Template {
  return { name: `prompts/${file}`, source: readFileSync(packagePath('prompts', file), 'utf8') };
}

/**
 * The built-in choice judges, after autoevals' Factuality and ClosedQA (same options and scores;
 * our own prompt wording, with the data inside delimiters the judge is told never to obey).
 */
export const BUILTIN_CHOICE_JUDGES: Record<string, () => Omit<ChoiceJudgeSpec, 'name'>> = {
  factuality: () => ({
    template: builtinTemplate('judge-factuality.hbs'),
    needsReference: true,
    choices: [
      { key: 'A', score: 0.4, description: 'The submitted answer is a subset of the expert answer and fully consistent with it.' },
      { key: 'B', score: 0.6, description: 'The submitted answer is a superset of the expert answer and fully consistent with it.' },
      { key: 'C', score: 1, description: 'The submitted answer contains all the same details as the expert answer.' },
      { key: 'D', score: 0, description: 'There is a disagreement between the submitted answer and the expert answer.' },
      { key: 'E', score: 1, description: "The answers differ, but these differences don't matter from the perspective of factuality." },
    ],
  }),
  'closed-qa': () => ({
    template: builtinTemplate('judge-closed-qa.hbs'),
    needsReference: false,
    choices: [
      { key: 'Y', score: 1, description: 'Yes, the submission meets the criterion.' },
      { key: 'N', score: 0, description: 'No, it does not.' },
    ],
  }),
};

/**
 * JSON Schema for the judge's pick: reasoning first (written before choosing), then one of the
 * keys. Keys are listed from the lowest score to the highest: the mock judge picks by index, so
 * "more overlap" means "better choice" (the same contract as rubric scales).
 */
export function choiceSchema(choices: Choice[]): Record<string, unknown> {
  const keys = [...choices].sort((a, b) => a.score - b.score).map((c) => c.key);
  return {
    type: 'object',
    properties: {
      reasoning: { type: 'string', description: 'Why this choice: cite the submission.' },
      choice: { type: 'string', enum: keys },
    },
    required: ['reasoning', 'choice'],
    additionalProperties: false,
  };
}
