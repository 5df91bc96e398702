import Handlebars from 'handlebars';
import { TemplateError } from '../core/errors.js';
import { contextTexts, type Case } from '../core/case.js';
import { helpers } from './helpers.js';

/** A template's text and the name it is reported under (a file path, or `suite.yaml:7 (inline)`). */
export interface Template {
  name: string;
  source: string;
}

type Compiled = (data: unknown) => string;

// An isolated instance: our helpers never leak into (or collide with) a global Handlebars.
const hb = Handlebars.create();
for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);

// Compile once per template name; a changed source (tests rewriting a file) recompiles.
const cache = new Map<string, { source: string; fn: Compiled }>();

/**
 * Check a template's syntax without rendering it: loaders call this so a broken template is a
 * load-time error with its line, not a failure on the first case.
 */
export function checkTemplate(t: Template): void {
  const problem = templateSyntaxError(t.source);
  if (problem) {
    const where = problem.line !== undefined ? `${t.name}:${problem.line}` : t.name;
    throw new TemplateError(`invalid template: ${problem.message}`, where);
  }
}

/** The first syntax error in a template, with its 1-based line inside the template, or null. */
export function templateSyntaxError(source: string): { message: string; line?: number } | null {
  try {
    hb.parse(source);
    return null;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const line = /line (\d+)/.exec(msg)?.[1] ?? / - (\d+):\d+$/.exec(msg)?.[1];
    const message = msg.split('\n')[0]!.replace(/ - \d+:\d+$/, '').replace(/ on line \d+:?$/, '');
    return { message, line: line ? Number(line) : undefined };
  }
}

export function compileTemplate(t: Template): Compiled {
  const hit = cache.get(t.name);
  if (hit && hit.source === t.source) return hit.fn;
  checkTemplate(t);
  // strict: a missing variable is an error, not an empty string. noEscape: prompts are not HTML.
  const fn = hb.compile(t.source, { strict: true, noEscape: true }) as Compiled;
  cache.set(t.name, { source: t.source, fn });
  return fn;
}

/**
 * What every template sees: the case's vars at top level, plus vars/expected/context/case.
 * `context` is the chunks' texts (so `{{context}}` and `{{numbered context}}` print passages, not
 * objects); `case.context` keeps the full chunks with their ids and scores.
 */
export function templateData(c: Case): Record<string, unknown> {
  const context = c.context === undefined ? undefined : contextTexts(c.context);
  return { ...c.vars, vars: c.vars, expected: c.expected, context, case: c };
}

/**
 * Render a template. A missing variable becomes
 * `TemplateError: prompts/x.hbs: missing variable "question" (case "c7")`.
 */
export function renderTemplate(t: Template, data: unknown, caseId?: string): string {
  const fn = compileTemplate(t);
  try {
    return fn(data);
  } catch (err) {
    throw toTemplateError(t, err, caseId);
  }
}

export function renderForCase(t: Template, c: Case): string {
  return renderTemplate(t, templateData(c), c.id);
}

function toTemplateError(t: Template, err: unknown, caseId?: string): TemplateError {
  const msg = err instanceof Error ? err.message : String(err);
  const suffix = caseId !== undefined ? ` (case "${caseId}")` : '';
  const missing = /^"([^"]+)" not defined in .* - (\d+):(\d+)$/.exec(msg);
  if (missing) {
    const name = fullPathAt(t.source, Number(missing[2]), Number(missing[3])) ?? missing[1]!;
    return new TemplateError(`missing variable "${name}"${suffix}`, t.name, { cause: err });
  }
  return new TemplateError(`${msg.split('\n')[0]}${suffix}`, t.name, { cause: err });
}

/** Handlebars names only the last segment (`c` of `a.b.c`); read the whole path from the source. */
function fullPathAt(source: string, line: number, column: number): string | undefined {
  const text = source.split('\n')[line - 1];
  if (text === undefined) return undefined;
  const m = /^[A-Za-z0-9_$@.\/[\]-]+/.exec(text.slice(column));
  return m?.[0];
}
