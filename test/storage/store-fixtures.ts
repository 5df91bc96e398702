import type { Rubric } from '../../src/core/rubric.js';
import type { NewAnnotation, NewOutput, NewRun, Store } from '../../src/storage/store.js';

/** Small builders shared by the Store contract and the SQLite-specific tests. */

export const RUBRIC: Rubric = {
  name: 'quality',
  criteria: [
    { name: 'faithfulness', question: 'Supported?', scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] }, anchors: {}, pass: 4 },
    { name: 'tone', question: 'Polite?', scale: { type: 'nominal', choices: ['pass', 'fail'] }, anchors: {} },
  ],
};

export function newRun(id: string, over: Partial<NewRun> = {}): NewRun {
  return {
    id, kind: 'run', suiteName: 'rag-faq', suitePath: 'suites/rag-faq.yaml', provider: 'mock', judge: 'mock',
    config: { concurrency: 4, nested: { a: [1, 2] } }, gitCommit: 'abc123', parentRunId: null,
    startedAt: '2026-01-01T00:00:00.000Z', ...over,
  };
}

export function newOutput(runId: string, caseId: string, repeat = 0, over: Partial<NewOutput> = {}): NewOutput {
  return {
    runId, caseId, repeat, prompt: `prompt for ${caseId}`, output: `answer to ${caseId}`, error: null,
    usage: { inputTokens: 10, outputTokens: 5 }, latencyMs: 12.5, costUsd: 0.0001, cached: false, attempts: 1, ...over,
  };
}

/** A run with `n` cases c0..c(n-1), one output each, three annotators, and a review over all outputs. */
export function seedReview(
  store: Store, opts: { n?: number; assign?: (i: number) => string[]; showExpected?: boolean } = {},
) {
  const n = opts.n ?? 3;
  store.createRun(newRun('run1'));
  store.saveCases('run1', Array.from({ length: n }, (_, i) => ({ id: `c${i}`, vars: { q: `question ${i}` }, tags: [], expected: `gold ${i}` })));
  const outputs = store.saveResults(Array.from({ length: n }, (_, i) => ({ output: newOutput('run1', `c${i}`), scores: [] })));
  for (const [id, name] of [['ann', 'Ann'], ['bob', 'Bob'], ['cat', 'Cat']] as const) {
    store.createAnnotator({ id, name, role: 'annotator', tokenHash: `hash-${id}`, createdAt: '2026-01-01T00:00:00.000Z' });
  }
  const review = store.createReview({
    id: 'rev1', name: 'first pass', runId: 'run1', rubric: RUBRIC, overlap: 2, blind: true,
    showExpected: opts.showExpected ?? false, createdAt: '2026-01-02T00:00:00.000Z',
    outputIds: outputs.map((o) => o.id),
    assignments: outputs.map((_, i) => (opts.assign ? opts.assign(i) : ['ann', 'bob'])),
  });
  const items = store.getReviewItems('rev1');
  return { review, items, outputs };
}

export function label(itemId: number, annotatorId: string, criterion: string, value: string | null, over: Partial<NewAnnotation> = {}): NewAnnotation {
  return { reviewId: 'rev1', itemId, annotatorId, criterion, label: value, value: null, ...over };
}
