import type { Case } from '../core/case.js';
import { ConfigError } from '../core/errors.js';
import { checkTemplate, renderForCase, type Template } from '../templates/render.js';
import { stringify } from './scorer.js';

/**
 * The text(s) a check compares against: templates rendered against the case, or the case's
 * `expected` when none is given. `{{expected}}` alone keeps a list expected value as a list.
 * Returns null when the case has nothing to compare against (the check is then unscored).
 */
export function targetTexts(templates: Template[] | undefined, c: Case): string[] | null {
  if (!templates || templates.length === 0) return expectedList(c.expected);
  const out: string[] = [];
  for (const t of templates) {
    if (/^\s*\{\{\s*expected\s*\}\}\s*$/.test(t.source)) {
      const list = expectedList(c.expected);
      if (list === null) return null;
      out.push(...list);
    } else {
      out.push(renderForCase(t, c));
    }
  }
  return out;
}

/**
 * Pre-flight for a check: its targets render for case `c` (a missing variable throws TemplateError
 * naming it) and there is something to compare against. Returns the targets.
 */
export function requireTargets(templates: Template[] | undefined, c: Case, scorer: string): string[] {
  const targets = targetTexts(templates, c);
  if (targets === null) throw new ConfigError(`${scorer}: case "${c.id}" has no "expected" value to compare against`);
  return targets;
}

function expectedList(expected: unknown): string[] | null {
  if (expected === undefined || expected === null) return null;
  return Array.isArray(expected) ? expected.map(stringify) : [stringify(expected)];
}

/** Build and syntax-check the templates of a scorer option. */
export function makeTemplates(values: string[] | undefined, where: string, what: string): Template[] | undefined {
  if (!values) return undefined;
  return values.map((source, i) => {
    const t = { name: `${where} (${what}${values.length > 1 ? ` #${i + 1}` : ''})`, source };
    checkTemplate(t);
    return t;
  });
}

/** Templates for a scorer's `value` option (one text or a list; none: the case's expected value). */
export function valueTemplates(value: string | string[] | undefined, where: string, what: string): Template[] | undefined {
  return makeTemplates(value === undefined ? undefined : Array.isArray(value) ? value : [value], where, what);
}
