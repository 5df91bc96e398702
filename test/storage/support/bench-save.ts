// Latency of one annotator save (addAnnotations of 2 criteria, its own transaction) on a review
// of 2,000 items x 3 annotators with history, as the review server issues it:
//   node --import ./test/storage/support/ts-register.mjs test/storage/support/bench-save.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../src/storage/sqlite-store.js';
import { label, seedReview } from '../store-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'juror-save-'));
const store = openSqliteStore(join(dir, 'j.db'));
const { items } = seedReview(store, { n: 2000, assign: () => ['ann', 'bob', 'cat'] });
const who = ['ann', 'bob', 'cat'];
const times: number[] = [];
for (let i = 0; i < 6000; i++) {
  const item = items[(i * 7919) % items.length]!.id;
  const t = performance.now();
  store.addAnnotations([
    label(item, who[i % 3]!, 'faithfulness', String((i % 5) + 1), { clientKey: `k${i}` }),
    label(item, who[i % 3]!, 'tone', i % 2 ? 'pass' : 'fail', { clientKey: `k${i}` }),
  ]);
  times.push(performance.now() - t);
}
const t0 = performance.now();
const progress = store.getReviewProgress('rev1');
const tProgress = performance.now() - t0;
const t1 = performance.now();
store.getAssignments('rev1', 'ann');
const tQueue = performance.now() - t1;
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.floor(p * (times.length - 1))]!.toFixed(3);
console.log(`save (2 criteria): p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms over ${times.length}`);
console.log(`getReviewProgress ${tProgress.toFixed(1)} ms (${progress.length} annotators), getAssignments(ann, 2000 items) ${tQueue.toFixed(1)} ms`);
store.close();
rmSync(dir, { recursive: true, force: true });
