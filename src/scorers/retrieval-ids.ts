import { contextChunks, type Case } from '../core/case.js';
import { atPath, type PathSegment } from './json-path.js';
import { parseJsonOutput } from './json-valid.js';

/**
 * Where retrieval metrics find their ids — the one place that decides it:
 * - gold (relevant) ids: the case's `gold_ids` (a JSONL/YAML list, or a CSV `gold_ids` column);
 * - retrieved ids, in rank order: the `id` of each chunk of the case's `context` (`from: context`,
 *   the default: the retriever's result stored with the case), or the system's output
 *   (`from: output`): JSON holding a list of ids or of `{ id }` objects, at `path` if given.
 */
export type IdSource = { from: 'context' } | { from: 'output'; path: PathSegment[]; pathText?: string; allowFence: boolean };

export function goldIds(c: Case): string[] | null {
  return c.gold_ids && c.gold_ids.length > 0 ? c.gold_ids : null;
}

/** Retrieved ids in rank order (a repeated id counts at its first rank), or why there are none. */
export function retrievedIds(output: string, c: Case, src: IdSource): { ids: string[] } | { missing: string } {
  const raw = src.from === 'context' ? contextIds(c) : outputIds(output, src);
  if ('missing' in raw) return raw;
  return { ids: [...new Set(raw.ids)] };
}

function contextIds(c: Case): { ids: string[] } | { missing: string } {
  const ids = contextChunks(c.context).map((chunk) => chunk.id ?? null);
  if (ids.length === 0 || ids.some((id) => id === null)) {
    return { missing: `case "${c.id}" has no retrieved chunk ids (context: [{ text, id }, ...])` };
  }
  return { ids: ids as string[] };
}

function outputIds(output: string, src: Extract<IdSource, { from: 'output' }>): { ids: string[] } | { missing: string } {
  const r = parseJsonOutput(output, src.allowFence);
  if (!r.ok) return { missing: `output is not JSON with retrieved ids (${r.error})` };
  const at = atPath(r.value, src.path);
  if (!at.found) return { missing: `output has no ${src.pathText ?? 'ids'} (${at.missing} is missing)` };
  if (!Array.isArray(at.value)) return { missing: `output ${src.pathText ?? ''} is not a list of ids`.replace('  ', ' ') };
  const ids = at.value.map(idOf);
  if (ids.some((id) => id === null)) return { missing: 'output lists something that is neither an id nor an object with an "id"' };
  return { ids: ids as string[] };
}

function idOf(x: unknown): string | null {
  if (typeof x === 'string' && x !== '') return x;
  if (typeof x === 'number' && Number.isFinite(x)) return String(x);
  if (x && typeof x === 'object' && 'id' in x) {
    const id = (x as { id: unknown }).id;
    if ((typeof id === 'string' && id !== '') || typeof id === 'number') return String(id);
  }
  return null;
}
