// Child process for test/storage/concurrency.test.ts: one writer hammering a shared database.
// argv: DB_PATH WRITER_ID COUNT. Writes COUNT outputs (one transaction each) into run1 and labels
// every item of review rev1 as annotator WRITER_ID. Prints "ready" once open, waits for a line
// on stdin (so all writers start together), then prints "done N" when finished.
import { once } from 'node:events';
import { openSqliteStore } from '../../../src/storage/sqlite-store.js';

const [dbPath, writer, countArg] = process.argv.slice(2) as [string, string, string];
const count = Number(countArg);
const store = openSqliteStore(dbPath);
const items = store.getReviewItems('rev1');
process.stdout.write('ready\n');
await once(process.stdin, 'data');
for (let i = 0; i < count; i++) {
  store.saveResult(
    {
      runId: 'run1', caseId: `${writer}-${i}`, repeat: 0, prompt: 'p', output: 'o', error: null,
      usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, costUsd: null, cached: false, attempts: 1,
    },
    [{ scorer: 'contains', criterion: 'contains', value: i % 2 }],
  );
  const item = items[i % items.length]!;
  store.addAnnotation({
    reviewId: 'rev1', itemId: item.id, annotatorId: writer, criterion: 'faithfulness',
    label: String((i % 5) + 1), value: null, clientKey: `${writer}-${i}`,
  });
  store.cachePut({ key: `${writer}-${i}`, provider: 'mock', value: '{}', createdAt: new Date().toISOString() });
}
store.close();
process.stdout.write(`done ${count}\n`);
