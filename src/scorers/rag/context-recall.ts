import { judgeSupport } from './claim-support.js';
import { listed, ragMetric, round4 } from './rag-metric.js';

/** Share of the golden answer's statements attributable to the retrieved context (RAGAS context recall). */
export const contextRecall = ragMetric('context-recall', 'share of the golden answer\'s statements found in the context (judge)', async (m) => {
  const r = await judgeSupport(m, 'statement');
  if (!r.ok) return { value: null, reason: r.reason };
  const statements = r.value;
  const found = statements.filter((s) => s.verdict === 'supported');
  const absent = statements.filter((s) => s.verdict !== 'supported');
  const reason = `${found.length} of ${statements.length} golden-answer statements found in the context${absent.length ? `; missing: ${listed(absent)}` : ''}`;
  return { value: round4(found.length / statements.length), reason, claims: statements };
});
