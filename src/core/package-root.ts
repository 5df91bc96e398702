import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The juror package's root, where package.json, prompts/, rubrics/ and review-ui/ are. Found by
 * walking up from this module rather than by a fixed `../..`, because the module sits at a
 * different depth in src/ (tests), dist/ (tsc) and the bundled CLI (dist/bundle/, one chunk for
 * many source folders), in the repository and in an installed package alike.
 */
export function packageRoot(): string {
  if (root !== undefined) return root;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'juror') return (root = dir);
    if (dirname(dir) === dir) throw new Error(`juror's package.json not found above ${start}`);
  }
}

/** A path inside the package: `packagePath('prompts', 'judge-rubric.hbs')`. */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}
