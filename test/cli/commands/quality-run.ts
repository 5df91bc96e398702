import type { Rubric } from '../../../src/core/rubric.js';
import type { Store } from '../../../src/storage/store.js';

/** A one-criterion 1–5 rubric ("quality", passes at 4) for the --calibrated-with tests. */
export const QUALITY_RUBRIC: Rubric = {
  name: 'q',
  criteria: [{ name: 'quality', question: 'Good?', scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] }, anchors: {}, pass: 4 }],
};

/** A stored run of 30 outputs judged on QUALITY_RUBRIC at `level(i)`, passing at >= 4; returns the outputs. */
export function storeQualityRun(store: Store, id: string, level: (i: number) => number, startedAt = '2026-01-01T00:00:00.000Z', config: Record<string, unknown> = {}) {
  const rules = [{ criterion: 'rubric.quality', op: '>=', target: 4, text: '>= 4', where: 's.yaml:1' }];
  store.createRun({ id, kind: 'run', suiteName: 's', provider: 'mock', judge: 'mock', config: { pass: rules, ...config }, startedAt });
  return store.saveResults(Array.from({ length: 30 }, (_, i) => ({
    output: {
      runId: id, caseId: `c${i}`, repeat: 0, prompt: 'p', output: 'o', error: null,
      usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: null, costUsd: null, cached: false, attempts: 1,
    },
    scores: [{ scorer: 'rubric', criterion: 'rubric.quality', value: level(i), label: String(level(i)), passed: level(i) >= 4 }],
  })));
}
