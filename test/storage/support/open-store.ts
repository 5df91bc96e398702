// Child process for concurrency.test.ts: open (and so migrate) DB_PATH once told to go, then
// create one annotator so every process also writes. argv: DB_PATH NAME. Prints "ready", then "ok".
import { once } from 'node:events';
import { openSqliteStore } from '../../../src/storage/sqlite-store.js';

const [dbPath, name] = process.argv.slice(2) as [string, string];
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const store = openSqliteStore(dbPath);
store.createAnnotator({ id: name, name, role: 'annotator', tokenHash: `h-${name}`, createdAt: new Date().toISOString() });
store.close();
process.stdout.write('ok\n');
