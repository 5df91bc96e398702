import { checkTemplate, type Template } from '../templates/render.js';
import { displayPath } from './paths.js';
import { readTextFile } from './yaml-file.js';

/**
 * Read a Handlebars template file and check its syntax (a parse error names file:line now rather
 * than failing on the first case). `where` is the suite line that referenced it, for "not found".
 */
export function loadPrompt(path: string, where?: string): Template {
  const name = displayPath(path);
  const template = { name, source: readTextFile(path, name, 'template file', where) };
  checkTemplate(template);
  return template;
}
