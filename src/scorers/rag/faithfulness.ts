import { judgeSupport } from './claim-support.js';
import { listed, ragMetric, round4 } from './rag-metric.js';

/** Share of the answer's claims supported by the retrieved context (RAGAS / DeepEval faithfulness). */
export const faithfulness = ragMetric('faithfulness', 'share of the answer\'s claims supported by the context (judge)', async (m) => {
  const r = await judgeSupport(m, 'claim');
  if (!r.ok) return { value: null, reason: r.reason };
  const claims = r.value;
  const supported = claims.filter((c) => c.verdict === 'supported').length;
  const parts = [`${supported} of ${claims.length} claims supported by the context`];
  const contradicted = claims.filter((c) => c.verdict === 'contradicted');
  const missing = claims.filter((c) => c.verdict === 'not_found');
  if (contradicted.length) parts.push(`contradicted: ${listed(contradicted)}`);
  if (missing.length) parts.push(`not found: ${listed(missing)}`);
  return { value: round4(supported / claims.length), reason: parts.join('; '), claims };
});
