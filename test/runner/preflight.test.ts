/**
 * Pre-flight: every prompt is rendered and every scorer's inputs checked before the first provider
 * call. Real OpenAI SDK over HTTP to the mock server; "no call made" is counted at the server.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/core/case.js';
import { ConfigError } from '../../src/core/errors.js';
import { preflight } from '../../src/runner/preflight.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { cli, ragCases, writeSuite, useCleanups } from '../cli/support.js';

const { tmp, server } = useCleanups();

describe('preflight()', () => {
  const c = (id: string, expected?: string): Case => ({ id, vars: {}, tags: [], ...(expected ? { expected } : {}) });
  it('passes when every case renders and every check passes', () => {
    expect(() => preflight({ render: () => [], scorers: [{ name: 's', score: async () => [], check: () => {} }] }, [c('a'), c('b')])).not.toThrow();
  });
  it('reports the first problem and how many cases share one', () => {
    const check = (x: Case) => {
      if (!x.expected) throw new ConfigError(`case "${x.id}" has no expected`, 'suite.yaml:9');
    };
    let err: unknown;
    try {
      preflight({ render: () => [], scorers: [{ name: 's', score: async () => [], check }] }, [c('a', 'x'), c('b'), c('c'), c('d')]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe('suite.yaml:9: case "b" has no expected (and 2 more cases); nothing was sent to the provider');
  });
});

describe('juror run refuses a suite with a mistake before any call (exit 2, one line)', () => {
  it('a prompt variable one case lacks: names the template, the variable and the case; the server got 0 requests', async () => {
    const dir = tmp();
    const s = await server();
    const cases = ragCases(30);
    delete (cases[7]!.vars as Record<string, unknown>).question;
    const suite = writeSuite(dir, { cases, provider: 'openai:mock-model', judge: 'openai:mock-judge' });
    const db = join(dir, 'j.db');
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'k' };
    const r = await cli(['run', suite, '--db', db], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(s.stats().requests).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([`error: ${join(dir, 'answer.hbs')}: missing variable "question" (case "q7"); nothing was sent to the provider`]);
    expect(r.stdout).toBe('');
    const store = openSqliteStore(db);
    expect(store.listRuns()).toEqual([]); // no half-made run left behind
    store.close();
  });

  it('a check that needs `expected` on a case without one: names the suite line, the scorer and the case', async () => {
    const dir = tmp();
    const s = await server();
    const cases = ragCases(5);
    delete cases[2]!.expected;
    delete cases[4]!.expected;
    const suite = writeSuite(dir, { cases, provider: 'openai:mock-model', judge: null, scorers: ['- exact'] });
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'k' };
    const r = await cli(['run', suite, '--db', join(dir, 'j.db')], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(s.stats().requests).toBe(0);
    expect(r.stderr.trim()).toBe(`error: ${suite}:6: exact: case "q2" has no "expected" value to compare against (and 1 more case); nothing was sent to the provider`);
  });

  it('a numeric check whose expected value has no number', async () => {
    const dir = tmp();
    const cases = [{ id: 'n1', vars: { question: 'How many?' }, context: ['Three.'], expected: 'three' }];
    const suite = writeSuite(dir, { cases, judge: null, scorers: ['- numeric'] });
    const r = await cli(['run', suite, '--db', join(dir, 'j.db')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`error: ${suite}:6: numeric: case "n1" has no number to compare against (expected "three"); nothing was sent to the provider`);
  });

  it('a scorer value template naming a variable a case lacks', async () => {
    const dir = tmp();
    const suite = writeSuite(dir, { cases: ragCases(3), judge: null, scorers: ['- contains: { value: "{{vars.keyword}}" }'] });
    const r = await cli(['run', suite, '--db', join(dir, 'j.db')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(new RegExp(`^error: ${suite.replace(/[.]/g, '\\.')}:6 \\(contains value\\): missing variable "vars\\.keyword" \\(case "q0"\\) \\(and 2 more cases\\); nothing was sent to the provider$`));
  });
});
