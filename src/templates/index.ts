export { renderTemplate, renderForCase, compileTemplate, checkTemplate, templateData, type Template } from './render.js';
export { renderPrompt, type PromptSpec } from './render-prompt.js';
