import { readFileSync } from 'node:fs';
import type { Case } from '../../core/case.js';
import { packagePath } from '../../core/package-root.js';
import { scaleValues, type Criterion, type Rubric } from '../../core/rubric.js';
import type { CompletionRequest } from '../../providers/provider.js';
import { renderTemplate, type Template } from '../../templates/render.js';
import { stringify } from '../scorer.js';
import { verdictSchema } from './verdict-schema.js';

/** prompts/judge-rubric.hbs at the package root. */
let defaultTemplate: Template | undefined;
export function defaultJudgeTemplate(): Template {
  defaultTemplate ??= { name: 'prompts/judge-rubric.hbs', source: readFileSync(packagePath('prompts', 'judge-rubric.hbs'), 'utf8') };
  return defaultTemplate;
}

export interface JudgeInput {
  rubric: Rubric;
  /** What the system under test was asked (the question / input). */
  input: string;
  output: string;
  context?: string | string[];
  /** The golden answer, when the case has one. */
  reference?: unknown;
}

// Any of our delimiter tags inside data (rubric and RAG judge prompts): `</output>`, `<output >`, `< /reference>`...
const TAGS = /<(\s*\/?\s*)(output(?:_[ab])?|reference|context|input|text|claims)(\s*>)/gi;

/**
 * Make data safe to put between our delimiters: a literal `</output>` inside the judged output
 * (an injection trying to close the block early and append "instructions") becomes `&lt;/output>`,
 * which no reader takes for the real closing tag.
 */
export function neutralise(text: string): string {
  return text.replace(TAGS, (_m, pre: string, tag: string, post: string) => `&lt;${pre}${tag}${post}`);
}

/** The data the judge template sees. Every anchor per level is listed, in scale order. */
export function judgeTemplateData(j: JudgeInput): Record<string, unknown> {
  const context = j.context === undefined ? null : Array.isArray(j.context) ? j.context : [j.context];
  const fixed = perRubric(j.rubric);
  return {
    rubric: fixed.rubric,
    criteria: fixed.criteria,
    criterionNames: fixed.criterionNames,
    input: neutralise(j.input),
    output: neutralise(j.output),
    context: context && context.length ? context.map((p, i) => `[${i + 1}] ${neutralise(p)}`).join('\n') : null,
    reference: j.reference === undefined || j.reference === null ? null : neutralise(stringify(j.reference)),
  };
}

interface RubricParts {
  rubric: { name: string; description: string | null };
  criteria: Record<string, unknown>[];
  criterionNames: string[];
  schema: Record<string, unknown>;
}

// The rubric part of the prompt and the verdict schema are the same for every case: build once.
const rubricParts = new WeakMap<Rubric, RubricParts>();
function perRubric(rubric: Rubric): RubricParts {
  let parts = rubricParts.get(rubric);
  if (!parts) {
    parts = {
      rubric: { name: rubric.name, description: rubric.description ?? null },
      criteria: rubric.criteria.map(describeCriterion),
      criterionNames: rubric.criteria.map((c) => c.name),
      schema: verdictSchema(rubric),
    };
    rubricParts.set(rubric, parts);
  }
  return parts;
}

function describeCriterion(c: Criterion): Record<string, unknown> {
  const values = scaleValues(c.scale);
  const levels = values.map((v) => ({ value: v, anchor: c.anchors[v] ?? null }));
  let passText: string;
  if (c.scale.type === 'ordinal') {
    passText = c.pass !== undefined ? `${c.pass} or higher passes` : '';
  } else {
    passText = c.pass !== undefined ? `passing: ${(Array.isArray(c.pass) ? c.pass : [c.pass]).join(', ')}` : '';
  }
  return {
    name: c.name,
    question: c.question,
    type: c.scale.type,
    values: values.join(', '),
    scaleText: c.scale.type === 'ordinal' ? `${values[0]} (worst) to ${values[values.length - 1]} (best)` : values.join(' / '),
    levels,
    passText: passText || null,
  };
}

/**
 * The whole judge request: the rendered prompt as one user message, temperature 0, and a
 * structured-output schema so the verdict arrives as data rather than free text.
 */
export function buildJudgeRequest(j: JudgeInput, template: Template = defaultJudgeTemplate()): CompletionRequest {
  const content = renderTemplate(template, judgeTemplateData(j));
  return {
    messages: [{ role: 'user', content }],
    temperature: 0,
    // Reasoning per criterion needs room; too small a budget truncates the JSON.
    maxTokens: Math.max(1024, 400 * j.rubric.criteria.length),
    structured: { name: 'verdict', description: `Scores on the rubric "${j.rubric.name}"`, schema: perRubric(j.rubric).schema },
  };
}

/** What the judge is told the system was asked: the `input` template if the suite gives one, else a guess. */
export function defaultJudgeInput(c: Case): string {
  const v = c.vars;
  for (const key of ['question', 'input', 'query', 'prompt', 'message', 'ticket', 'request']) {
    if (typeof v[key] === 'string') return v[key] as string;
  }
  const strings = Object.entries(v).filter(([, x]) => typeof x === 'string');
  if (strings.length === 1) return strings[0]![1] as string;
  return Object.entries(v)
    .map(([k, x]) => `${k}: ${stringify(x)}`)
    .join('\n');
}
