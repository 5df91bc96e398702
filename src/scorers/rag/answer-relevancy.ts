import { contextChunks } from '../../core/case.js';
import { RAG_REQUESTS } from '../../core/judge-requests.js';
import { parseClaimVerdicts, parseClaims } from './parse-judgements.js';
import { claimsRequest, relevancyRequest } from './rag-prompts.js';
import { listed, ragMetric, round4 } from './rag-metric.js';

/**
 * Share of the answer's claims that are relevant to the question (DeepEval's answer relevancy:
 * statements judged against the input, no embeddings needed). The claim split is the same request
 * as faithfulness's, so it comes from the cache when both run.
 */
export const answerRelevancy = ragMetric('answer-relevancy', 'share of the answer\'s claims relevant to the question (judge)', async (m) => {
  const split = await m.session.ask(claimsRequest(RAG_REQUESTS.answerClaims, m.input, m.output));
  if (!split.ok) return { value: null, reason: split.reason };
  const claims = parseClaims(split.value, 'the answer');
  if (!claims.ok) return { value: null, reason: claims.reason };
  if (claims.value.length === 0) return { value: null, reason: 'the judge found no claims in the answer' };
  const chunks = contextChunks(m.case.context);
  const judged = await m.session.ask(relevancyRequest(m.input, claims.value, chunks));
  if (!judged.ok) return { value: null, reason: judged.reason };
  const verdicts = parseClaimVerdicts(judged.value, claims.value, ['relevant', 'irrelevant'], chunks);
  if (!verdicts.ok) return { value: null, reason: verdicts.reason };
  const judgedClaims = verdicts.value.map((v, i) => ({ kind: 'claim' as const, text: claims.value[i]!, verdict: v.verdict, reason: v.reason, chunk: null }));
  const off = judgedClaims.filter((c) => c.verdict === 'irrelevant');
  const relevant = judgedClaims.length - off.length;
  const reason = `${relevant} of ${judgedClaims.length} claims relevant to the question${off.length ? `; irrelevant: ${listed(off)}` : ''}`;
  return { value: round4(relevant / judgedClaims.length), reason, claims: judgedClaims };
});
