import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../src/core/errors.js';
import { checkTemplate, renderForCase, renderTemplate, templateData } from '../../src/templates/render.js';
import { CaseSchema } from '../../src/core/case.js';

const kase = (o: Record<string, unknown>) => CaseSchema.parse(o);

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

describe('renderTemplate', () => {
  it('names the template, the variable and the case when a variable is missing', () => {
    const t = { name: 'prompts/x.hbs', source: 'Context: {{context}}\nQ: {{question}}' };
    const err = errorOf(() => renderForCase(t, kase({ id: 'c7', vars: {}, context: 'ctx' })));
    expect(err).toBeInstanceOf(TemplateError);
    expect(err.message).toBe('prompts/x.hbs: missing variable "question" (case "c7")');
  });

  it('reports the whole dotted path of a missing nested variable', () => {
    const t = { name: 'p.hbs', source: 'Hi {{user.profile.name}}' };
    const err = errorOf(() => renderForCase(t, kase({ id: 1, vars: { user: { profile: {} } } })));
    expect(err.message).toBe('p.hbs: missing variable "user.profile.name" (case "1")');
  });

  it('does not HTML-escape (prompts are not HTML)', () => {
    const t = { name: 'esc.hbs', source: '{{q}}' };
    expect(renderTemplate(t, { q: `<b>"Tom & Jerry's"</b>` })).toBe(`<b>"Tom & Jerry's"</b>`);
  });

  it('exposes vars at top level and as vars, plus expected, context and case', () => {
    const t = { name: 'all.hbs', source: '{{question}}|{{vars.question}}|{{expected}}|{{context}}|{{case.id}}' };
    const c = kase({ id: 'a', vars: { question: 'Q?' }, expected: 'E', context: 'C' });
    expect(renderForCase(t, c)).toBe('Q?|Q?|E|C|a');
    expect(Object.keys(templateData(c)).sort()).toEqual(['case', 'context', 'expected', 'question', 'vars']);
  });

  it('gives context as the chunk texts; case.context keeps each chunk with its id and score', () => {
    const c = kase({ id: 'r', context: ['plain', { text: 'cited', id: 'doc-2', score: 0.5 }] });
    expect(renderForCase({ name: 'n.hbs', source: '{{numbered context}}' }, c)).toBe('[1] plain\n[2] cited');
    expect(renderForCase({ name: 'c.hbs', source: '{{context}}' }, c)).toBe('plain,cited');
    const ids = { name: 'ids.hbs', source: '{{#each case.context}}{{#if id}}{{id}}={{/if}}{{text}};{{/each}}' };
    expect(renderForCase(ids, c)).toBe('plain;doc-2=cited;');
  });

  it('lets {{#if}} test an absent optional field without failing strict mode', () => {
    const t = { name: 'if.hbs', source: '{{#if context}}ctx:{{context}}{{else}}none{{/if}}' };
    expect(renderForCase(t, kase({ id: 'x', vars: {} }))).toBe('none');
    expect(renderForCase(t, kase({ id: 'x', vars: {}, context: 'yes' }))).toBe('ctx:yes');
  });

  it('recompiles when a template with the same name changes', () => {
    expect(renderTemplate({ name: 'same.hbs', source: 'one {{a}}' }, { a: 1 })).toBe('one 1');
    expect(renderTemplate({ name: 'same.hbs', source: 'two {{a}}' }, { a: 2 })).toBe('two 2');
  });

  it('reports a syntax error with the template line', () => {
    const err = errorOf(() => checkTemplate({ name: 'bad.hbs', source: 'line one\n{{#if x}}\nbody {{/iff}}' }));
    expect(err).toBeInstanceOf(TemplateError);
    expect(err.message).toBe("bad.hbs:2: invalid template: if doesn't match iff");
    const err2 = errorOf(() => checkTemplate({ name: 'open.hbs', source: 'a\nb {{ x \n' }));
    expect(err2.message).toMatch(/^open\.hbs:2: invalid template: Parse error/);
  });
});

describe('helpers', () => {
  const r = (source: string, data: unknown) => renderTemplate({ name: `h-${source}`, source }, data);

  it('json stringifies, with optional indent', () => {
    expect(r('{{json x}}', { x: { a: [1, 'b'] } })).toBe('{"a":[1,"b"]}');
    expect(r('{{json x indent=2}}', { x: { a: 1 } })).toBe('{\n  "a": 1\n}');
    expect(r('{{json s}}', { s: 'q"uote' })).toBe('"q\\"uote"');
  });

  it('join uses ", " by default or the given separator', () => {
    expect(r('{{join xs}}', { xs: ['a', 'b', 'c'] })).toBe('a, b, c');
    expect(r('{{join xs " | "}}', { xs: ['a', 'b'] })).toBe('a | b');
    expect(r('{{join xs}}', { xs: 'solo' })).toBe('solo');
  });

  it('numbered lists passages as [n] lines; a single string is one item', () => {
    expect(r('{{numbered ctx}}', { ctx: ['first passage', 'second'] })).toBe('[1] first passage\n[2] second');
    expect(r('{{numbered ctx}}', { ctx: 'only one' })).toBe('[1] only one');
    expect(r('{{numbered ctx sep=" / "}}', { ctx: ['a', 'b'] })).toBe('[1] a / [2] b');
  });
});
