import { ConfigError } from '../core/errors.js';
import { CaseSchema, type Case } from '../core/case.js';
import { readLines } from './read-lines.js';
import { zodToConfigError } from './zod-error.js';

/** One raw case and where it came from, so every later check can point at its line. */
export interface Located {
  value: unknown;
  where: string;
  line: number;
  locate: (p: PropertyKey[]) => { where: string; line: number };
}

/** JSONL cases, streamed line by line (blank lines and `//` comments skipped). */
export function* jsonlEntries(path: string, shown: string): Generator<Located> {
  for (const { line, text } of readLines(path)) {
    const t = text.trim();
    if (!t || t.startsWith('//')) continue;
    const where = `${shown}:${line}`;
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch (err) {
      throw new ConfigError(`malformed JSON line: ${(err as Error).message.split('\n')[0]}`, where);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new ConfigError('each line must be a JSON object (a case)', where);
    }
    yield { value, where, line, locate: () => ({ where, line }) };
  }
}

// Strict: a misspelt key ("expeted") must be an error, not a silently missing golden answer.
const StrictCaseSchema = CaseSchema.strict();

/**
 * Validates cases as they stream in and rejects a duplicate id with the place of its first use.
 * One instance spans every file of a suite (a glob of case files shares one id space).
 */
export class CaseCollector {
  readonly cases: Case[] = [];
  private readonly first = new Map<string, { file: string; line: number }>();

  add(entries: Iterable<Located>): void {
    for (const c of this.validate(entries)) this.cases.push(c);
  }

  /** Each entry as a validated case, as it streams in (nothing kept but the ids seen). */
  *validate(entries: Iterable<Located>): Generator<Case> {
    for (const e of entries) {
      const parsed = StrictCaseSchema.safeParse(e.value);
      if (!parsed.success) throw zodToConfigError(parsed.error, StrictCaseSchema, e.locate);
      const c = parsed.data;
      const file = e.where.slice(0, e.where.length - String(e.line).length - 1);
      const prev = this.first.get(c.id);
      if (prev) {
        const at = prev.file === file ? `line ${prev.line}` : `${prev.file}:${prev.line}`;
        throw new ConfigError(`duplicate case id "${c.id}" (first on ${at})`, e.where);
      }
      this.first.set(c.id, { file, line: e.line });
      yield c;
    }
  }
}
