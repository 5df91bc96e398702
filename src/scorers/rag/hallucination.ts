import { judgeSupport } from './claim-support.js';
import { listed, ragMetric, round4 } from './rag-metric.js';

/**
 * Share of the answer's claims the retrieved context contradicts: lower is better. The same two
 * judge calls as faithfulness (answered from the cache when both run), read the other way.
 */
export const hallucination = ragMetric(
  'hallucination',
  'share of the answer\'s claims contradicted by the context (judge; lower is better)',
  async (m) => {
    const r = await judgeSupport(m, 'claim');
    if (!r.ok) return { value: null, reason: r.reason };
    const claims = r.value;
    const contradicted = claims.filter((c) => c.verdict === 'contradicted');
    const reason = contradicted.length
      ? `${contradicted.length} of ${claims.length} claims contradicted by the context: ${listed(contradicted)}`
      : `none of ${claims.length} claims contradicted by the context`;
    return { value: round4(contradicted.length / claims.length), reason, claims };
  },
  { lowerIsBetter: true },
);
