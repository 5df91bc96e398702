import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { ROOT, cli, ragCases, useCleanups, writeSuite } from './support.js';

/**
 * `juror run --batch` through the CLI: OpenAI Batch API for the generations and Anthropic Message
 * Batches for the judge, against the mock server over HTTP; a kill -9 of the real process after
 * submission and `--resume`; the one-line refusals.
 */

const BIN = join(ROOT, 'bin/juror.js');
const N = 6;
const { tmp, server, defer } = useCleanups();

const envFor = (url: string) => ({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: `${url}/v1`, ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: url });

function outputsOf(db: string, runId: string) {
  const store = openSqliteStore(db);
  try {
    const scores = store.getScores(runId);
    return Object.fromEntries(
      store.getOutputs(runId).map((o) => [o.caseId, [o.output, o.error, scores.filter((s) => s.outputId === o.id).map((s) => [s.criterion, s.value]).sort()]]),
    );
  } finally {
    store.close();
  }
}

/** Run the real CLI in a child process and kill -9 it once it says it submitted a batch; its stderr. */
async function killedAfterSubmission(args: string[], cwd: string, env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  defer(() => child.kill('SIGKILL'));
  const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, signal) => res(signal)));
  let stderr = '';
  await new Promise<void>((res) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      if (/Submitted batch/.test(stderr)) res();
    });
    void exited.then(() => res());
  });
  child.kill('SIGKILL');
  expect(await exited, stderr).toBe('SIGKILL');
  return stderr;
}

/** A streaming run of N cases (OpenAI generations, Anthropic judge) to re-judge, on a mock whose batches stay in progress `looks` looks. */
async function judgedParent(looks: number) {
  const dir = tmp();
  const mock = await server({ batch: { inProgressLooks: looks } });
  const suite = writeSuite(dir, { cases: ragCases(N), provider: 'openai:gpt-4o-mini', judge: 'anthropic:claude-haiku-4-5' });
  const db = join(dir, 'j.db');
  const env = envFor(mock.url);
  const parent = await cli(['run', suite, '--db', db, '--json'], { cwd: dir, env });
  expect(parent.code, parent.stderr).toBe(0);
  return { dir, mock, db, env, parentId: JSON.parse(parent.stdout).runId as string };
}

