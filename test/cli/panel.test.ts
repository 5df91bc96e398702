import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { cli, ROOT, useCleanups } from './support.js';

const { tmp, server } = useCleanups();

/**
 * Six outputs that say 5, 4, ..., 0 of the reference's five words (the system under test is the
 * in-process mock, answering each case's script). The judges are on the mock server, reached
 * through the real OpenAI SDK, so its request counter counts judge calls alone. The mock judge
 * scores r = the share of the reference's words in the output: level = levels[round(4r)] on 1-5,
 * so 5, 4, 3, 3, 2, 1; `noisy-100` moves every r by 0.4 (down, or up below 0.4): 3, 3, 2, 1, 3, 3.
 */
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
const JUDGE_A = [5, 4, 3, 3, 2, 1];
const NOISY = [3, 3, 2, 1, 3, 3];
const PANEL = 'openai:judge-a,openai:noisy-100,openai:judge-c';

function panelSuite(dir: string, judge: string[]): string {
  const cases = Array.from({ length: 6 }, (_, i) => {
    const k = 5 - i;
    return { id: `c${i}`, vars: { question: 'Which five words?' }, expected: WORDS.join(' '), mock: { answer: k > 0 ? WORDS.slice(0, k).join(' ') : 'zulu' } };
  });
  writeFileSync(join(dir, 'cases.jsonl'), cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  writeFileSync(join(dir, 'answer.hbs'), 'Question: {{question}}\nAnswer:');
  writeFileSync(join(dir, 'verdict.yaml'), ['name: verdict', 'criteria:', '  - name: correct', '    question: Does the answer give the five words?', '    scale: { type: nominal, choices: [yes, no] }', '    pass: yes', ''].join('\n'));
  const path = join(dir, 'suite.yaml');
  writeFileSync(path, ['name: panel', 'prompt: answer.hbs', 'cases: cases.jsonl', 'provider: mock', 'judge:', ...judge.map((l) => `  ${l}`), `  rubric: ${join(ROOT, 'rubrics/faithfulness.yaml')}`, 'scorers:', '  - rubric: faithfulness', ''].join('\n'));
  return path;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

describe('juror run --judge a,b,c (a judge panel)', () => {
  it('3 judges × 6 outputs = 18 judge calls; each judge stored with its spec, the mean as the score, every call in the cost; alpha and each judge in the reports', async () => {
    const dir = tmp();
    const s = await server();
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'test' };
    const suite = panelSuite(dir, ['provider: mock']);
    const db = join(dir, 'p.db');
    // USD per million tokens: a different price for each judge, so each one's calls must be counted
    writeFileSync(join(dir, 'prices.yaml'), 'judge-a: { input: 1, output: 2 }\nnoisy-100: { input: 10, output: 20 }\njudge-c: { input: 100, output: 200 }\n');
    const r = await cli(['run', suite, '--judge', PANEL, '--prices', 'prices.yaml', '--db', db, '--json', '--html', 'report.html'], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(1); // some outputs fail the rubric's pass level
    expect(r.stderr).not.toMatch(/^error/m);
    expect(s.stats().requests).toBe(18);
    const doc = JSON.parse(r.stdout);
    expect(doc.judge).toBe(PANEL);
    const faith = (doc.cases as Array<{ caseId: string; scores: Array<{ criterion: string; value: number; label: string; panel: Array<{ judge: string; value: number }> }> }>)
      .map((c) => c.scores.find((x) => x.criterion === 'rubric.faithfulness')!);
    expect(faith.map((x) => x.panel.map((v) => v.judge))).toEqual(Array(6).fill(['openai:judge-a', 'openai:noisy-100', 'openai:judge-c']));
    expect(faith.map((x) => x.panel.map((v) => v.value))).toEqual(JUDGE_A.map((a, i) => [a, NOISY[i], a]));
    // the mean of (a, noisy, a): 13/3, 11/3, 8/3, 7/3, 7/3, 5/3
    expect(faith.map((x) => x.value)).toEqual([4.3333, 3.6667, 2.6667, 2.3333, 2.3333, 1.6667]);
    expect(faith.map((x) => x.label)).toEqual(['4', '4', '3', '2', '2', '2']);
    expect(doc.summary.meanByCriterion['rubric.faithfulness']).toBeCloseTo(51 / 18, 4);
    const p = doc.summary.panel.criteria.find((c: { criterion: string }) => c.criterion === 'rubric.faithfulness');
    expect(p.members.map((m: { judge: string; mean: number }) => [m.judge, m.mean])).toEqual([
      ['openai:judge-a', mean(JUDGE_A)],
      ['openai:noisy-100', mean(NOISY)],
      ['openai:judge-c', mean(JUDGE_A)],
    ]);
    // test/fixtures/scripts/krippendorff-alpha-retest.py: ordinal alpha over these rows = 348/875
    expect(p.alpha.value).toBeCloseTo(348 / 875, 4);
    expect(p.outputs).toBe(6);

    const store = openSqliteStore(db);
    try {
      const scores = store.getScores(doc.runId);
      expect(scores).toHaveLength(12); // 6 outputs × 2 criteria: one score each, the panel's
      // the judges' tokens, summed from each judge's own verdicts (one per call), and their prices
      let cost = 0;
      const usage = { inputTokens: 0, outputTokens: 0 };
      const price: Record<string, [number, number]> = { 'openai:judge-a': [1, 2], 'openai:noisy-100': [10, 20], 'openai:judge-c': [100, 200] };
      for (const sc of scores.filter((x) => x.criterion === 'rubric.faithfulness')) {
        for (const v of sc.panel!) {
          const u = v.meta!.usage as { inputTokens: number; outputTokens: number };
          usage.inputTokens += u.inputTokens;
          usage.outputTokens += u.outputTokens;
          cost += (u.inputTokens * price[v.judge]![0] + u.outputTokens * price[v.judge]![1]) / 1e6;
        }
      }
      expect(doc.summary.judgeUsage).toEqual(usage);
      expect(doc.summary.costUsd).toBeCloseTo(cost, 6);
      expect(store.getRun(doc.runId)!.config.judgePanel).toEqual({ judges: PANEL.split(',') });
    } finally {
      store.close();
    }

    // the console summary lists the panel, each judge and alpha
    expect(r.stderr).toContain('judge panel');
    expect(r.stderr).toMatch(/rubric\.faithfulness: mean of 3 judges; inter-judge α 0\.398/);
    expect(r.stderr).toMatch(/openai:noisy-100\s+2\.50 \[/);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<section id="panel">');
    expect(html).toContain('data-judge="openai:noisy-100"');
    const shown = await cli(['show', doc.runId, '--db', db], { cwd: dir });
    expect(shown.stdout).toContain('inter-judge α 0.398');
    expect(shown.stdout).toMatch(/rubric\.faithfulness = 4\.33 \(≈4\) pass\n.*mean of 3 panel verdicts \(5, 3, 5 from openai:judge-a, openai:noisy-100, openai:judge-c\)\n\s+openai:judge-a: 5 — Mock judge/);

    // juror judge re-judges the stored outputs with a panel: 3 calls per output again, no generation
    s.reset();
    const j = await cli(['judge', '--run', doc.runId, '--judge', 'openai:judge-a,openai:noisy-100', '--no-cache', '--db', db, '--json'], { cwd: dir, env });
    expect(j.stderr).not.toMatch(/^error/m);
    expect(s.stats().requests).toBe(12);
    const jd = JSON.parse(j.stdout);
    expect(jd).toMatchObject({ kind: 'judge', judge: 'openai:judge-a,openai:noisy-100' });
    expect(jd.summary.panel.judges).toEqual(['openai:judge-a', 'openai:noisy-100']);
    // (a + noisy) / 2
    expect(jd.cases.map((c: { scores: Array<{ criterion: string; value: number }> }) => c.scores.find((x) => x.criterion === 'rubric.faithfulness')!.value)).toEqual(JUDGE_A.map((a, i) => (a + NOISY[i]!) / 2));
  });

  it("the suite's judge.providers with aggregate: median; a nominal criterion takes the majority and an even split is unscored", async () => {
    const dir = tmp();
    const s = await server();
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'test' };
    const suite = panelSuite(dir, ['providers: [openai:judge-a, openai:noisy-100, openai:judge-c]', 'aggregate: median']);
    const r = await cli(['run', suite, '--db', join(dir, 'p.db'), '--json'], { cwd: dir, env });
    const doc = JSON.parse(r.stdout);
    expect(doc.judge).toBe(PANEL);
    const values = (criterion: string, d = doc) => d.cases.map((c: { scores: Array<{ criterion: string; value: number | null }> }) => c.scores.find((x) => x.criterion === criterion)!.value);
    expect(values('rubric.faithfulness')).toEqual(JUDGE_A); // the median of (a, noisy, a) is a
    expect(doc.summary.panel.criteria[0].aggregate).toBe('median');

    // two judges on a yes/no criterion: yes at r >= 0.5. judge-a: yes yes yes no no no; noisy-100 (r ± 0.4): yes no no no yes no
    s.reset();
    const two = await cli(['run', suite, '--judge', 'openai:judge-a,openai:noisy-100', '--db', join(dir, 'p.db'), '--json'], { cwd: dir, env: { ...env } });
    // both judges were asked the same in the panel of three: their calls are answered from the cache
    expect(s.stats().requests).toBe(0);
    const rubricSwap = await cli(['judge', '--run', JSON.parse(two.stdout).runId, '--rubric', 'verdict.yaml', '--db', join(dir, 'p.db'), '--json'], { cwd: dir, env });
    const d = JSON.parse(rubricSwap.stdout);
    expect(s.stats().requests).toBe(12);
    expect(values('rubric.correct', d)).toEqual([0, null, null, 1, null, 1]);
    const split = d.cases[1].scores.find((x: { criterion: string }) => x.criterion === 'rubric.correct');
    expect(split.reason).toBe('the panel split evenly (yes, no from openai:judge-a, openai:noisy-100): no majority');
    expect(d.summary.unscored).toBe(3);
    expect(rubricSwap.code).toBe(3); // unscored cases: data is missing
    expect(d.summary.panel.criteria[0]).toMatchObject({ criterion: 'rubric.correct', level: 'nominal', aggregate: 'majority' });
  });

  it('a panel run interrupted mid-way resumes with the same panel and rule, asking no judge twice: 18 calls in all', async () => {
    const dir = tmp();
    const s = await server({ latencyMs: 40 });
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'test' };
    const suite = panelSuite(dir, ['providers: [openai:judge-a, openai:noisy-100, openai:judge-c]', 'aggregate: median']);
    const db = join(dir, 'p.db');
    const stop = new AbortController();
    const first = cli(['run', suite, '--concurrency', '1', '--db', db], { cwd: dir, env, signal: stop.signal });
    while (s.stats().requests < 4) await new Promise((r) => setTimeout(r, 5));
    stop.abort(new Error('SIGINT'));
    expect((await first).code).toBe(130);
    expect(s.stats().requests).toBeLessThan(18);
    // the suite changes its rule after the run started: the resumed run keeps the one it recorded
    writeFileSync(suite, readFileSync(suite, 'utf8').replace('aggregate: median', 'aggregate: mean'));
    const b = await cli(['run', '--resume', '--db', db, '--json'], { cwd: dir, env });
    expect(b.code, b.stderr).toBe(1);
    expect(s.stats().requests).toBe(18);
    const doc = JSON.parse(b.stdout);
    expect(doc.judge).toBe(PANEL);
    expect(doc.summary.total).toBe(6);
    expect(doc.cases.map((c: { scores: Array<{ criterion: string; value: number }> }) => c.scores.find((x) => x.criterion === 'rubric.faithfulness')!.value)).toEqual(JUDGE_A);
  });

  it("a panel judge whose every call fails is reported: its spec in summary.errors and the console, 'N of M judges gave verdicts', exit 3", async () => {
    const dir = tmp();
    const s = await server({ faults: { rate: 1, kinds: ['500'], seed: 1 } });
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'test' };
    const suite = panelSuite(dir, ['provider: mock']);
    const db = join(dir, 'f.db');
    for (const [panel, gave] of [['mock,mock:noisy,openai:judge-b', '2 of 3'], ['mock,openai:judge-b', '1 of 2']] as const) {
      const r = await cli(['run', suite, '--judge', panel, '--retries', '1', '--db', db, '--json'], { cwd: dir, env });
      expect(r.code, r.stderr).toBe(3); // the member's verdicts were lost to a provider failure
      const doc = JSON.parse(r.stdout);
      // every output still has the other judges' aggregate: none is unscored, yet the failure is grouped
      expect(doc.summary.unscored).toBe(0);
      const group = doc.summary.errors.find((g: { message: string }) => g.message.startsWith('openai:judge-b: judge call failed'));
      expect(group).toMatchObject({ kind: 'unscored', count: 6 });
      const p = doc.summary.panel.criteria.find((c: { criterion: string }) => c.criterion === 'rubric.faithfulness');
      expect(p.members.find((m: { judge: string }) => m.judge === 'openai:judge-b')).toMatchObject({ n: 0, unscored: 6, failed: 6, mean: null });
      expect(r.stderr).toContain(`rubric.faithfulness: mean of ${gave} judges gave verdicts; inter-judge α`);
      expect(r.stderr).toContain(gave === '1 of 2' ? 'outputs × 1 judge)' : 'outputs × 2 judges)'); // alpha's raters: the judges with verdicts
      expect(r.stderr).toMatch(/6 × unscored: openai:judge-b: judge call failed/);
    }
  });

  it('a panel written with spaces (--judge "mock, mock:noisy") is recorded normalised on the run, its scores and a juror judge run', async () => {
    const dir = tmp();
    const suite = panelSuite(dir, ['provider: mock']);
    const db = join(dir, 'n.db');
    const r = await cli(['run', suite, '--judge', 'mock, mock:noisy', '--db', db, '--json'], { cwd: dir });
    expect(r.stderr).not.toMatch(/^error/m);
    const doc = JSON.parse(r.stdout);
    const j = await cli(['judge', '--run', doc.runId, '--judge', ' mock ,mock:noisy-50', '--db', db, '--json'], { cwd: dir });
    expect(j.stderr).toContain(`outputs of ${doc.runId} with mock,mock:noisy-50 as `);
    const jd = JSON.parse(j.stdout);
    const store = openSqliteStore(db);
    try {
      for (const [id, spec] of [[doc.runId, 'mock,mock:noisy'], [jd.runId, 'mock,mock:noisy-50']] as const) {
        expect(store.getRun(id)!.judge).toBe(spec);
        const rubric = store.getScores(id).filter((x) => x.scorer === 'rubric');
        expect(new Set(rubric.map((x) => x.judge))).toEqual(new Set([spec]));
      }
    } finally {
      store.close();
    }
    expect([doc.judge, jd.judge]).toEqual(['mock,mock:noisy', 'mock,mock:noisy-50']);
  });

  it('refuses a suite with judge.provider and judge.providers, and --judge-repeat with a panel, in one line each', async () => {
    const dir = tmp();
    const both = panelSuite(dir, ['provider: mock', 'providers: [mock, mock:noisy]']);
    const r = await cli(['run', both, '--db', join(dir, 'p.db')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`error: ${both}:7: give either judge.provider or judge.providers (a panel), not both`);
    const ok = panelSuite(dir, ['provider: mock']);
    const k = await cli(['run', ok, '--judge', 'mock,mock:noisy', '--judge-repeat', '3', '--db', join(dir, 'p.db')], { cwd: dir });
    expect(k.code).toBe(2);
    expect(k.stderr.trim()).toBe('error: --judge-repeat cannot be combined with a judge panel (mock, mock:noisy): a panel asks each judge once; use --judge-repeat with a single judge');
    const twice = await cli(['run', ok, '--judge', 'mock,mock', '--db', join(dir, 'p.db')], { cwd: dir });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('--judge "mock,mock" lists mock twice');
  });
});
