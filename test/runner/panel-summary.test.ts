import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Rubric } from '../../src/core/rubric.js';
import type { CompletionRequest, Provider } from '../../src/providers/provider.js';
import { panelSection } from '../../src/reporters/html-panel.js';
import { panelRows } from '../../src/reporters/panel-text.js';
import { withCache } from '../../src/runner/cache.js';
import { runSuite } from '../../src/runner/run-suite.js';
import { newCounters } from '../../src/runner/wrap-providers.js';
import { createPanelScorer } from '../../src/scorers/judge/judge-panel.js';
import { decideCase } from '../../src/scorers/thresholds.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';

/**
 * A panel of three scripted judges (j1, j2, j3) on 5 outputs, an ordinal and a nominal criterion;
 * j2 gives no usable verdict on output c2. Rows are [j1, j2, j3] per output.
 *
 * Reference values: test/fixtures/scripts/krippendorff-alpha-retest.py (Krippendorff's alpha in
 * exact fractions from the coincidence matrix, written independently of src/stats, reproducing
 * Krippendorff 2011's example: nominal 0.743, ordinal 0.815): ordinal 9131/12264 = 0.744537,
 * nominal 11/24 = 0.458333.
 */
const FAITH: Array<Array<number | null>> = [[5, 4, 5], [2, 2, 3], [4, null, 4], [1, 2, 1], [3, 3, 5]];
const CORRECT: Array<Array<number | null>> = [[0, 0, 1], [1, 1, 1], [0, null, 0], [1, 0, 1], [0, 0, 0]];
const CHOICES = ['yes', 'no'];
const RUBRIC: Rubric = {
  name: 'panel',
  criteria: [
    { name: 'faithfulness', question: 'Supported?', scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] }, anchors: {}, pass: 4 },
    { name: 'correct', question: 'Correct?', scale: { type: 'nominal', choices: CHOICES }, anchors: {}, pass: 'yes' },
  ],
};
/** USD per judge call (1,000 input tokens each): every member's calls must be paid for. */
const PRICE: Record<string, number> = { j1: 1, j2: 10, j3: 100 };

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function scriptedJudge(name: string, j: number, calls: Map<string, number>, hang = false): Provider {
  return {
    id: name,
    model: name,
    async complete(req: CompletionRequest, opts?: { signal?: AbortSignal }) {
      if (hang) {
        // never answers: stands for a judge whose call was in flight when the process died
        return new Promise((_, reject) => opts?.signal?.addEventListener('abort', () => reject(opts.signal!.reason), { once: true }));
      }
      calls.set(name, (calls.get(name) ?? 0) + 1);
      const i = Number(req.meta!.caseId!.slice(1));
      const usage = { inputTokens: 1000, outputTokens: 10 };
      const f = FAITH[i]![j]!;
      const c = CORRECT[i]![j]!;
      if (f === null || c === null) return { text: 'I would rather not say.', usage, latencyMs: 1, model: name };
      const verdict = { faithfulness: { reasoning: `${name} on c${i}`, score: f }, correct: { reasoning: `${name} on c${i}`, score: CHOICES[c] } };
      return { text: JSON.stringify(verdict), structured: verdict, usage, latencyMs: 1, model: name };
    },
  };
}

const system: Provider = { id: 'sys', model: 'sys', complete: async () => ({ text: 'an answer', usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, model: 'sys' }) };

function plan(store: Store, members: Provider[]) {
  return {
    suiteName: 'panel', suitePath: null, params: {},
    cases: FAITH.map((_, i) => ({ id: `c${i}`, vars: { question: `q${i}` }, tags: [] })),
    render: () => [{ role: 'user' as const, content: 'q' }],
    scorers: [createPanelScorer({ rubric: RUBRIC, members: members.map((p) => ({ spec: p.id, provider: withCache(p, store) })) })],
    decide: (scores: Parameters<typeof decideCase>[1]) => decideCase([], scores),
  };
}

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'juror-panel-'));
  dirs.push(dir);
  return join(dir, 'juror.db');
}

