import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir, writeSuite } from './support.js';

/**
 * The done-means test of issue 11: two stored runs of 80 cases, 60 -> 48 passes with 16 losses and
 * 4 gains, through the real CLI on a real SQLite file. Reference values:
 * - McNemar exact = binomial two-sided on 16 vs 4 = 2 · 6196 / 2^20 = 0.01181793212890625
 *   (statsmodels 0.13.5 mcnemar(exact=True) prints exactly this; R binom.test(4, 20) 0.011817932128906257).
 * - Wilson: statsmodels proportion_confint(60, 80, method='wilson') = (0.6451532538076602, 0.8319376814245761),
 *   (48, 80) = (0.4904546500516038, 0.7003817240412906); per tag slice (30 of 40) = (0.5980603857923197, 0.858128813609037).
 * - Paired bootstrap, seed 1, 10,000 resamples: [-0.2625, -0.05] (independent numpy re-implementation).
 * - Wilcoxon on the 0/1 contains score: R wilcox.test(cand, base, paired = TRUE) p = 0.0077681181445842049.
 */
describe('juror compare: 60 -> 48 of 80', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'j.db');
  let base: string;
  let cand: string;
  let small: string;

  const ids = Array.from({ length: 80 }, (_, i) => i + 1);
  const replay = (file: string, passes: (i: number) => boolean) =>
    writeFileSync(join(tmp.dir, file), ids.map((i) => JSON.stringify({ id: `c${i}`, output: passes(i) ? 'the answer is yes' : 'no idea' })).join('\n'));
  const run = async (provider: string, suite: string) => {
    const r = await cli(['run', suite, '--db', db, '--provider', provider, '--json'], { cwd: tmp.dir });
    expect([0, 1], r.stderr).toContain(r.code);
    return JSON.parse(r.stdout).runId as string;
  };

  beforeAll(async () => {
    const cases = ids.map((i) => ({ id: `c${i}`, vars: { question: `q${i}`, lang: i % 4 === 0 ? 'de' : 'en' }, expected: 'yes', tags: [i % 2 ? 'hard' : 'easy'] }));
    const spec = { cases, judge: null, scorers: ['- contains: { value: "{{expected}}" }'], pass: ['contains: ">= 1"'] };
    const suite = writeSuite(tmp.dir, spec);
    writeSuite(tmp.dir, { ...spec, name: 'other' }, 'other.yaml');
    // c1-c16 pass -> fail, c17-c20 fail -> pass, c21-c64 pass in both, c65-c80 fail in both.
    replay('base.jsonl', (i) => i <= 16 || (i >= 21 && i <= 64));
    replay('cand.jsonl', (i) => i >= 17 && i <= 64);
    // Two flips only (c1, c2) from the candidate: a drop that is not significant.
    replay('small.jsonl', (i) => i >= 19 && i <= 64);
    base = await run('replay:base.jsonl', suite);
    cand = await run('replay:cand.jsonl', suite);
  }, 120_000);

  afterAll(() => tmp.cleanup());

  it('--html FILE writes the single-file compare report beside the console output', async () => {
    const file = join(tmp.dir, 'compare.html');
    const r = await cli(['compare', base, cand, '--db', db, '--html', 'compare.html', '--by', 'tag'], { cwd: tmp.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('HTML report: compare.html');
    expect(r.stdout).toContain('verdict: worse');
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<div class="v">75.0%</div><div class="ci">[64.5%, 83.2%] · n = 80</div>');
    expect(html).toContain('<div class="v">0.0118</div>');
    expect(html).toContain('Flipped cases: 16 regressions, 4 fixes, 0 other');
    expect(html).toContain('<tr data-slice="hard">');
  });

  it('--json: exact McNemar p, Wilson CIs, the paired bootstrap, the test per criterion, slices that sum to the whole', async () => {
    const r = await cli(['compare', base, cand, '--db', db, '--json', '--by', 'tag', '--by', 'vars.lang'], { cwd: tmp.dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ baseline: base, candidate: cand, paired: 80, alpha: 0.05, verdict: 'worse' });
    const pr = doc.pass_rate;
    expect(pr.mcnemar).toEqual({ b: 16, c: 4, p_value: 0.01181793212890625, method: 'exact' });
    expect(pr.baseline).toMatchObject({ value: 0.75, n: 80, method: 'wilson' });
    expect(pr.baseline.ci95[0]).toBeCloseTo(0.6451532538076602, 12);
    expect(pr.baseline.ci95[1]).toBeCloseTo(0.8319376814245761, 12);
    expect(pr.candidate).toMatchObject({ value: 0.6, n: 80 });
    expect(pr.candidate.ci95[0]).toBeCloseTo(0.4904546500516038, 12);
    expect(pr.candidate.ci95[1]).toBeCloseTo(0.7003817240412906, 12);
    expect(pr.diff).toMatchObject({ value: -0.15, ci95: [-0.2625, -0.05], method: 'paired bootstrap', resamples: 10000, seed: 1 });
    expect(pr.verdict).toBe('worse');
    expect(doc.criteria).toHaveLength(1);
    const k = doc.criteria[0];
    expect(k).toMatchObject({ criterion: 'contains', gating: true, wins: 4, ties: 60, losses: 16, verdict: 'worse' });
    expect(k.test.name).toBe('wilcoxon signed-rank');
    expect(k.test.p_value).toBeCloseTo(0.0077681181445842049, 12);
    expect(k.test.p_holm).toBeCloseTo(0.0077681181445842049, 12); // a family of one
    expect(doc.flips.regressions).toEqual(ids.slice(0, 16).map((i) => `c${i}`));
    expect(doc.flips.fixes).toEqual(['c17', 'c18', 'c19', 'c20']);
    expect(doc.changes[0]).toMatchObject({ case_id: 'c1', baseline: 'passed', candidate: 'failed' });
    const byTag = doc.slices.filter((s: { by: string }) => s.by === 'tag');
    expect(byTag.map((s: { value: string; paired: number }) => [s.value, s.paired])).toEqual([['easy', 40], ['hard', 40]]);
    const hard = byTag[1];
    expect(hard.pass_rate.mcnemar).toMatchObject({ b: 8, c: 2 });
    expect(hard.pass_rate.baseline.ci95[0]).toBeCloseTo(0.5980603857923197, 12);
    const byLang = doc.slices.filter((s: { by: string }) => s.by === 'vars.lang');
    expect(byLang.reduce((n: number, s: { paired: number }) => n + s.paired, 0)).toBe(80);
    expect(doc.gate).toEqual({ fail_on: 'any flip', failed: true });
  });

  it('console: one verdict line per figure, regressions before fixes, the gate in words', async () => {
    const r = await cli(['compare', 'latest~1', 'latest', '--db', db, '--fail-on-regression'], { cwd: tmp.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('pass rate: worse (p = 0.012)');
    expect(r.stdout).toContain('75.0% [64.5%, 83.2%] n=80');
    expect(r.stdout).toContain('60.0% [49.0%, 70.0%] n=80');
    expect(r.stdout).toContain('−15.0 pts [−26.3, −5.0]');
    expect(r.stdout).toContain('16 passed → not passed, 4 not passed → passed: exact p = 0.0118');
    expect(r.stdout).toMatch(/contains\*\s+worse \(p = 0\.0078\)/);
    expect(r.stdout.indexOf('Regressions')).toBeLessThan(r.stdout.indexOf('Fixes'));
    expect(r.stdout).toContain('verdict: worse — significantly worse on the pass rate, contains');
    expect(r.stdout).toContain('gate (--fail-on-regression): significantly worse → exit 1');
  });

  it('the gate: a drop that is not significant exits 0 with --fail-on-regression and says so; any flip exits 1 by default', async () => {
    small = await run('replay:small.jsonl', join(tmp.dir, 'suite.yaml'));
    const gated = await cli(['compare', cand, small, '--db', db, '--fail-on-regression'], { cwd: tmp.dir });
    expect(gated.code).toBe(0);
    expect(gated.stdout).toContain('pass rate: no significant difference (p = 0.500)');
    expect(gated.stdout).toContain('the drop (2 vs 0 flips, p = 0.500) is not significant at alpha 0.05 → exit 0');
    const byDefault = await cli(['compare', cand, small, '--db', db], { cwd: tmp.dir });
    expect(byDefault.code).toBe(1);
    expect(byDefault.stdout).toContain('2 cases went from passed to not passed, but the change is not significant');
    const explicit = await cli(['compare', cand, small, '--db', db, '--fail-on-any-flip', '--json'], { cwd: tmp.dir });
    expect(explicit.code).toBe(1);
    expect(JSON.parse(explicit.stdout).verdict).toBe('no significant difference');
    const better = await cli(['compare', cand, base, '--db', db, '--fail-on-regression', '--json'], { cwd: tmp.dir });
    expect(better.code).toBe(0);
    expect(JSON.parse(better.stdout).verdict).toBe('better');
    const both = await cli(['compare', cand, base, '--db', db, '--fail-on-regression', '--fail-on-any-flip'], { cwd: tmp.dir });
    expect(both.code).toBe(2);
  });

  it('latest~N names earlier runs of the same suite; runs of different suites are refused (exit 2) unless allowed', async () => {
    const other = await run('replay:base.jsonl', join(tmp.dir, 'other.yaml'));
    // latest is now the "other" suite's run: latest~1 is not a run of it.
    const none = await cli(['show', 'latest~1', '--db', db], { cwd: tmp.dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('suite other has only 1 run');
    const refused = await cli(['compare', base, other, '--db', db], { cwd: tmp.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('suite "fixture"');
    expect(refused.stderr).toContain('--allow-different-suites');
    const allowed = await cli(['compare', base, other, '--db', db, '--allow-different-suites', '--fail-on-regression', '--json'], { cwd: tmp.dir });
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout).suite).toEqual({ baseline: 'fixture', candidate: 'other' });
    const suiteRuns = await cli(['run', join(tmp.dir, 'suite.yaml'), '--db', db, '--provider', 'replay:cand.jsonl', '--json'], { cwd: tmp.dir });
    const newest = JSON.parse(suiteRuns.stdout).runId;
    const back = await cli(['show', 'latest~3', '--db', db, '--json'], { cwd: tmp.dir });
    expect(JSON.parse(back.stdout).runId).toBe(base); // fixture runs, newest first: newest, small, cand, base
    expect(newest).not.toBe(base);
  });

  it('report writes JUnit and JSON for a stored run, with the pass rate CI and n', async () => {
    const r = await cli(['report', cand, '--db', db, '--junit', 'out.xml', '--json', '--by', 'tag'], { cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.figures.pass_rate).toMatchObject({ value: 0.6, n: 80, method: 'wilson' });
    expect(doc.figures.pass_rate.ci95[1]).toBeCloseTo(0.7003817240412906, 12);
    expect(doc.slices.map((s: { value: string; cases: number; small: boolean }) => [s.value, s.cases, s.small])).toEqual([['easy', 40, false], ['hard', 40, false]]);
    const xml = readFileSync(join(tmp.dir, 'out.xml'), 'utf8');
    expect(xml).toContain('<property name="pass_rate" value="0.6"/>');
    expect(xml).toContain('<property name="pass_rate_ci95" value="0.4905 0.7004"/>');
    expect(xml).toContain('<property name="pass_rate_n" value="80"/>');
    const none = await cli(['report', cand, '--db', db], { cwd: tmp.dir });
    expect(none.code).toBe(2);
  });
});
