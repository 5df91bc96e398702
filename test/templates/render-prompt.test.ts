import { describe, expect, it } from 'vitest';
import { renderPrompt } from '../../src/templates/render-prompt.js';
import { CaseSchema } from '../../src/core/case.js';
import { TemplateError } from '../../src/core/errors.js';

const c = CaseSchema.parse({ id: 'c1', vars: { name: 'Ada', topic: 'engines' } });

describe('renderPrompt', () => {
  it('renders a system and a user message in that order', () => {
    const spec = { system: { name: 's.hbs', source: 'You help {{name}}.' }, user: { name: 'u.hbs', source: 'Tell me about {{topic}}.' } };
    expect(renderPrompt(spec, c)).toEqual([
      { role: 'system', content: 'You help Ada.' },
      { role: 'user', content: 'Tell me about engines.' },
    ]);
  });

  it('accepts the suite itself and renders a single user message', () => {
    const suite = { prompt: { user: { name: 'only.hbs', source: 'Hi {{name}}' } } };
    expect(renderPrompt(suite, c)).toEqual([{ role: 'user', content: 'Hi Ada' }]);
  });

  it('names the system template when it is the one missing a variable', () => {
    const spec = { system: { name: 'sys.hbs', source: '{{persona}}' }, user: { name: 'u.hbs', source: 'x' } };
    expect(() => renderPrompt(spec, c)).toThrow(TemplateError);
    expect(() => renderPrompt(spec, c)).toThrow('sys.hbs: missing variable "persona" (case "c1")');
  });
});
