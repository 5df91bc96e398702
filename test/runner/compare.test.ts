import { describe, expect, it } from 'vitest';
import type { Score } from '../../src/core/score.js';
import { compareReports } from '../../src/runner/compare.js';
import type { CaseReport, RunReport } from '../../src/runner/run-report.js';
import { caseReport, sampleReport } from '../reporters/fixture.js';

const contains = (pass: boolean): Score => ({ scorer: 'contains', criterion: 'contains', value: pass ? 1 : 0, passed: pass });

/** A run of cases c1..c10 × 3 repeats; `passes(i, r)` says whether repeat r of case i passed. */
function runOf(id: string, passes: (i: number, r: number) => boolean, reduce?: string, repeats = 3): RunReport {
  const cases: CaseReport[] = [];
  for (let i = 1; i <= 10; i++) {
    for (let r = 0; r < repeats; r++) {
      const ok = passes(i, r);
      cases.push(caseReport({ caseId: `c${i}`, repeat: r, outputId: i * 10 + r, status: ok ? 'passed' : 'failed', scores: [contains(ok)] }));
    }
  }
  const base = sampleReport();
  return { run: { ...base.run, id, suiteName: 's', config: { repeat: repeats, ...(reduce ? { reduce } : {}) } }, summary: null, cases };
}

// Baseline: every repeat passes. Candidate: c1-c6 fail every repeat, c7 passes 2 of 3 (repeat 1 fails).
const baseline = runOf('r_base', () => true);
const candidate = (reduce?: string) => runOf('r_cand', (i, r) => i > 7 || (i === 7 && r !== 1), reduce);

describe('compareReports with repeats: a pair is a case', () => {
  it('McNemar counts cases on their reduced verdicts, not (case, repeat)s', () => {
    const c = compareReports(baseline, candidate(), { resamples: 2000 });
    expect(c).toMatchObject({ paired: 10, repeats: 3, paired_by: 'case', reduce: { baseline: 'majority', candidate: 'majority' } });
    // majority: c7 (2 of 3) still passes, so 6 discordant cases, all down: exact p = 2 · 0.5^6 = 0.03125.
    // Counting the 19 discordant (case, repeat)s would give 2 · 0.5^19 = 3.8e-6: 19 "independent" pieces of evidence from 7 cases.
    expect(c.pass_rate.mcnemar).toEqual({ b: 6, c: 0, p_value: 0.03125, method: 'exact' });
    // Wilson over 10 cases (formula of Wilson 1927, evaluated independently in Python): 10/10 -> [0.72247, 1]; 4/10 -> [0.16818, 0.68733]
    const [base, cand] = [c.pass_rate.baseline, c.pass_rate.candidate];
    if (base.value === null || cand.value === null) throw new Error('no pass rate');
    expect([base.value, base.n, cand.value, cand.n]).toEqual([1, 10, 0.4, 10]);
    expect(base.ci95[0]).toBeCloseTo(0.7224672001371107, 10);
    expect(cand.ci95[0]).toBeCloseTo(0.16818032970623614, 10);
    expect(cand.ci95[1]).toBeCloseTo(0.6873262302663417, 10);
    expect(c.pass_rate.diff.value).toBeCloseTo(-0.6, 12);
    // the criterion pairs per-case means: c1-c6 1 -> 0, c7 1 -> 0.6667, c8-c10 the same
    const k = c.criteria[0]!;
    expect(k).toMatchObject({ criterion: 'contains', wins: 0, ties: 3, losses: 7 });
    expect(k.candidate).toMatchObject({ n: 10 });
    expect(k.candidate.value).toBeCloseTo((0 * 6 + 0.6667 + 3) / 10, 4);
    expect(c.flips.regressions).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect(c.changes[0]).toMatchObject({ case_id: 'c1', repeat: 0, baseline: 'passed', candidate: 'failed', repeats_passed: { baseline: '3/3', candidate: '0/3' } });
  });

  it("each run's own reducer decides its verdicts: with reduce: all, c7 (2 of 3) fails too", () => {
    const c = compareReports(baseline, candidate('all'), { resamples: 2000 });
    expect(c.reduce).toEqual({ baseline: 'majority', candidate: 'all' });
    expect(c.pass_rate.mcnemar).toMatchObject({ b: 7, c: 0, p_value: 0.015625 }); // 2 · 0.5^7
    expect(c.changes.find((x) => x.case_id === 'c7')).toMatchObject({ candidate: 'failed', repeats_passed: { baseline: '3/3', candidate: '2/3' } });
  });

  it("reduce: mean reads the run's pass rules on the mean scores (given by the caller)", () => {
    // contains >= 0.7: c7's mean 0.6667 fails; >= 0.6 passes
    const rule = (t: number) => (scores: Score[]) => (scores[0]!.value! >= t ? 'passed' as const : 'failed' as const);
    expect(compareReports(baseline, candidate('mean'), { resamples: 200, decide: { candidate: rule(0.7) } }).pass_rate.mcnemar.b).toBe(7);
    expect(compareReports(baseline, candidate('mean'), { resamples: 200, decide: { candidate: rule(0.6) } }).pass_rate.mcnemar.b).toBe(6);
  });

  it('without repeats a pair stays a (case, repeat)', () => {
    const one = (id: string, passes: (i: number) => boolean) => runOf(id, (i) => passes(i), undefined, 1);
    const c = compareReports(one('a', () => true), one('b', (i) => i > 3), { resamples: 2000 });
    expect(c).toMatchObject({ paired: 10, repeats: 1, paired_by: 'case and repeat', reduce: null });
    expect(c.pass_rate.mcnemar).toMatchObject({ b: 3, c: 0, p_value: 0.25 });
    expect(c.changes[0]!.repeats_passed).toBeUndefined();
  });
});
