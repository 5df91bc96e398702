import { contextChunks } from '../../core/case.js';
import type { ClaimVerdict } from '../../core/score.js';
import { stringify } from '../scorer.js';
import { parseChunkVerdicts } from './parse-judgements.js';
import { chunksRequest } from './rag-prompts.js';
import { ragMetric, round4 } from './rag-metric.js';

/**
 * Rank-aware precision of the retrieved chunks (RAGAS context precision): each chunk is judged
 * relevant or not to the golden answer, and the value is the average precision
 * Σₖ (precision@k · relₖ) / Σₖ relₖ over the chunks in retrieval order: relevant chunks ranked first
 * score higher. No relevant chunk at all is 0 (retrieval found nothing useful), a real score.
 */
export const contextPrecision = ragMetric('context-precision', 'rank-aware precision of the chunks relevant to the golden answer (judge)', async (m) => {
  const chunks = contextChunks(m.case.context);
  if (chunks.length === 0) return { value: null, reason: `case "${m.case.id}" has no context to judge` };
  if (m.case.expected === undefined || m.case.expected === null) return { value: null, reason: `case "${m.case.id}" has no expected answer` };
  const judged = await m.session.ask(chunksRequest(m.input, stringify(m.case.expected), chunks));
  if (!judged.ok) return { value: null, reason: judged.reason };
  const verdicts = parseChunkVerdicts(judged.value, chunks);
  if (!verdicts.ok) return { value: null, reason: verdicts.reason };
  const claims: ClaimVerdict[] = verdicts.value.map((v, i) => ({ kind: 'chunk', text: chunks[i]!.text, verdict: v.verdict, reason: v.reason, chunk: v.chunk }));
  const value = averagePrecision(claims.map((c) => c.verdict === 'relevant'));
  const ranks = claims.flatMap((c, i) => (c.verdict === 'relevant' ? [i + 1] : []));
  const reason = ranks.length
    ? `${ranks.length} of ${claims.length} chunks relevant to the golden answer, at rank${ranks.length > 1 ? 's' : ''} ${ranks.join(', ')}`
    : `none of ${claims.length} chunks relevant to the golden answer`;
  return { value: round4(value), reason, claims };
});

/** Average precision of a ranked list of relevance flags; 0 when nothing is relevant. */
export function averagePrecision(relevant: boolean[]): number {
  let hits = 0;
  let sum = 0;
  relevant.forEach((rel, i) => {
    if (!rel) return;
    hits += 1;
    sum += hits / (i + 1);
  });
  return hits === 0 ? 0 : sum / hits;
}
