// Measures the agreement read path over N stored annotations (default 1,000,000):
//   node --import ./test/storage/support/ts-register.mjs test/storage/support/bench-labels.ts [N] [DB]
// Builds (once) a review of N/5 items x 5 annotators through the real Store API, then times
// labelPatterns (the agreement path), labelCountsByItem, getCurrentLabels and the queue reads. Not a vitest test: it takes a while to build.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../src/storage/sqlite-store.js';
import type { NewAnnotation } from '../../../src/storage/store.js';

const total = Number(process.argv[2] ?? 1_000_000);
const dbPath = process.argv[3] ?? join(mkdtempSync(join(tmpdir(), 'juror-bench-')), 'bench.db');
const raters = ['a1', 'a2', 'a3', 'a4', 'a5'];
const nItems = Math.ceil(total / raters.length);
const fresh = !existsSync(dbPath);
const opened = performance.now();
const store = openSqliteStore(dbPath);
console.error(`open (incl. any migration): ${(performance.now() - opened).toFixed(0)} ms`);

if (fresh) {
  let t = performance.now();
  store.createRun({ id: 'run', kind: 'run', suiteName: 'bench', provider: 'mock', config: {}, startedAt: new Date().toISOString() });
  const outputIds: number[] = [];
  for (let start = 0; start < nItems; start += 10_000) {
    const batch = [];
    for (let i = start; i < Math.min(nItems, start + 10_000); i++) {
      batch.push({
        output: { runId: 'run', caseId: `c${i}`, repeat: 0, prompt: 'p', output: 'o', error: null, usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: null, costUsd: null, cached: false, attempts: 1 },
        scores: [],
      });
    }
    for (const o of store.saveResults(batch)) outputIds.push(o.id);
  }
  for (const id of raters) store.createAnnotator({ id, name: id, role: 'annotator', tokenHash: id, createdAt: 'x' });
  store.createReview({
    id: 'rev', name: 'bench', runId: 'run', overlap: raters.length, blind: true, showExpected: false, createdAt: 'x',
    rubric: { name: 'r', criteria: [{ name: 'q', question: 'q', scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] }, anchors: {} }] },
    outputIds, assignments: outputIds.map(() => raters),
  });
  console.error(`setup ${nItems} items: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const items = store.getReviewItems('rev');
  let batch: NewAnnotation[] = [];
  let n = 0;
  for (const item of items) {
    for (const annotatorId of raters) {
      if (n++ >= total) break;
      // deterministic, mostly-agreeing labels
      const label = String(((item.id * 7 + (annotatorId === 'a5' ? 1 : 0)) % 5) + 1);
      batch.push({ reviewId: 'rev', itemId: item.id, annotatorId, criterion: 'q', label, value: null });
    }
    if (batch.length >= 10_000) {
      store.addAnnotations(batch);
      batch = [];
    }
  }
  if (batch.length) store.addAnnotations(batch);
  const secs = (performance.now() - t) / 1000;
  console.error(`wrote ${total} annotations in ${secs.toFixed(1)} s (${Math.round(total / secs)}/s)`);
}

function time<T>(name: string, fn: () => T, size: (r: T) => number): void {
  const runs: number[] = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    rows = size(fn());
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(`${name}: ${rows} rows, median ${runs[2]!.toFixed(0)} ms, best ${runs[0]!.toFixed(0)} ms`);
}

console.log(`db ${dbPath}, ${total} current labels`);
time('labelPatterns', () => store.labelPatterns('rev', 'q'), (r) => r.reduce((n, p) => n + p.items * p.labels.length, 0));
time('labelCountsByItem', () => store.labelCountsByItem('rev', 'q'), (r) => r.length);
time('getCurrentLabels(criterion)', () => store.getCurrentLabels('rev', 'q'), (r) => r.length);
time('getReviewProgress', () => store.getReviewProgress('rev'), (r) => r.length);
time('getAssignments(a1)', () => store.getAssignments('rev', 'a1'), (r) => r.length);
store.close();
