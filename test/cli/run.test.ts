import { readFileSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { findAll, parseXml } from '../reporters/xml-check.js';
import { cli, ragCases, ROOT, writeSuite, useCleanups } from './support.js';

const { tmp, server } = useCleanups();

describe('juror run', () => {
  it('runs the example suite: exit 0, summary on stdout, all stored', async () => {
    const dir = tmp();
    const db = join(dir, 'j.db');
    const r = await cli(['run', 'suites/rag-faq.yaml', '--db', db], { cwd: ROOT });
    expect(r.stderr).toMatch(/Running rag-faq \(12 cases\) as r_/);
    // storage-free scripts a wrong figure for the mock: the example shows a failing claim
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/passed\s+11 \(91\.7% \[64\.6%, 98\.5%\], n=12\)/); // Wilson, statsmodels: (0.6461, 0.9851)
    expect(r.stdout).toMatch(/mean faithfulness\s+0\.96 \[\d\.\d\d, \d\.\d\d\], n=\d+\n/);
    expect(r.stdout).toContain(`database                  ${db}`);
    const store = openSqliteStore(db);
    const [run] = store.listRuns();
    expect(run!.status).toBe('finished');
    expect(store.getOutputs(run!.id)).toHaveLength(12);
    expect(run!.config.suitePath).toBe(join(ROOT, 'suites/rag-faq.yaml'));
    store.close();
  });

  it('--json prints exactly one parseable document on stdout; logs go to stderr', async () => {
    const dir = tmp();
    const r = await cli(['run', 'suites/rag-faq.yaml', '--db', join(dir, 'j.db'), '--json'], { cwd: ROOT });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.status).toBe('finished');
    expect(doc.summary.total).toBe(12);
    expect(doc.cases).toHaveLength(12);
    expect(doc.cases[0].scores.length).toBe(8);
    expect(r.stderr).toContain('Running rag-faq');
    expect(r.stderr).toMatch(/cases\s+12/); // the table moved to stderr
  });

  it('exit 1 when cases fail, and the JUnit/HTML reports carry the failures', async () => {
    const dir = tmp();
    const cases = ragCases(6);
    const suite = writeSuite(dir, { cases, scorers: ['- contains: { value: "Panel 1" }'], judge: null });
    const r = await cli(['run', suite, '--db', join(dir, 'j.db'), '--junit', 'out.xml', '--html', 'out.html'], { cwd: dir });
    expect(r.code).toBe(1);
    // "Panel 1" is in answers for cases 1 only ("Panel 1" … but not "Panel 2".."Panel 5")
    expect(r.stdout).toMatch(/passed\s+1 \(16\.7% \[3\.0%, 56\.4%\], n=6\)/); // Wilson, statsmodels: (0.0301, 0.5635)
    expect(r.stdout).toMatch(/failed\s+5\n/);
    const xml = parseXml(readFileSync(join(dir, 'out.xml'), 'utf8'));
    expect(xml.attrs).toMatchObject({ tests: '6', failures: '5', errors: '0', skipped: '0' });
    expect(findAll(xml, 'testcase')).toHaveLength(6);
    expect(findAll(xml, 'failure')[0]!.text).toMatch(/Panel 1/);
    const html = readFileSync(join(dir, 'out.html'), 'utf8');
    // 1 of 6 passed: Wilson 0.0301–0.5635 (statsmodels proportion_confint(1, 6, method='wilson'))
    expect(html).toContain('[3.0%, 56.4%] · 1 of 6 passed');
    const data = JSON.parse(/id="juror-data">(.*?)<\/script>/s.exec(html)![1]!) as { cases: Array<{ status: string }> };
    expect(data.cases.filter((c) => c.status === 'failed')).toHaveLength(5);
  });

  it('exit 2 on bad input', async () => {
    const dir = tmp();
    const db = join(dir, 'j.db');
    const missing = await cli(['run', 'nope.yaml', '--db', db], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: .*nope\.yaml/m);
    const bad = await cli(['run', 'suites/rag-faq.yaml', '--db', db, '--concurrency', '0'], { cwd: ROOT });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--concurrency must be a whole number from 1 to 1024, got "0"');
    const unknown = await cli(['run', 'suites/rag-faq.yaml', '--db', db, '--provider', 'foo:bar'], { cwd: ROOT });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown provider "foo:bar"');
    const noKey = await cli(['run', 'suites/rag-faq.yaml', '--db', db, '--provider', 'openai:gpt-4o'], { cwd: ROOT });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('set OPENAI_API_KEY');
    const noSuite = await cli(['run', '--db', db], { cwd: dir });
    expect(noSuite.code).toBe(2);
  });

  it('exit 3 when the provider fails: cases errored with the message, stored', async () => {
    const dir = tmp();
    const db = join(dir, 'j.db');
    const s = await server({ faults: { rate: 1, kinds: ['503'], seed: 1 } });
    const suite = writeSuite(dir, { cases: ragCases(3), provider: 'openai:mock-model', judge: null, scorers: ['- contains: { value: "{{expected}}" }'] });
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'test' };
    const r = await cli(['run', suite, '--db', db, '--retries', '1', '--json'], { cwd: dir, env });
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toMatchObject({ total: 3, errored: 3, retries: 3 });
    expect(doc.cases[0].error).toMatch(/503.*gave up after 2 attempts/);
    expect(s.stats().requests).toBe(6);
  });

  it('--repeat and --filter', async () => {
    const dir = tmp();
    const suite = writeSuite(dir, { cases: ragCases(6), judge: null, scorers: ['- contains: { value: "{{expected}}" }'] });
    const r = await cli(['run', suite, '--db', join(dir, 'j.db'), '--repeat', '3', '--filter', 'odd', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.total).toBe(9);
    expect(doc.cases.map((c: { caseId: string; repeat: number }) => `${c.caseId}/${c.repeat}`)).toEqual([
      'q1/0', 'q1/1', 'q1/2', 'q3/0', 'q3/1', 'q3/2', 'q5/0', 'q5/1', 'q5/2',
    ]);
  });

  it('--repeat with reduce: the exit code follows the reduced verdicts; pass@k, pass^k and the unstable case in the summary', async () => {
    const dir = tmp();
    const cases = [{ id: 'a', vars: { question: 'x' }, expected: 'yes' }, { id: 'b', vars: { question: 'y' }, expected: 'yes' }];
    // a is right every time; b only on its first try
    writeFileSync(join(dir, 'out.jsonl'), [{ id: 'a', output: 'yes' }, { id: 'b', repeat: 0, output: 'yes' }, { id: 'b', repeat: 1, output: 'no' }, { id: 'b', repeat: 2, output: 'no' }].map((x) => JSON.stringify(x)).join('\n'));
    const suite = writeSuite(dir, { cases, provider: 'replay:out.jsonl', judge: null, scorers: ['- contains: { value: "{{expected}}" }'] });
    const majority = await cli(['run', suite, '--db', join(dir, 'j.db'), '--repeat', '3', '--json'], { cwd: dir });
    expect(majority.code).toBe(1); // b passes 1 of 3: not a majority
    const doc = JSON.parse(majority.stdout);
    expect(doc.summary).toMatchObject({ total: 6, passed: 4, failed: 2, repeats: 3 });
    // pass@2 = (1 + (1 − C(2,2)/C(3,2))) / 2 = (1 + 2/3) / 2; pass^2 = (1 + C(1,2)/C(3,2)) / 2 = 0.5
    expect(doc.summary.reduced).toMatchObject({ repeats: 3, reduce: 'majority', cases: 2, passed: 1, failed: 1, unstable: ['b'] });
    expect(doc.summary.reduced.passAtK).toEqual([{ k: 1, value: 0.6667 }, { k: 2, value: 0.8333 }, { k: 3, value: 1 }]);
    expect(doc.summary.reduced.passHatK).toEqual([{ k: 1, value: 0.6667 }, { k: 2, value: 0.5 }, { k: 3, value: 0.5 }]);
    expect(majority.stderr).toMatch(/cases \(reduced\)\s+2: 1 passed \(50\.0% \[9\.5%, 90\.5%\], n=2\), 1 failed/); // Wilson 1 of 2
    expect(majority.stderr).toMatch(/pass@k\s+@1 66\.7% · @2 83\.3% · @3 100\.0%/);
    expect(majority.stderr).toMatch(/unstable\s+1 case flips across repeats: b/);
    writeFileSync(suite, readFileSync(suite, 'utf8') + 'reduce: any\n');
    const any = await cli(['run', suite, '--db', join(dir, 'j.db'), '--repeat', '3'], { cwd: dir });
    expect(any.code).toBe(0); // b passed once: enough for `any`
    expect(any.stdout).toMatch(/repeats\s+3 per case, reduced by any/);
  });

  it('--judge-repeat 3: three judge calls per output, the judge test-retest alpha in the summary; juror judge takes it too', async () => {
    const dir = tmp();
    const suite = writeSuite(dir, { cases: ragCases(4), scorers: ['- rubric: faithfulness'] });
    const once = JSON.parse((await cli(['run', suite, '--db', join(dir, 'a.db'), '--json'], { cwd: dir })).stdout);
    const r = await cli(['run', suite, '--db', join(dir, 'b.db'), '--judge-repeat', '3', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.judgeUsage.inputTokens).toBe(3 * once.summary.judgeUsage.inputTokens);
    // the built-in mock judge is deterministic: the same verdict on every ask, so alpha has no variance to measure
    expect(doc.summary.judgeRetest).toEqual([
      { criterion: 'rubric.faithfulness', level: 'ordinal', repeats: 3, outputs: 4, alpha: { value: null, reason: expect.stringMatching(/same value/) } },
      { criterion: 'rubric.relevance', level: 'ordinal', repeats: 3, outputs: 4, alpha: { value: null, reason: expect.stringMatching(/same value/) } },
    ]);
    expect(doc.cases[0].scores.find((s: { criterion: string }) => s.criterion === 'rubric.faithfulness').judgeRepeats).toEqual([5, 5, 5]);
    expect(r.stderr).toMatch(/judge test-retest α\s+rubric\.faithfulness  — \(every pairable rating has the same value[^\n]*; ordinal, 4 outputs × 3 asks\)\n\s+rubric\.relevance     — /);
    const j = await cli(['judge', '--run', doc.runId, '--db', join(dir, 'b.db'), '--judge-repeat', '2', '--json'], { cwd: dir });
    expect(j.code, j.stderr).toBe(0);
    const judged = JSON.parse(j.stdout);
    expect(judged.summary.judgeRetest.map((x: { repeats: number }) => x.repeats)).toEqual([2, 2]);
    expect(judged.summary.cachedCalls).toBe(8); // asks 0 and 1 were made by the run: answered from the cache
  });

  it('Ctrl-C on the built-in mock at zero latency (in-memory transport, no socket) still interrupts', async () => {
    const dir = tmp();
    const db = join(dir, 'j.db');
    const n = 20_000; // seconds of work: a timer armed when the run starts must get its turn long before the end
    const suite = writeSuite(dir, { cases: ragCases(n), judge: null, scorers: ['- contains: { value: "Panel" }'] });
    const controller = new AbortController();
    let err = '';
    const stderr = new Writable({
      write(chunk, _enc, done) {
        err += String(chunk);
        if (/Running fixture/.test(String(chunk))) setTimeout(() => controller.abort(new Error('interrupted')), 100);
        done();
      },
    });
    const stdout = new Writable({ write: (_c, _e, done) => done() });
    const code = await main(['run', suite, '--db', db, '--concurrency', '8'], { stdout, stderr, cwd: dir, env: {}, signal: controller.signal });
    expect(code, err).toBe(130);
    const store = openSqliteStore(db);
    try {
      const run = store.listRuns()[0]!;
      expect(run.status).toBe('interrupted');
      const done = store.getOutputs(run.id).length;
      expect(done).toBeGreaterThan(0);
      expect(done).toBeLessThan(n);
    } finally {
      store.close();
    }
  }, 60_000);

  it('Ctrl-C (AbortSignal): run marked interrupted, exit 130, resume finishes it', async () => {
    const dir = tmp();
    const db = join(dir, 'j.db');
    const s = await server({ latencyMs: 150 });
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'test' };
    const suite = writeSuite(dir, { cases: ragCases(40), provider: 'openai:mock-model', judge: null, scorers: ['- contains: { value: "Panel" }'] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('interrupted')), 400);
    const r = await cli(['run', suite, '--db', db, '--concurrency', '4'], { cwd: dir, env, signal: controller.signal });
    expect(r.code).toBe(130);
    const id = /Resume with: juror run --resume (\S+)/.exec(r.stderr)?.[1];
    expect(id).toMatch(/^r_/);
    let store = openSqliteStore(db);
    expect(store.getRun(id!)!.status).toBe('interrupted');
    const partial = store.getOutputs(id!).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(40);
    store.close();
    const again = await cli(['run', '--resume', '--db', db, '--concurrency', '20'], { cwd: dir, env });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`Resuming fixture (40 cases, ${partial} already done) as ${id}`);
    store = openSqliteStore(db);
    expect(store.getRun(id!)!.status).toBe('finished');
    expect(store.getOutputs(id!)).toHaveLength(40);
    store.close();
  });

  it('a database path that cannot be written: one line, exit 2, nothing half-written', async () => {
    const dir = tmp();
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const r = await cli(['run', 'suites/ticket-classify.yaml', '--db', join(blocker, 'j.db')], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`error: cannot create database directory for ${join(blocker, 'j.db')}`);
    expect(readFileSync(blocker, 'utf8')).toBe('x');
  });

  it('--rpm holds calls past the per-minute quota (a burst of N, then N/60 per second)', async () => {
    const dir = tmp();
    const db = join(dir, 'j.db');
    const s = await server();
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'test' };
    const suite = writeSuite(dir, { cases: ragCases(5), provider: 'openai:mock-model', judge: null, scorers: ['- contains: { value: "Panel" }'] });
    // --rpm 2: two calls go at once, the third would wait 30 s; stop the run after 1.5 s.
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('interrupted')), 1500);
    const r = await cli(['run', suite, '--db', db, '--concurrency', '5', '--no-cache', '--rpm', '2'], { cwd: dir, env, signal: controller.signal });
    expect(r.code).toBe(130);
    expect(s.stats().requests).toBe(2);
    const bad = await cli(['run', suite, '--db', db, '--rpm', '0'], { cwd: dir, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--rpm must be a whole number from 1 to 10000000, got "0"');
  });

  it('a 1,000-case run with a judge on the mock stores every output and score', async () => {
    const dir = tmp();
    const db = join(dir, 'j.db');
    const suite = writeSuite(dir, { cases: ragCases(1000) });
    const r = await cli(['run', suite, '--db', db, '--concurrency', '32'], { cwd: dir });
    expect(r.code).toBe(0);
    const store = openSqliteStore(db);
    const [run] = store.listRuns();
    expect(run!.summary).toMatchObject({ total: 1000, passed: 1000, errored: 0, unscored: 0 });
    const outputs = store.getOutputs(run!.id);
    expect(outputs).toHaveLength(1000);
    expect(outputs.every((o) => typeof o.output === 'string' && o.output.length > 0)).toBe(true);
    const scores = store.getScores(run!.id);
    expect(scores).toHaveLength(3000);
    expect(scores.every((sc) => sc.value !== null)).toBe(true);
    store.close();
  }, 60_000);
});
