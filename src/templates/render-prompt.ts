import type { Case } from '../core/case.js';
import type { ChatMessage } from '../providers/provider.js';
import { renderForCase, type Template } from './render.js';

/** A suite's prompt: an optional system template and the user template. */
export interface PromptSpec {
  system?: Template;
  user: Template;
}

/**
 * The chat messages for one case. Accepts the suite's `prompt` (or the suite itself, for
 * convenience). Throws TemplateError naming the template and the case when a variable is missing.
 */
export function renderPrompt(prompt: PromptSpec | { prompt: PromptSpec }, c: Case): ChatMessage[] {
  const spec = 'user' in prompt ? prompt : prompt.prompt;
  const messages: ChatMessage[] = [];
  if (spec.system) messages.push({ role: 'system', content: renderForCase(spec.system, c) });
  messages.push({ role: 'user', content: renderForCase(spec.user, c) });
  return messages;
}