describe('juror run --batch', () => {
  it('runs a suite through both batch APIs and states the batch price in the summary', async () => {
    const dir = tmp();
    const mock = await server({ batch: { inProgressLooks: 1 } });
    const suite = writeSuite(dir, { cases: ragCases(N), provider: 'openai:gpt-4o-mini', judge: 'anthropic:claude-haiku-4-5' });
    const r = await cli(['run', suite, '--batch', '--poll-interval', '1', '--db', join(dir, 'j.db')], { cwd: dir, env: envFor(mock.url) });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n');
    expect(lines.filter((l) => /^(Submitted|Batch) /.test(l)).map((l) => l.replace(/batch(_mock|msgbatch_mock)?_\d+|msgbatch_mock_\d+/, 'ID'))).toEqual([
      `Submitted batch ID to openai:gpt-4o-mini (generations, ${N} requests)`,
      `Batch ID completed: ${N} succeeded, 0 errored`,
      `Submitted batch ID to anthropic:claude-haiku-4-5 (judge calls, ${N} requests)`,
      `Batch ID ended: ${N} succeeded, 0 errored`,
    ]);
    expect(r.stdout).toMatch(/est\. cost\s+\$[\d.]+ at batch prices \(50% off list\)/);
    expect(r.stdout).toMatch(/batches\s+2\n/);
    expect(r.stdout).toMatch(/passed\s+6 /);
    expect(mock.stats().batches).toMatchObject({ created: 2, requests: 2 * N });
  });

  it('kill -9 after submission, then --resume: the stored batches are polled, nothing is sent twice, results equal an ordinary run', async () => {
    if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    const dir = tmp();
    // Long enough in progress that the kill lands while the child is waiting on its first batch.
    const mock = await server({ batch: { inProgressLooks: 5 } });
    const suite = writeSuite(dir, { cases: ragCases(N), provider: 'openai:gpt-4o-mini', judge: 'anthropic:claude-haiku-4-5' });
    const env = envFor(mock.url);
    const plain = await cli(['run', suite, '--db', join(dir, 'plain.db'), '--json'], { cwd: dir, env });
    expect(plain.code, plain.stderr).toBe(0);
    const plainRun = JSON.parse(plain.stdout).runId as string;
    mock.reset();

    const db = join(dir, 'batch.db');
    const stderr = await killedAfterSubmission(['run', suite, '--batch', '--poll-interval', '200', '--db', db], dir, env);
    const runId = /as (r_\S+)/.exec(stderr)![1]!;
    expect(mock.stats().batches.created).toBe(1);

    const resumed = await cli(['run', '--resume', runId, '--poll-interval', '1', '--db', db], { cwd: dir, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/Picking up batch batch_mock_\d+ on openai:gpt-4o-mini \(generations, 6 requests\)/);
    const { created, requests, byCustomId } = mock.stats().batches;
    expect([created, requests]).toEqual([2, 2 * N]);
    expect(Object.values(byCustomId).filter((n) => n > 1)).toEqual([]);
    expect(outputsOf(db, runId)).toEqual(outputsOf(join(dir, 'plain.db'), plainRun));
  }, 60_000);

  it('an expired batch: exit 3, the cases not run named, --resume submits only those', async () => {
    const dir = tmp();
    const mock = await server();
    mock.expireNextBatch(2);
    const suite = writeSuite(dir, { cases: ragCases(N), provider: 'openai:gpt-4o-mini', judge: 'anthropic:claude-haiku-4-5' });
    const db = join(dir, 'j.db');
    const first = await cli(['run', suite, '--batch', '--poll-interval', '1', '--db', db], { cwd: dir, env: envFor(mock.url) });
    expect(first.code, first.stderr).toBe(3);
    const runId = /as (r_\S+)/.exec(first.stderr)![1]!;
    expect(first.stderr).toMatch(/Batch batch_mock_\d+ expired: 2 succeeded, 0 errored, 4 did not run\n/);
    expect(first.stderr).toContain(`4 cases not run: their batch ended before every request ran (expired after the 24 h window, or cancelled); juror run --resume ${runId} submits only those requests again\n`);
    expect(first.stdout).toMatch(/not run\s+4\n/);
    const resumed = await cli(['run', '--resume', runId, '--poll-interval', '1', '--db', db], { cwd: dir, env: envFor(mock.url) });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/Submitted batch batch_mock_\d+ to openai:gpt-4o-mini \(generations, 4 requests\)/);
    expect(Object.values(mock.stats().batches.byCustomId).filter((n) => n === 2)).toHaveLength(4);
  });

  it('a matrix with --batch: one batch per provider spanning its columns, 2 prompts × 2 providers × 10 cases = 40 requests, results equal the streaming matrix', async () => {
    const dir = tmp();
    const mock = await server({ batch: { inProgressLooks: 1 } });
    // the judge is the in-process mock (its own in-memory batches): the server sees the system under test alone
    const suite = writeSuite(dir, { cases: ragCases(10) });
    writeFileSync(join(dir, 'a.hbs'), 'Context:\n{{numbered context}}\n\nQuestion: {{question}}\nAnswer:');
    writeFileSync(join(dir, 'b.hbs'), 'Answer briefly from the context.\n\nContext:\n{{numbered context}}\n\nQuestion: {{question}}\nAnswer:');
    const args = ['run', suite, '--provider', 'openai:gpt-4o-mini,anthropic:claude-haiku-4-5', '--prompt', 'a.hbs', '--prompt', 'b.hbs', '--no-cache'];
    const env = envFor(mock.url);
    const plain = await cli([...args, '--db', join(dir, 'plain.db'), '--json'], { cwd: dir, env });
    expect(plain.code, plain.stderr).toBe(0);
    expect(mock.stats().requests).toBe(40);
    mock.reset();

    const db = join(dir, 'batch.db');
    const r = await cli([...args, '--batch', '--poll-interval', '1', '--db', db, '--json'], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const submitted = r.stderr.split('\n').filter((l) => l.startsWith('Submitted')).map((l) => l.replace(/(msgbatch_mock|batch_mock)_\d+/, 'ID'));
    expect(submitted).toEqual([
      'Submitted batch ID to openai:gpt-4o-mini (generations, 20 requests)',
      'Submitted batch ID to anthropic:claude-haiku-4-5 (generations, 20 requests)',
      // the mock answers every cell of a case alike, so the 40 judge calls are 10 distinct requests, each sent once
      'Submitted batch ID to mock (judge calls, 10 requests)',
    ]);
    expect(mock.stats().batches).toMatchObject({ created: 2, requests: 40 });
    expect(Object.values(mock.stats().batches.byCustomId).every((n) => n === 1)).toBe(true);
    // nothing one by one
    expect(mock.stats().requests).toBe(40);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toMatchObject({ total: 40, passed: 40, batch: { batches: 3, discount: 0.5 } });
    expect(doc.columns.map((c: { provider: string; prompt: string; summary: { total: number } }) => [c.provider, c.prompt, c.summary.total])).toEqual([
      ['openai:gpt-4o-mini', 'a.hbs', 10],
      ['anthropic:claude-haiku-4-5', 'a.hbs', 10],
      ['openai:gpt-4o-mini', 'b.hbs', 10],
      ['anthropic:claude-haiku-4-5', 'b.hbs', 10],
    ]);
    const cells = (file: string, runId: string) => {
      const store = openSqliteStore(file);
      try {
        const scores = store.getScores(runId);
        return store
          .getOutputs(runId)
          .map((o) => [`${o.col} ${o.caseId}`, o.provider, o.promptLabel, o.output, scores.filter((x) => x.outputId === o.id).map((x) => [x.criterion, x.value]).sort()])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      } finally {
        store.close();
      }
    };
    const batched = cells(db, doc.runId);
    expect(batched).toHaveLength(40);
    expect(batched).toEqual(cells(join(dir, 'plain.db'), JSON.parse(plain.stdout).runId));
  });

  it('juror judge --batch: the judge calls of stored outputs in one batch, at batch prices, scores equal a streaming juror judge', async () => {
    const { dir, mock, db, env, parentId } = await judgedParent(1);
    const plain = await cli(['judge', '--run', parentId, '--judge', 'openai:gpt-4o-mini', '--no-cache', '--db', db, '--json'], { cwd: dir, env });
    expect(plain.code, plain.stderr).toBe(0);
    mock.reset();

    const r = await cli(['judge', '--run', parentId, '--judge', 'openai:gpt-4o-mini', '--no-cache', '--batch', '--poll-interval', '1', '--db', db, '--json'], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`Judging ${N} outputs of ${parentId} with openai:gpt-4o-mini through its batch API as j_`));
    expect(r.stderr).toMatch(new RegExp(`Submitted batch batch_mock_\\d+ to openai:gpt-4o-mini \\(judge calls, ${N} requests\\)`));
    expect(mock.stats().batches).toMatchObject({ created: 1, requests: N });
    expect(mock.stats().requests).toBe(N); // the system under test is not called; the judge only through the batch
    const [a, b] = [JSON.parse(plain.stdout), JSON.parse(r.stdout)];
    expect(b.summary.batch).toEqual({ batches: 1, discount: 0.5 });
    expect(a.summary.costUsd).toBeGreaterThan(0);
    expect(Math.abs(b.summary.costUsd - a.summary.costUsd / 2)).toBeLessThanOrEqual(1e-6);
    const scores = (doc: { cases: Array<{ caseId: string; scores: Array<{ criterion: string; value: number | null }> }> }) =>
      Object.fromEntries(doc.cases.map((c) => [c.caseId, c.scores.map((s) => [s.criterion, s.value]).sort()]));
    expect(scores(b)).toEqual(scores(a));
    expect(b.summary).toMatchObject({ total: N, passed: N });
  });

  it('juror judge --batch killed -9 after submission, then juror judge --resume: the stored batch is polled, nothing is sent twice', async () => {
    if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    const { dir, mock, db, env, parentId } = await judgedParent(5);
    const parentScores = outputsOf(db, parentId);
    mock.reset();

    const stderr = await killedAfterSubmission(['judge', '--run', parentId, '--no-cache', '--batch', '--poll-interval', '200', '--db', db], dir, env);
    const judgeRun = /as (j_\S+)/.exec(stderr)![1]!;
    expect(mock.stats().batches).toMatchObject({ created: 1, requests: N });

    const resumed = await cli(['judge', '--resume', judgeRun, '--poll-interval', '1', '--db', db], { cwd: dir, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`Resuming ${N} outputs of ${parentId} with anthropic:claude-haiku-4-5 through its batch API as ${judgeRun}`);
    expect(resumed.stderr).toMatch(/Picking up batch msgbatch_mock_\d+ on anthropic:claude-haiku-4-5 \(judge calls, 6 requests\)/);
    expect(resumed.stdout).toMatch(/at batch prices \(50% off list\)/);
    expect(mock.stats().batches).toMatchObject({ created: 1, requests: N });
    expect(mock.stats().requests).toBe(N);
    // the same judge as the parent's, so the same scores on the same outputs
    const store = openSqliteStore(db);
    try {
      const scores = store.getScores(judgeRun);
      const outputs = store.getOutputs(parentId);
      const byCase = Object.fromEntries(outputs.map((o) => [o.caseId, scores.filter((s) => s.outputId === o.id).map((s) => [s.criterion, s.value]).sort()]));
      expect(byCase).toEqual(Object.fromEntries(Object.entries(parentScores).map(([k, v]) => [k, v[2]])));
      expect(store.getRun(judgeRun)!.status).toBe('finished');
    } finally {
      store.close();
    }
    const again = await cli(['judge', '--resume', judgeRun, '--db', db], { cwd: dir, env });
    expect([again.code, again.stderr.trim()]).toEqual([2, `error: run "${judgeRun}" already finished; nothing to resume`]);
  }, 60_000);

  it('juror judge --batch whose batch expires: exit 3, the outputs not judged named with juror judge --resume, which sends only those', async () => {
    const { dir, mock, db, env, parentId } = await judgedParent(0);
    mock.reset();
    mock.expireNextBatch(2);
    const first = await cli(['judge', '--run', parentId, '--no-cache', '--batch', '--poll-interval', '1', '--db', db], { cwd: dir, env });
    expect(first.code, first.stderr).toBe(3);
    const judgeRun = /as (j_\S+)/.exec(first.stderr)![1]!;
    expect(first.stderr).toContain(`4 cases not run: their batch ended before every request ran (expired after the 24 h window, or cancelled); juror judge --resume ${judgeRun} submits only those requests again\n`);
    expect(first.stderr).toContain(`Interrupted. Resume with: juror judge --resume ${judgeRun}\n`);
    const resumed = await cli(['judge', '--resume', judgeRun, '--poll-interval', '1', '--db', db, '--json'], { cwd: dir, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`Resuming ${N} outputs of ${parentId} with anthropic:claude-haiku-4-5 through its batch API, 2 already done as ${judgeRun}`);
    expect(resumed.stderr).toMatch(/Submitted batch msgbatch_mock_\d+ to anthropic:claude-haiku-4-5 \(judge calls, 4 requests\)/);
    const counts = Object.values(mock.stats().batches.byCustomId);
    expect([counts.filter((n) => n === 1).length, counts.filter((n) => n === 2).length]).toEqual([2, 4]);
    expect(JSON.parse(resumed.stdout).summary).toMatchObject({ total: N, passed: N, batch: { batches: 2, discount: 0.5 } });
  });

  it('refuses, in one line and before the run exists, a provider or server without a batch API', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'answers.jsonl'), ragCases(2).map((c) => JSON.stringify({ id: c.id, output: 'x' })).join('\n') + '\n');
    const suite = writeSuite(dir, { cases: ragCases(2), provider: 'replay:answers.jsonl', judge: 'mock' });
    const replay = await cli(['run', suite, '--batch', '--db', join(dir, 'j.db')], { cwd: dir });
    expect(replay.code).toBe(2);
    expect(replay.stderr.trim()).toBe('error: --batch: replay:answers.jsonl has no batch API (only openai:, anthropic: and the built-in mock have one); run without --batch');

    const bare = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"404 page not found"}}');
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    defer(() => new Promise((r) => bare.close(r)));
    const url = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/v1`;
    const ollama = await cli(['run', suite, '--batch', '--provider', 'openai:llama3.1:8b', '--db', join(dir, 'k.db')], { cwd: dir, env: { OPENAI_BASE_URL: url } });
    expect(ollama.code).toBe(2);
    expect(ollama.stderr.trim()).toBe(`error: openai:llama3.1:8b: the server at ${url} has no batch API (GET /batches answered 404); run without --batch`);
    const store = openSqliteStore(join(dir, 'k.db'));
    expect(store.listRuns()).toEqual([]);
    store.close();
  });
});
