// `node --import ./ts-register.mjs script.ts`: lets a child process run our TypeScript sources
// directly (Node 20 cannot strip types itself), so crash/concurrency tests need no build step.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
