import { contextChunks } from '../../core/case.js';
import { RAG_REQUESTS } from '../../core/judge-requests.js';
import type { ClaimKind, ClaimVerdict } from '../../core/score.js';
import { stringify } from '../scorer.js';
import { parseClaimVerdicts, parseClaims, type Parsed } from './parse-judgements.js';
import { claimsRequest, supportRequest } from './rag-prompts.js';
import type { MetricInput } from './rag-metric.js';

/**
 * The two judge steps behind faithfulness, hallucination and context recall: split a text into
 * claims, then judge each claim supported / contradicted / not found against the retrieved chunks.
 * Of the answer (`claim`) or of the golden answer (`statement`). Identical requests are answered
 * from the cache, so faithfulness and hallucination on one suite pay for these calls once.
 */
export async function judgeSupport(m: MetricInput, kind: Exclude<ClaimKind, 'chunk'>): Promise<Parsed<ClaimVerdict[]>> {
  const chunks = contextChunks(m.case.context);
  if (chunks.length === 0) return { ok: false, reason: `case "${m.case.id}" has no context to check claims against` };
  const ofAnswer = kind === 'claim';
  let text = m.output;
  if (!ofAnswer) {
    if (m.case.expected === undefined || m.case.expected === null) return { ok: false, reason: `case "${m.case.id}" has no expected answer` };
    text = stringify(m.case.expected);
  }
  const what = ofAnswer ? 'the answer' : 'the golden answer';
  const split = await m.session.ask(claimsRequest(ofAnswer ? RAG_REQUESTS.answerClaims : RAG_REQUESTS.referenceClaims, m.input, text));
  if (!split.ok) return split;
  const claims = parseClaims(split.value, what);
  if (!claims.ok) return claims;
  // No claims is no evidence: unscored, never a perfect 1.
  if (claims.value.length === 0) return { ok: false, reason: `the judge found no claims in ${what}` };
  const judged = await m.session.ask(
    supportRequest(ofAnswer ? RAG_REQUESTS.claimVerdicts : RAG_REQUESTS.referenceVerdicts, m.input, claims.value, chunks),
  );
  if (!judged.ok) return judged;
  const verdicts = parseClaimVerdicts(judged.value, claims.value, ['supported', 'contradicted', 'not_found'], chunks);
  if (!verdicts.ok) return verdicts;
  return { ok: true, value: verdicts.value.map((v, i) => ({ kind, text: claims.value[i]!, verdict: v.verdict, reason: v.reason, chunk: v.chunk })) };
}