const deps = (store: Store) => ({ store, provider: system, counters: newCounters(), estimateCost: (model: string, u: { inputTokens: number }) => (PRICE[model] ?? 0) * (u.inputTokens / 1000) });

describe('runSuite with a judge panel of 3', () => {
  it('stores one score per criterion (the aggregate) with each judge verdict beside it, counts every call, and summarises each judge and their alpha', async () => {
    const path = tempDb();
    const store = openSqliteStore(path);
    const calls = new Map<string, number>();
    const judges = [0, 1, 2].map((j) => scriptedJudge(`j${j + 1}`, j, calls));
    const res = await runSuite(plan(store, judges), { providerSpec: 'sys', judgeSpec: 'j1,j2,j3' }, deps(store));
    expect([...calls.values()]).toEqual([5, 5, 5]);

    const scores = store.getScores(res.runId);
    const faith = scores.filter((s) => s.criterion === 'rubric.faithfulness');
    const correct = scores.filter((s) => s.criterion === 'rubric.correct');
    expect(scores).toHaveLength(10); // 5 outputs x 2 criteria: the members are not scores of their own
    expect(faith.map((s) => s.value)).toEqual([4.6667, 2.3333, 4, 1.3333, 3.6667]); // 14/3, 7/3, 8/2, 4/3, 11/3
    expect(faith.map((s) => s.passed)).toEqual([true, false, true, false, false]);
    expect(correct.map((s) => s.label ?? null)).toEqual(['yes', 'no', 'yes', 'no', 'yes']);
    expect(faith.map((s) => s.panel!.map((v) => v.value))).toEqual(FAITH);
    expect(faith[2]!.panel![1]).toMatchObject({ judge: 'j2', value: null });
    expect(faith[0]!.panel!.map((v) => v.judge)).toEqual(['j1', 'j2', 'j3']);
    const db = new Database(path, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) FROM scores WHERE run_id = ?').pluck().get(res.runId)).toBe(10);
      expect(db.prepare('SELECT COUNT(*) FROM judge_scores').pluck().get()).toBe(30);
      expect(db.prepare("SELECT judge, value FROM judge_scores WHERE position = 2 ORDER BY score_id LIMIT 1").get()).toEqual({ judge: 'j3', value: 5 });
    } finally {
      db.close();
    }

    const s = res.summary;
    // the criterion's mean is over the aggregates: (14/3 + 7/3 + 4 + 4/3 + 11/3) / 5 = 3.2
    expect(s.meanByCriterion['rubric.faithfulness']).toBe(3.2);
    expect(s.judgeUsage).toEqual({ inputTokens: 15_000, outputTokens: 150 });
    expect(s.costUsd).toBe(5 * (1 + 10 + 100)); // every member's calls, j2's unusable one too
    const [c, f] = s.panel!.criteria;
    expect(s.panel!.judges).toEqual(['j1', 'j2', 'j3']);
    expect(f).toMatchObject({ criterion: 'rubric.faithfulness', level: 'ordinal', aggregate: 'mean', outputs: 5, panel: { mean: 3.2, n: 5 } });
    // the panel's interval is the criterion's, as the summary's means give it
    expect(f!.panel.ci95).toEqual(s.ciByCriterion!['rubric.faithfulness']!.ci95);
    expect(f!.members.map((m) => [m.judge, m.mean, m.n, m.unscored])).toEqual([['j1', 3, 5, 0], ['j2', 2.75, 4, 1], ['j3', 3.6, 5, 0]]);
    for (const m of [f!.panel, ...f!.members]) {
      expect(m.ci95![0]).toBeGreaterThanOrEqual(1); // bounded by the scale
      expect(m.ci95![1]).toBeLessThanOrEqual(5);
      expect(m.ci95![0]).toBeLessThan(m.mean!);
    }
    expect(f!.alpha.value).toBeCloseTo(9131 / 12264, 4);
    expect(c).toMatchObject({ criterion: 'rubric.correct', level: 'nominal', aggregate: 'majority' });
    // A nominal criterion has no mean: each choice's share with its Wilson 95% interval. References:
    // the Wilson (1927) score interval in Python (z = 1.959964), equal to statsmodels
    // proportion_confint(method='wilson'): 3/5 [0.2307, 0.8824], 2/5 [0.1176, 0.7693], 3/4 [0.3006, 0.9544], 1/4 [0.0456, 0.6994].
    const yes35 = { choice: 'yes', count: 3, share: 0.6, ci95: [0.2307, 0.8824] };
    const no25 = { choice: 'no', count: 2, share: 0.4, ci95: [0.1176, 0.7693] };
    expect(c!.panel).toEqual({ mean: null, ci95: null, n: 5, choices: [yes35, no25] }); // majorities yes, no, yes, no, yes
    expect(c!.members.map((m) => [m.judge, m.mean, m.n, m.choices])).toEqual([
      ['j1', null, 5, [yes35, no25]],
      ['j2', null, 4, [{ choice: 'yes', count: 3, share: 0.75, ci95: [0.3006, 0.9544] }, { choice: 'no', count: 1, share: 0.25, ci95: [0.0456, 0.6994] }]],
      ['j3', null, 5, [{ ...yes35, count: 2, share: 0.4, ci95: no25.ci95 }, { ...no25, count: 3, share: 0.6, ci95: yes35.ci95 }]],
    ]);
    expect(f!.panel.choices).toBeUndefined(); // an ordinal criterion keeps its mean
    expect(panelRows(s.panel!).map(([, v]) => v)).toContain('  panel  yes 60% [23%, 88%] · no 40% [12%, 77%], n=5');
    expect(panelSection(s.panel!)).toContain('<th class="num">share of each choice [95% CI]</th>');
    expect(c!.alpha.value).toBeCloseTo(11 / 24, 4);
    if (f!.alpha.value === null || !f!.alpha.ci95) throw new Error('alpha has an interval here');
    expect(f!.alpha.ci95[0]).toBeLessThan(f!.alpha.value);
    expect(store.getRun(res.runId)!.summary!.panel).toEqual(s.panel);
    store.close();
  });

  it('a panel run cut off while one judge was still answering resumes without asking the others again', async () => {
    const store = openSqliteStore(tempDb());
    const calls = new Map<string, number>();
    const stop = new AbortController();
    const first = [scriptedJudge('j1', 0, calls), scriptedJudge('j2', 1, calls), scriptedJudge('j3', 2, calls, true)];
    const running = runSuite(plan(store, first), { providerSpec: 'sys', judgeSpec: 'j1,j2,j3', concurrency: 5, signal: stop.signal, graceMs: 10 }, deps(store));
    // j1 and j2 have answered (and their answers are in the cache, the crash journal); j3 never will
    while (store.cacheStats().entries < 10) await new Promise((r) => setTimeout(r, 2));
    stop.abort(new Error('SIGINT'));
    const cut = await running;
    expect(cut.status).toBe('interrupted');
    expect(store.getOutputs(cut.runId)).toHaveLength(0); // no case finished: nothing half-judged is stored
    const again = [0, 1, 2].map((j) => scriptedJudge(`j${j + 1}`, j, calls));
    const res = await runSuite(plan(store, again), { providerSpec: 'sys', judgeSpec: 'j1,j2,j3', resumeRunId: cut.runId }, deps(store));
    expect(res.status).toBe('finished');
    expect(Object.fromEntries(calls)).toEqual({ j1: 5, j2: 5, j3: 5 }); // 15 judge calls in all: none repeated
    expect(store.getScores(res.runId).filter((s) => s.criterion === 'rubric.faithfulness').map((s) => s.value)).toEqual([4.6667, 2.3333, 4, 1.3333, 3.6667]);
    // j1's and j2's answers came from the cache: only j3's calls cost anything now
    expect(res.summary.costUsd).toBe(5 * 100);
    store.close();
  });
});
