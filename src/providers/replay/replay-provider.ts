import { readFile } from 'node:fs/promises';
import { ConfigError, ProviderError } from '../../core/errors.js';
import type { CompletionRequest, CompletionResult, Provider } from '../provider.js';

/**
 * Spec `replay:FILE`: answers from recorded outputs instead of a model, e.g. to score a system
 * whose outputs were produced elsewhere. FILE is JSONL of `{ "id": caseId, "output": "...", "repeat"?: n }`.
 * A line with `repeat` answers only that repeat; a line without answers every repeat of its case.
 */

interface Entry {
  output: string;
  line: number;
}

export interface ReplayTable {
  byCase: Map<string, { any?: Entry; byRepeat: Map<number, Entry> }>;
}

/** Parse the JSONL text; every problem is a ConfigError at `label:LINE`. */
export function parseReplay(text: string, label: string): ReplayTable {
  const byCase: ReplayTable['byCase'] = new Map();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    const where = `${label}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new ConfigError(`invalid JSON (${(err as Error).message.split('\n')[0]})`, where);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError('expected a JSON object { "id", "output" }', where);
    const rec = value as Record<string, unknown>;
    if (typeof rec.id !== 'string' && typeof rec.id !== 'number') throw new ConfigError('missing "id" (the case id, a string)', where);
    if (typeof rec.output !== 'string') throw new ConfigError(`"output" must be a string (case "${rec.id}")`, where);
    if (rec.repeat !== undefined && !(Number.isInteger(rec.repeat) && (rec.repeat as number) >= 0)) {
      throw new ConfigError(`"repeat" must be a non-negative integer (case "${rec.id}")`, where);
    }
    const id = String(rec.id);
    const slot = byCase.get(id) ?? { byRepeat: new Map<number, Entry>() };
    byCase.set(id, slot);
    const entry = { output: rec.output, line: i + 1 };
    const previous = rec.repeat === undefined ? slot.any : slot.byRepeat.get(rec.repeat as number);
    if (previous) {
      const which = rec.repeat === undefined ? '' : ` repeat ${rec.repeat}`;
      throw new ConfigError(`duplicate output for case "${id}"${which} (first on line ${previous.line})`, where);
    }
    if (rec.repeat === undefined) slot.any = entry;
    else slot.byRepeat.set(rec.repeat as number, entry);
  }
  return { byCase };
}

export class ReplayProvider implements Provider {
  readonly id: string;
  readonly model = 'replay';
  readonly answersByCase = true;

  constructor(
    private readonly table: ReplayTable,
    private readonly label: string,
  ) {
    this.id = `replay:${label}`;
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    const started = performance.now();
    const caseId = request.meta?.caseId;
    if (caseId === undefined) {
      throw new ProviderError(`${this.id}: the request carries no case id to look up`, { retryable: false, provider: this.id });
    }
    const slot = this.table.byCase.get(caseId);
    const repeat = request.meta?.repeat;
    const entry = (repeat !== undefined ? slot?.byRepeat.get(repeat) : undefined) ?? slot?.any ?? (repeat === undefined ? slot?.byRepeat.get(0) : undefined);
    if (!entry) {
      const which = repeat !== undefined && slot ? ` repeat ${repeat}` : '';
      throw new ProviderError(`${this.label}: no output for case "${caseId}"${which}`, { retryable: false, provider: this.id });
    }
    let structured: unknown;
    if (request.structured) {
      try {
        structured = JSON.parse(entry.output);
      } catch {
        structured = undefined;
      }
    }
    return {
      text: entry.output,
      ...(structured !== undefined ? { structured } : {}),
      // Nothing was generated, so nothing was spent.
      usage: { inputTokens: 0, outputTokens: 0 },
      latencyMs: performance.now() - started,
      model: this.model,
    };
  }
}

/** Read and check the whole file up front, so a bad line stops the run before any case starts. */
export async function createReplayProvider(path: string, label: string = path): Promise<Provider> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(code === 'ENOENT' ? `replay file not found: ${label}` : `cannot read replay file ${label}: ${(err as Error).message}`);
  }
  return new ReplayProvider(parseReplay(text, label), label);
}
