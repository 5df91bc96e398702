import type { Chunk } from '../../core/case.js';
import type { Verdict } from '../../core/score.js';
import { chunkLabel } from './rag-prompts.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** `{ claims: [...] }` → the non-empty claims (an empty list is valid: the text states nothing). */
export function parseClaims(answer: Record<string, unknown>, of: string): Parsed<string[]> {
  const list = answer.claims;
  if (!Array.isArray(list)) return { ok: false, reason: `judge answer has no "claims" list for ${of}: ${short(answer)}` };
  const claims = list.filter((c): c is string => typeof c === 'string').map((c) => c.trim()).filter(Boolean);
  if (claims.length !== list.filter((c) => !(typeof c === 'string' && c.trim() === '')).length) {
    return { ok: false, reason: `judge answer lists something other than text as a claim of ${of}: ${short(answer)}` };
  }
  return { ok: true, value: claims };
}

export interface ItemVerdict {
  verdict: Verdict;
  reason: string;
  /** The cited chunk's label, or null. */
  chunk: string | null;
}

/**
 * `{ verdicts: [{ claim: n, verdict, reason, chunk? }] }` → one verdict per claim, in claim order.
 * Entries are matched by their number (by position when the judge gave none). A claim without a
 * verdict, or a verdict outside `allowed`, makes the whole answer unusable: the metric is unscored.
 */
export function parseClaimVerdicts(
  answer: Record<string, unknown>, claims: string[], allowed: readonly Verdict[], chunks: Chunk[],
): Parsed<ItemVerdict[]> {
  const list = verdictList(answer);
  if (!list) return { ok: false, reason: `judge answer has no "verdicts" list: ${short(answer)}` };
  const numbered = list.some((e) => e.claim !== undefined);
  const out: ItemVerdict[] = [];
  for (let i = 0; i < claims.length; i++) {
    const entry = numbered ? list.find((e) => Number(e.claim) === i + 1) : list[i];
    if (!entry) return { ok: false, reason: `judge gave no verdict for claim ${i + 1} of ${claims.length} (${JSON.stringify(claims[i])})` };
    const v = itemVerdict(entry, allowed, `claim ${i + 1}`, chunks);
    if (!v.ok) return v;
    out.push(v.value);
  }
  return { ok: true, value: out };
}

/** `{ verdicts: [{ chunk: label, verdict, reason }] }` → one verdict per chunk, in retrieval order. */
export function parseChunkVerdicts(answer: Record<string, unknown>, chunks: Chunk[]): Parsed<ItemVerdict[]> {
  const list = verdictList(answer);
  if (!list) return { ok: false, reason: `judge answer has no "verdicts" list: ${short(answer)}` };
  const labelled = list.some((e) => e.chunk !== undefined && e.chunk !== '');
  const out: ItemVerdict[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const label = chunkLabel(chunks[i]!, i);
    const entry = labelled ? list.find((e) => resolveChunk(e.chunk, chunks) === label) : list[i];
    if (!entry) return { ok: false, reason: `judge gave no verdict for chunk ${label} (${i + 1} of ${chunks.length})` };
    const v = itemVerdict(entry, ['relevant', 'irrelevant'], `chunk ${label}`, chunks);
    if (!v.ok) return v;
    out.push({ ...v.value, chunk: label });
  }
  return { ok: true, value: out };
}

function verdictList(answer: Record<string, unknown>): Array<Record<string, unknown>> | undefined {
  const list = answer.verdicts;
  if (!Array.isArray(list)) return undefined;
  return list.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null && !Array.isArray(e));
}

function itemVerdict(entry: Record<string, unknown>, allowed: readonly Verdict[], what: string, chunks: Chunk[]): Parsed<ItemVerdict> {
  const raw = typeof entry.verdict === 'string' ? entry.verdict.trim().toLowerCase().replace(/[\s-]+/g, '_') : entry.verdict;
  const verdict = allowed.find((a) => a === raw);
  if (!verdict) {
    return { ok: false, reason: `judge answered ${JSON.stringify(entry.verdict) ?? 'nothing'} for ${what}, not one of ${allowed.join(', ')}` };
  }
  const reason = typeof entry.reason === 'string' ? entry.reason : typeof entry.reasoning === 'string' ? entry.reasoning : '';
  return { ok: true, value: { verdict, reason, chunk: resolveChunk(entry.chunk, chunks) } };
}

/**
 * The chunk a judge cited, as its label: the label itself (`doc-7`, `#2`), with or without the
 * brackets, or a bare rank. Anything else (a label that is not there, "") is no chunk.
 */
export function resolveChunk(cited: unknown, chunks: Chunk[]): string | null {
  if (typeof cited !== 'string' && typeof cited !== 'number') return null;
  const s = String(cited).trim().replace(/^\[(.*)\]$/, '$1').trim();
  if (!s) return null;
  const labels = chunks.map((c, i) => chunkLabel(c, i));
  if (labels.includes(s)) return s;
  const rank = /^#?(\d+)$/.exec(s);
  if (rank) {
    const i = Number(rank[1]) - 1;
    if (i >= 0 && i < chunks.length) return labels[i]!;
  }
  return null;
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 120 ? s.slice(0, 119) + '…' : s;
}
