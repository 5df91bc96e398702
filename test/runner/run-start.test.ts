import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Usage } from '../../src/core/score.js';
import { loadSuite } from '../../src/loader/load-suite.js';
import { createOpenAIProvider } from '../../src/providers/openai/openai-provider.js';
import { planFromSuite } from '../../src/runner/plan-from-suite.js';
import { runSuite, type RunOptions } from '../../src/runner/run-suite.js';
import { newCounters, wrapProvider } from '../../src/runner/wrap-providers.js';
import { buildScorers } from '../../src/scorers/registry.js';
import { harness, makeCases, ROOT, type Harness } from './support.js';

/**
 * `juror judge` goes through runSuite with the parent's stored outputs as the generation source
 * (run-start.ts startJudgeRun). What used to drift in the separate re-judge loop: pass rules,
 * cost, cancellation, batched writes.
 */
describe('a judge run (stored outputs as the generation source)', () => {
  let h: Harness;
  const suite = loadSuite(join(ROOT, 'test/fixtures/runner/rag-rubric.yaml'));
  // Judge tokens at $1 per million in and $2 out, the system under test at $10 / $20.
  const judgePrice = (u: Usage) => (u.inputTokens * 1 + u.outputTokens * 2) / 1e6;
  // A second panel judge at five times the first's price: re-pricing at the first's model would undercount.
  const estimateCost = (model: string, u: Usage) =>
    model === 'mock-judge' ? judgePrice(u) : model === 'mock-judge-b' ? 5 * judgePrice(u) : model === 'mock-model' ? (u.inputTokens * 10 + u.outputTokens * 20) / 1e6 : null;

  beforeAll(async () => {
    h = await harness();
  });
  afterAll(async () => h.close());

  /** A run of `cases`, or a judge run of `parent`'s outputs, with fresh providers and no cache. */
  async function go(opts: Partial<RunOptions> & { cases?: ReturnType<typeof makeCases>; judgeModel?: string; panel?: string[] }) {
    const counters = newCounters();
    const raw = createOpenAIProvider({ model: 'mock-model', apiKey: 'test', baseURL: `${h.server.url}/v1` });
    const judgeOf = (model: string) => wrapProvider(createOpenAIProvider({ model, apiKey: 'test', baseURL: `${h.server.url}/v1` }), { store: h.store, cache: false, counters });
    const judge = judgeOf(opts.panel?.[0] ?? opts.judgeModel ?? 'mock-judge');
    const panel = opts.panel && { members: opts.panel.map((m, i) => ({ spec: `openai:${m}`, provider: i === 0 ? judge : judgeOf(m) })) };
    const plan = planFromSuite(suite, buildScorers(suite, { judge, ...(panel ? { panel } : {}) }), opts.cases ?? []);
    return runSuite(plan, { providerSpec: 'openai:mock-model', judgeSpec: 'openai:mock-judge', concurrency: 4, ...opts }, {
      store: h.store,
      provider: opts.reuseOutputsOf ? undefined : wrapProvider(raw, { store: h.store, cache: false, counters }),
      counters,
      estimateCost,
      judgeModel: judge.model,
    });
  }

  it("decides by the suite's pass rules, scores every output once, and costs only the judge calls", async () => {
    // Expected values the mock cannot contain: `contains` fails everywhere, yet the pass rules name
    // only the rubric criteria, so cases pass. The old re-judge loop decided "every score must pass".
    const cases = makeCases(12).map((c) => ({ ...c, expected: `${c.expected} (nowhere in the answer)` }));
    const parent = await go({ cases });
    expect(parent.summary.passed).toBe(12);
    const before = h.server.stats().requests;
    const judged = await go({ reuseOutputsOf: parent.runId });
    expect(h.server.stats().requests - before).toBe(12); // one judge call per output, no generation
    expect(judged.status).toBe('finished');
    expect(judged.summary).toMatchObject({ total: 12, passed: 12, failed: 0, unscored: 0 });
    expect(judged.summary.meanByCriterion.contains).toBe(0);
    const run = h.store.getRun(judged.runId)!;
    expect(run).toMatchObject({ kind: 'judge', parentRunId: parent.runId });

    // Per case: the parent paid system + judge; the judge run pays the judge call alone, priced the same way.
    const parentOutputs = h.store.getOutputs(parent.runId);
    const judgeScores = h.store.getScores(judged.runId);
    expect(judgeScores).toHaveLength(12 * 3);
    let judgeTotal = 0;
    for (const o of parentOutputs) {
      const js = judgeScores.find((s) => s.outputId === o.id && s.scorer === 'rubric')!;
      judgeTotal += judgePrice(js.meta!.usage as Usage);
      const parentJudge = h.store.getScores(parent.runId).find((s) => s.outputId === o.id && s.scorer === 'rubric')!;
      const system = (o.usage.inputTokens * 10 + o.usage.outputTokens * 20) / 1e6;
      // the mock judge answers the same prompt with the same tokens: the parent's judge share equals the re-judge's
      expect(o.costUsd! - system).toBeCloseTo(judgePrice(parentJudge.meta!.usage as Usage), 12);
    }
    expect(judged.summary.costUsd).toBeCloseTo(judgeTotal, 6);
    expect(judged.summary.usage).toEqual({ inputTokens: 0, outputTokens: 0 }); // nothing generated
    // A judge model without a price makes the cost unknown, not 0 (the run's rule too).
    const unpriced = await go({ reuseOutputsOf: parent.runId, judgeModel: 'no-price-model' });
    expect(unpriced.summary.costUsd).toBeNull();
  });

  it('a Ctrl-C stops scheduling, stores only whole results, and marks the judge run interrupted', async () => {
    const parent = await go({ cases: makeCases(40, 'ab') });
    const ctl = new AbortController();
    let seen = 0;
    const judged = await go({
      reuseOutputsOf: parent.runId,
      concurrency: 2,
      signal: ctl.signal,
      graceMs: 0,
      onResult: () => {
        if (++seen === 5) ctl.abort(new Error('Ctrl-C'));
      },
    });
    expect(judged.status).toBe('interrupted');
    expect(h.store.getRun(judged.runId)!.status).toBe('interrupted');
    const byOutput = new Map<number, number>();
    for (const s of h.store.getScores(judged.runId)) byOutput.set(s.outputId, (byOutput.get(s.outputId) ?? 0) + 1);
    // finished results were flushed (batched writes), each whole: contains + 2 rubric criteria
    expect(byOutput.size).toBeGreaterThanOrEqual(5);
    expect(byOutput.size).toBeLessThan(40);
    expect([...byOutput.values()].every((n) => n === 3)).toBe(true);
    expect(judged.summary.total).toBe(byOutput.size);

    // Resumed: only the outputs without scores are judged, and the whole run's figures equal an
    // uninterrupted judge run's (the stored scores' judge usage re-priced for the summary).
    const before = h.server.stats().requests;
    const resumed = await go({ reuseOutputsOf: parent.runId, resumeRunId: judged.runId });
    expect(h.server.stats().requests - before).toBe(40 - byOutput.size);
    expect(resumed.runId).toBe(judged.runId);
    expect(resumed.status).toBe('finished');
    const whole = await go({ reuseOutputsOf: parent.runId });
    const { durationMs: _a, latencyP50Ms: _b, latencyP95Ms: _c, ...r } = resumed.summary;
    const { durationMs: _d, latencyP50Ms: _e, latencyP95Ms: _f, ...w } = whole.summary;
    expect(r).toEqual(w);
    expect(r.costUsd).toBeGreaterThan(0);
    const perOutput = (id: string) => h.store.getScores(id).map((x) => [x.outputId, x.criterion, x.value]).sort();
    expect(perOutput(resumed.runId)).toEqual(perOutput(whole.runId));
    await expect(go({ reuseOutputsOf: parent.runId, resumeRunId: resumed.runId })).rejects.toThrow(`run "${resumed.runId}" already finished; nothing to resume`);
    await expect(go({ reuseOutputsOf: parent.runId, resumeRunId: parent.runId })).rejects.toThrow(`run "${parent.runId}" is not a judge run of ${parent.runId}`);
  });

  it("a resumed panel judge run prices each member's stored calls at that member's model: its cost equals an uninterrupted run's", async () => {
    const parent = await go({ cases: makeCases(12, 'pn') });
    const panel = ['mock-judge', 'mock-judge-b'];
    const ctl = new AbortController();
    let seen = 0;
    const judged = await go({ reuseOutputsOf: parent.runId, panel, concurrency: 1, signal: ctl.signal, graceMs: 0, onResult: () => void (++seen === 8 && ctl.abort(new Error('Ctrl-C'))) });
    expect(judged.status).toBe('interrupted');
    const resumed = await go({ reuseOutputsOf: parent.runId, resumeRunId: judged.runId, panel });
    expect(resumed.status).toBe('finished');
    const whole = await go({ reuseOutputsOf: parent.runId, panel });
    // Independently: every member verdict's stored usage at its own model's price.
    let expected = 0;
    for (const s of h.store.getScores(whole.runId)) {
      if (s.criterion !== 'rubric.faithfulness') continue;
      for (const v of s.panel!) expected += (v.judge === 'openai:mock-judge' ? 1 : 5) * judgePrice(v.meta!.usage as Usage);
    }
    expect(whole.summary.costUsd).toBeCloseTo(expected, 9);
    expect(resumed.summary.costUsd).toBeCloseTo(expected, 9);
    expect(resumed.summary.judgeUsage).toEqual(whole.summary.judgeUsage);
  });

  it('refuses to judge a judge run, and needs a provider unless outputs are reused', async () => {
    const parent = await go({ cases: makeCases(2, 'r') });
    const judged = await go({ reuseOutputsOf: parent.runId });
    await expect(go({ reuseOutputsOf: judged.runId })).rejects.toThrow(/is a judge run; judge the suite run it re-scored/);
    const plan = planFromSuite(suite, [], []);
    await expect(runSuite(plan, { providerSpec: 'x' }, { store: h.store, counters: newCounters() })).rejects.toThrow(/a provider for the system under test/);
  });
});

