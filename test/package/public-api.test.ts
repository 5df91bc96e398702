import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The package as a consumer sees it: `import ... from 'juror'` resolves through package.json
// (main/types) to the built dist/index.js, from a project that has juror in its node_modules.
const ROOT = resolve(import.meta.dirname, '../..');

const SCRIPT = `
import { join } from 'node:path';
import {
  loadSuite, cohenKappa, fleissKappa, openSqliteStore, resolveProvider, wrapProvider, newCounters,
  buildScorers, planFromSuite, runSuite, createApp, computeCalibration, computeReviewAgreement, ConfigError,
} from 'juror';

const [root, dir] = process.argv.slice(2);
const out = {};
// Two raters, 4 items: agreement 0.75, chance 0.5, so kappa = (0.75 - 0.5) / (1 - 0.5) = 0.5.
out.kappa = cohenKappa([[1, 1], [0, 2]]).value;
const suite = loadSuite(join(root, 'suites/rag-faq.yaml'));
out.suite = suite.name;
out.cases = suite.cases.length;
const store = openSqliteStore(join(dir, 'juror.db'));
const counters = newCounters();
const wrap = async (spec) => wrapProvider(await resolveProvider(spec, { env: {}, cwd: dir }), { store, cache: false, counters });
const provider = await wrap('mock');
const judge = await wrap('mock');
const result = await runSuite(planFromSuite(suite, buildScorers(suite, { judge })), { providerSpec: 'mock', judgeSpec: 'mock' }, { store, provider, counters });
out.status = result.status;
out.total = result.summary.total;
out.stored = store.listRuns().map((r) => r.id).includes(result.runId);
out.app = typeof createApp({ store });
store.close();
out.functions = [fleissKappa, computeCalibration, computeReviewAgreement].every((f) => typeof f === 'function');
out.configError = new ConfigError('x') instanceof Error;
console.log(JSON.stringify(out));
`;

describe('the public API (package main: dist/index.js)', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist/index.js'))) throw new Error('dist/ is missing: run `npx tsc -p tsconfig.build.json` first');
    dir = mkdtempSync(join(tmpdir(), 'juror-api-'));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules/juror'), 'dir');
    writeFileSync(join(dir, 'use.mjs'), SCRIPT);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports from "juror" in a separate Node process, loads and runs a real suite, and computes statistics', () => {
    const child = spawnSync(process.execPath, [join(dir, 'use.mjs'), ROOT, dir], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(child.status).toBe(0);
    // A library user sees nothing on stderr: no MaxListenersExceededWarning from the RAG metrics'
    // parallel judge calls on one case's signal, no other warning.
    expect(child.stderr).toBe('');
    const out = JSON.parse(child.stdout.trim().split('\n').pop()!);
    expect(out).toEqual({
      kappa: 0.5,
      suite: 'rag-faq',
      cases: 12,
      status: 'finished',
      total: 12,
      stored: true,
      app: 'function',
      functions: true,
      configError: true,
    });
  });
});
