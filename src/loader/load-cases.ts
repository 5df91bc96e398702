import { ConfigError } from '../core/errors.js';
import { CaseSchema, type Case } from '../core/case.js';
import { displayPath } from './paths.js';
import { readTextFile, readYamlFile, type YamlFile } from './yaml-file.js';
import { zodToConfigError } from './zod-error.js';

/** Where each case came from, so later checks (duplicates) can point at a line. */
interface Located {
  value: unknown;
  where: string;
  line: number;
  locate: (p: PropertyKey[]) => { where: string; line: number };
}

/**
 * Read cases from a file: JSONL (one case per line; blank lines and `//` comments skipped), or a
 * YAML/JSON file holding a list. Every mistake names the file and line.
 */
export function loadCases(path: string, where?: string): Case[] {
  if (/\.(ya?ml|json)$/i.test(path)) {
    const file = readYamlFile(path, 'cases file', where);
    if (!Array.isArray(file.data)) throw new ConfigError('expected a list of cases', file.where([]));
    return parseCaseList(file, []);
  }
  const shown = displayPath(path);
  const text = readTextFile(path, shown, 'cases file', where);
  return validateCases(jsonlEntries(text, shown));
}

/** Inline `cases:` in a suite (or any YAML list at `at`). */
export function parseCaseList(file: YamlFile, at: PropertyKey[]): Case[] {
  const list = at.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown>)?.[k as string], file.data);
  if (!Array.isArray(list)) throw new ConfigError('cases: expected a list of cases or a file path', file.where(at));
  const entries = list.map((value, i): Located => {
    const locate = (p: PropertyKey[]) => ({ where: file.where([...at, i, ...p]), line: file.lineOf([...at, i, ...p]) });
    return { value, ...locate([]), locate };
  });
  return validateCases(entries);
}

function jsonlEntries(text: string, shown: string): Located[] {
  const out: Located[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('//')) continue;
    const where = `${shown}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new ConfigError(`malformed JSON line: ${(err as Error).message.split('\n')[0]}`, where);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new ConfigError('each line must be a JSON object (a case)', where);
    }
    out.push({ value, where, line: i + 1, locate: () => ({ where, line: i + 1 }) });
  }
  return out;
}

// Strict: a misspelt key ("expeted") must be an error, not a silently missing golden answer.
const StrictCaseSchema = CaseSchema.strict();

function validateCases(entries: Located[]): Case[] {
  const firstLine = new Map<string, number>();
  const cases: Case[] = [];
  for (const e of entries) {
    const parsed = StrictCaseSchema.safeParse(e.value);
    if (!parsed.success) throw zodToConfigError(parsed.error, StrictCaseSchema, e.locate);
    const c = parsed.data;
    const first = firstLine.get(c.id);
    if (first !== undefined) throw new ConfigError(`duplicate case id "${c.id}" (first on line ${first})`, e.where);
    firstLine.set(c.id, e.line);
    cases.push(c);
  }
  return cases;
}
