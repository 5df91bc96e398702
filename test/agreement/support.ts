import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp dir removed by `cleanup()`. */
export function tempDir(prefix = 'juror-agreement-'): { dir: string; file(name: string, text: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Round every number in a JSON value, so whole documents compare with toEqual (keys exact). */
export function rounded<T>(doc: T, digits = 6): T {
  return JSON.parse(JSON.stringify(doc), (_k, v) => (typeof v === 'number' ? Number(v.toFixed(digits)) : v)) as T;
}

/** items x raters matrix (null = missing) -> CSV and JSONL label files with the same content. */
export function matrixToLabels(
  matrix: ReadonlyArray<ReadonlyArray<number | string | null>>,
  raters: string[],
  criterion?: string,
): { csv: string; jsonl: string } {
  const csv = [criterion ? 'item,rater,label,criterion' : 'item,rater,label'];
  const jsonl: string[] = [];
  matrix.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null) return;
      csv.push([`i${i + 1}`, raters[j], String(v), ...(criterion ? [criterion] : [])].join(','));
      jsonl.push(JSON.stringify({ item: `i${i + 1}`, rater: raters[j], label: v, ...(criterion ? { criterion } : {}) }));
    }),
  );
  return { csv: csv.join('\n') + '\n', jsonl: jsonl.join('\n') + '\n' };
}
