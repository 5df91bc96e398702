/**
 * Errors that repeat for every case stop the run at the first one. Real OpenAI / Anthropic SDKs over
 * HTTP to the mock server; the calls made are counted at the server.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/providers/mock/mock-server.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { findAll, parseXml } from '../reporters/xml-check.js';
import { cli, ragCases, writeSuite, useCleanups } from '../cli/support.js';

const { tmp, server, defer } = useCleanups();
/** A port nothing listens on: bind one, then close it. */
async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
const CHECK = ['- contains: { value: "{{expected}}" }'];

describe('a repeatable provider error stops the run', () => {
  it('a wrong key: one call for 20 cases, the rest not run, one line naming OPENAI_API_KEY, exit 3', async () => {
    const dir = tmp();
    const s = await server();
    const suite = writeSuite(dir, { cases: ragCases(20), provider: 'openai:mock-model', judge: null, scorers: CHECK });
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'bad-key' };
    const db = join(dir, 'j.db');
    const r = await cli(['run', suite, '--db', db, '--concurrency', '1', '--junit', 'out.xml'], { cwd: dir, env });
    expect(r.code).toBe(3);
    expect(s.stats().requests).toBe(1);
    const stopped = r.stderr.split('\n').filter((l) => l.startsWith('Stopped:'));
    expect(stopped).toEqual([
      expect.stringMatching(/^Stopped: openai:mock-model: authentication failed \(HTTP 401\): Incorrect API key provided: bad-key\. \(check OPENAI_API_KEY\); 19 of 20 cases not run \(fix it, then: juror run --resume r_\w+\)$/),
    ]);
    // The summary names the error with its count and an example case.
    expect(r.stdout).toMatch(/errored\s+1\n/);
    expect(r.stdout).toMatch(/not run\s+19\n/);
    expect(r.stdout).toContain('Errors (every case: juror show r_');
    expect(r.stdout).toMatch(/1 × openai:mock-model: authentication failed \(HTTP 401\).*\n\s+e\.g\. q0\n/);
    const store = openSqliteStore(db);
    const [run] = store.listRuns();
    expect(run!.status).toBe('failed');
    expect(store.getOutputs(run!.id)).toHaveLength(1);
    expect(run!.summary).toMatchObject({ total: 1, errored: 1, notRun: 19 });
    store.close();
    const xml = parseXml(await import('node:fs').then((fs) => fs.readFileSync(join(dir, 'out.xml'), 'utf8')));
    expect(findAll(xml, 'property').find((p) => p.attrs.name === 'not_run')?.attrs.value).toBe('19');
  });

  it('at concurrency 4 no call is made after the first failure: at most the 4 in flight reach the server', async () => {
    const dir = tmp();
    const s = await server();
    const suite = writeSuite(dir, { cases: ragCases(60), provider: 'anthropic:mock-model', judge: null, scorers: CHECK });
    const env = { ANTHROPIC_BASE_URL: s.url, ANTHROPIC_API_KEY: 'bad-key' };
    const r = await cli(['run', suite, '--db', join(dir, 'j.db'), '--concurrency', '4', '--json'], { cwd: dir, env });
    expect(r.code).toBe(3);
    expect(s.stats().requests).toBeGreaterThanOrEqual(1);
    expect(s.stats().requests).toBeLessThanOrEqual(4);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.errored + doc.summary.notRun).toBe(60);
    expect(doc.summary.errors).toEqual([
      { kind: 'errored', message: expect.stringContaining('(check ANTHROPIC_API_KEY)'), count: doc.summary.errored, examples: expect.any(Array) },
    ]);
    expect(r.stderr).toMatch(/^Stopped: anthropic:mock-model: authentication failed \(HTTP 401\).*ANTHROPIC_API_KEY/m);
  });

  it('a wrong key for the judge stops the run too (the judge call is the one that failed)', async () => {
    const dir = tmp();
    const s = await server();
    const suite = writeSuite(dir, { cases: ragCases(10), provider: 'mock', judge: 'openai:mock-judge' });
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'bad-key' };
    const r = await cli(['run', suite, '--db', join(dir, 'j.db'), '--concurrency', '1'], { cwd: dir, env });
    expect(r.code).toBe(3);
    expect(s.stats().requests).toBe(1);
    expect(r.stdout).toMatch(/unscored\s+1\n/);
    expect(r.stdout).toMatch(/not run\s+9\n/);
    expect(r.stdout).toMatch(/1 × unscored: judge call failed: openai:mock-judge: authentication failed \(HTTP 401\)/);
  });

  it('connection refused: tried once (not retried), the message names OPENAI_BASE_URL and its value', async () => {
    const dir = tmp();
    const port = await deadPort();
    const suite = writeSuite(dir, { cases: ragCases(8), provider: 'openai:m', judge: null, scorers: CHECK });
    const env = { OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`, OPENAI_API_KEY: 'k' };
    const r = await cli(['run', suite, '--db', join(dir, 'j.db'), '--concurrency', '1', '--json'], { cwd: dir, env });
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toMatchObject({ errored: 1, notRun: 7, retries: 0 });
    expect(r.stderr).toContain(`Stopped: openai:m: connection failed: connect ECONNREFUSED 127.0.0.1:${port} (check OPENAI_BASE_URL=http://127.0.0.1:${port}/v1); 7 of 8 cases not run`);
  });

  it('a 404 (wrong base URL path) stops the run and names the model and OPENAI_BASE_URL', async () => {
    const dir = tmp();
    const s = await server();
    const suite = writeSuite(dir, { cases: ragCases(5), provider: 'openai:m', judge: null, scorers: CHECK });
    const env = { OPENAI_BASE_URL: `${s.url}/nope`, OPENAI_API_KEY: 'k' };
    const r = await cli(['run', suite, '--db', join(dir, 'j.db'), '--concurrency', '1'], { cwd: dir, env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`Stopped: openai:m: HTTP 404: .* \\(check the model name and OPENAI_BASE_URL=${s.url}/nope\\); 4 of 5 cases not run`));
  });

  it('a transient error (503) does not stop the run: every case is tried', async () => {
    const dir = tmp();
    const s = await startMockServer({ faults: { rate: 1, kinds: ['503'], seed: 1 } });
    defer(() => s.close());
    const suite = writeSuite(dir, { cases: ragCases(3), provider: 'openai:mock-model', judge: null, scorers: CHECK });
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'k' };
    const r = await cli(['run', suite, '--db', join(dir, 'j.db'), '--retries', '0', '--json'], { cwd: dir, env });
    expect(r.code).toBe(3);
    expect(s.stats().requests).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.errored).toBe(3);
    expect(doc.summary.notRun).toBeUndefined();
    expect(doc.summary.errors).toEqual([{ kind: 'errored', message: 'openai:mock-model: HTTP 503: mock server error 503', count: 3, examples: ['q0', 'q1', 'q2'] }]);
    expect(r.stderr).not.toContain('Stopped:');
  });
});
