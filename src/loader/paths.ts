import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** How a path is shown in messages: relative to the working directory when inside it. */
export function displayPath(abs: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, abs);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return abs;
  return rel.split(sep).join('/');
}

/**
 * Resolve a path written in a suite file. Relative to the suite file first; if nothing is there,
 * each ancestor directory is tried, so `prompt: prompts/x.hbs` in `suites/a.yaml` finds the
 * project's top-level `prompts/` (the layout DESIGN.md shows). Returns the suite-relative path
 * when nothing exists, so the "not found" message names the place we looked first.
 */
export function resolveNear(fromFile: string, p: string): string {
  if (isAbsolute(p)) return p;
  const first = resolve(dirname(fromFile), p);
  if (existsSync(first)) return first;
  let dir = dirname(dirname(fromFile));
  for (;;) {
    const candidate = join(dir, p);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return first;
    dir = up;
  }
}