/**
 * `juror run` streams a suite's case files (loadSuite's streamCases, run-start.ts): the cases are
 * read case by case, twice (select and check; then store), and the jobs read them back from the
 * Store one at a time. Everything a run records must equal the same run from an in-memory list.
 */
describe('a new run of streamed cases', () => {
  let h: Harness;
  let dir: string;
  const cases = makeCases(40);

  beforeAll(async () => {
    h = await harness();
    dir = h.dir;
    writeFileSync(join(dir, 'cases.jsonl'), cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
    writeFileSync(join(dir, 'bad.jsonl'), `${JSON.stringify(cases[0])}\n{"id": "c1", "vars": {}\n`);
    const suite = (file: string) => [
      'name: streamed', `prompt: ${join(ROOT, 'prompts/rag-answer.hbs')}`, `cases: ${file}`, 'provider: mock',
      'judge:', '  provider: mock', `  rubric: ${join(ROOT, 'rubrics/faithfulness.yaml')}`,
      'scorers:', '  - contains: { value: "{{expected}}", ignore_case: true }', '  - rubric: faithfulness',
    ].join('\n') + '\n';
    writeFileSync(join(dir, 'suite.yaml'), suite('cases.jsonl'));
    writeFileSync(join(dir, 'bad.yaml'), suite('bad.jsonl'));
    writeFileSync(join(dir, 'empty.jsonl'), '// no cases yet\n');
    writeFileSync(join(dir, 'empty.yaml'), suite('empty.jsonl'));
  });
  afterAll(async () => h.close());

  async function go(file: string, streamCases: boolean, opts: Partial<RunOptions> = {}) {
    const counters = newCounters();
    const suite = loadSuite(join(dir, file), { streamCases });
    const raw = createOpenAIProvider({ model: 'mock-model', apiKey: 'test', baseURL: `${h.server.url}/v1` });
    const judge = wrapProvider(createOpenAIProvider({ model: 'mock-judge', apiKey: 'test', baseURL: `${h.server.url}/v1` }), { store: h.store, cache: false, counters });
    const plan = planFromSuite(suite, buildScorers(suite, { judge }));
    const result = await runSuite(plan, { providerSpec: 'openai:mock-model', judgeSpec: 'openai:mock-judge', concurrency: 4, ...opts }, {
      store: h.store, provider: wrapProvider(raw, { store: h.store, cache: false, counters }), counters, judgeModel: judge.model,
    });
    return { suite, plan, result };
  }

  const record = (runId: string) => ({
    cases: h.store.getPositionedCases(runId),
    outputs: h.store.getOutputs(runId).map((o) => [o.caseId, o.output]).sort(),
    shard: h.store.getRun(runId)!.config.shard,
  });

  it('holds no case list, and stores and runs exactly what an in-memory run does (filter and shard too)', async () => {
    const opts = { filter: 'billing,sync', shard: { index: 1, count: 2 } };
    const streamed = await go('suite.yaml', true, opts);
    expect(streamed.suite.cases).toEqual([]);
    expect(streamed.plan.cases).toEqual([]);
    const listed = await go('suite.yaml', false, opts);
    expect(listed.suite.cases).toHaveLength(40);
    const a = record(streamed.result.runId);
    const b = record(listed.result.runId);
    expect(a).toEqual(b);
    // 10 cases carry billing or sync; the shard keeps a hash-chosen part of them, in suite positions
    expect(a.cases.length).toBeGreaterThan(0);
    expect(a.cases.length).toBeLessThan(10);
    expect(a.cases.every((c) => c.case.tags.some((t) => t === 'billing' || t === 'sync'))).toBe(true);
    expect(a.shard).toMatchObject({ index: 1, count: 2, suiteCases: 40 });
    // timing aside (latency and duration are the clock's), the summaries are the same
    const untimed = ({ durationMs: _d, latencyP50Ms: _p50, latencyP95Ms: _p95, ...rest }: typeof streamed.result.summary) => rest;
    expect(untimed(streamed.result.summary)).toEqual(untimed(listed.result.summary));
  });

  it('a bad case line or an unknown tag stops the run before it exists, with the messages of a loaded suite', async () => {
    const runs = h.store.listRuns().length;
    const requests = h.server.stats().requests;
    await expect(go('bad.yaml', true)).rejects.toThrow(/bad\.jsonl:2: malformed JSON line/);
    expect(() => loadSuite(join(dir, 'bad.yaml'))).toThrow(/bad\.jsonl:2: malformed JSON line/);
    await expect(go('empty.yaml', true)).rejects.toThrow(/empty\.yaml:3: the suite has no cases/);
    const unknown = await go('suite.yaml', true, { filter: 'biling' }).catch((e: Error) => e.message);
    const loaded = await go('suite.yaml', false, { filter: 'biling' }).catch((e: Error) => e.message);
    expect(unknown).toMatch(/--filter biling: no case has the tag "biling".*did you mean "billing"/);
    expect(unknown).toBe(loaded);
    expect(h.store.listRuns()).toHaveLength(runs);
    expect(h.server.stats().requests).toBe(requests);
  });
});
