import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCalibration, rangeVerdict, type CalibrationReport } from '../../src/calibration/compute.js';
import { consensusIndex } from '../../src/calibration/consensus.js';
import { formatCalibration } from '../../src/calibration/format.js';
import { NotFoundError } from '../../src/core/errors.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';
import { cohenKappa } from '../../src/stats/index.js';
import { bin, buildSqualityReview, CRITERIA, judgeValues, loadRows, MISSING, UNSCORED } from './squality-review.js';

let dir: string;
let store: Store;
let report: CalibrationReport;
const rows = loadRows();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'juror-calibrate-'));
  store = openSqliteStore(join(dir, 'juror.db'));
  buildSqualityReview(store, { rows });
  report = computeCalibration(store, 'rev', { judges: ['run', 'noisy', 'random'], seed: 7, resamples: 300 });
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Independent re-derivation from the fixture: lower median of binned human levels. */
function lowerMedian(levels: number[]): number {
  const s = [...levels].sort((a, b) => a - b);
  return s[Math.ceil(s.length / 2) - 1]!;
}

describe('consensus rule', () => {
  it('ordinal: median, lower middle for even counts', () => {
    expect(consensusIndex([4, 0, 2], true)).toBe(2);
    expect(consensusIndex([3, 2], true)).toBe(2);
    expect(consensusIndex([1, 3, 3, 0], true)).toBe(1);
  });
  it('nominal: most frequent, ties to the first choice of the scale', () => {
    expect(consensusIndex([1, 1, 0], false)).toBe(1);
    expect(consensusIndex([1, 0], false)).toBe(0);
    expect(consensusIndex([2, 1, 2, 1], false)).toBe(1);
  });
});

describe('computeCalibration on SQuALITY human ratings', () => {
  it('ranks the judges in their known order of quality', () => {
    expect(report.ranking.map((r) => r.judge)).toEqual(['run', 'noisy', 'random']);
    for (const c of report.criteria) {
      expect(c.judges.map((j) => [j.judge, j.rank])).toEqual([['run', 1], ['noisy', 2], ['random', 3]]);
    }
    expect(report.ranking[0]!.spec).toBe('mock:close');
  });

  it('counts unscored and missing judge scores instead of dropping them silently', () => {
    for (const c of report.criteria) {
      expect(c.items).toBe(150);
      expect(c.humans).toBe(4);
      const own = c.judges[0]!;
      expect([own.scored, own.unscored, own.missing]).toEqual([150 - UNSCORED.length - MISSING.length, UNSCORED.length, MISSING.length]);
      expect(own.n).toBe(own.scored);
      expect(own.confusion.matrix.flat().reduce((a, b) => a + b, 0)).toBe(own.scored);
      expect(c.judges[1]).toMatchObject({ scored: 150, unscored: 0, missing: 0 });
    }
  });

  it("matches statistics re-derived from the fixture (exact, within-one, bias, kappa of the review's judge)", () => {
    const { close } = judgeValues(rows);
    for (const name of CRITERIA) {
      const c = report.criteria.find((x) => x.criterion === name)!;
      let exact = 0;
      let within = 0;
      let bias = 0;
      let n = 0;
      const table = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
      rows.forEach((r, i) => {
        if (UNSCORED.includes(i) || MISSING.includes(i)) return;
        const levels = Object.values(r.ratings).map((x) => bin(x[name]));
        const cons = lowerMedian(levels);
        const j = close[i]![name];
        n++;
        if (j === cons) exact++;
        if (Math.abs(j - cons) <= 1) within++;
        bias += j - levels.reduce((a, b) => a + b, 0) / levels.length;
        table[j - 1]![cons - 1]!++;
      });
      const own = c.judges[0]!;
      expect(own.exact.value).toBeCloseTo(exact / n, 12);
      expect(own.within_one.value).toBeCloseTo(within / n, 12);
      expect(own.bias.value).toBeCloseTo(bias / n, 12);
      expect(own.kappa.value).toBeCloseTo(cohenKappa(table, { weights: 'quadratic', scores: [1, 2, 3, 4, 5] }).value!, 12);
      // confusion: rows = human consensus, cols = judge
      expect(own.confusion.matrix).toEqual(table[0]!.map((_, col) => table.map((row) => row[col]!)));
    }
  });

  it('human ceiling: each worker against the lower median of the other workers', () => {
    const name = 'overall';
    const c = report.criteria.find((x) => x.criterion === name)!;
    expect(c.human_ceiling.raters.map((r) => r.rater)).toEqual(['worker2', 'worker3', 'worker6', 'worker8']);
    for (const h of c.human_ceiling.raters) {
      const w = h.rater.replace('worker', '');
      const table = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
      let n = 0;
      for (const r of rows) {
        if (!(w in r.ratings)) continue;
        const others = Object.entries(r.ratings).filter(([k]) => k !== w).map(([, x]) => bin(x[name]));
        table[bin(r.ratings[w]![name]) - 1]![lowerMedian(others) - 1]!++;
        n++;
      }
      expect(h.n).toBe(n);
      expect(h.kappa.value).toBeCloseTo(cohenKappa(table, { weights: 'quadratic', scores: [1, 2, 3, 4, 5] }).value!, 12);
    }
    const ks = c.human_ceiling.raters.map((r) => r.kappa.value!);
    expect(c.human_ceiling.range.kappa).toEqual([Math.min(...ks), Math.max(...ks)]);
  });

  it('says whether each judge is within the human range (CI overlap rule)', () => {
    const byName = (n: string) => report.criteria.find((c) => c.criterion === n)!;
    // overall: the humans agree well (kappa 0.76..0.92); the random judge is below them, the
    // rounded human mean above (it has seen all of them), the noisy copy within
    expect(byName('overall').judges.map((j) => j.human_range.verdict)).toEqual(['above', 'within', 'below']);
    // correctness: worker6 barely agrees with the others (kappa ~0.12), so the human range reaches
    // down to a chance-level judge — the rule is min..max, an outlier human widens it (see docs)
    const corr = byName('correctness');
    expect(corr.human_ceiling.raters.find((r) => r.rater === 'worker6')!.kappa.value).toBeLessThan(0.2);
    expect(corr.judges[2]!.human_range.verdict).toBe('within');
    for (const c of report.criteria) {
      for (const j of c.judges) {
        if (j.human_range.verdict === null) continue;
        const [lo, hi] = j.human_range.judge_ci95;
        const [min, max] = j.human_range.human_range;
        const expected = hi < min ? 'below' : lo > max ? 'above' : 'within';
        expect(j.human_range.verdict).toBe(expected);
      }
    }
    expect(rangeVerdict({ value: 0.5, ci95: [0.4, 0.6] }, [0.55, 0.7]).verdict).toBe('within');
    expect(rangeVerdict({ value: 0.9, ci95: [0.8, 0.95] }, [0.55, 0.7]).verdict).toBe('above');
    expect(rangeVerdict({ value: 0.5, ci95: [0.4, 0.6] }, null).verdict).toBeNull();
  });

  it('bootstrap CIs bracket the value, are reproducible for a seed, and differ across seeds', () => {
    const again = computeCalibration(store, 'rev', { judges: ['run', 'noisy', 'random'], seed: 7, resamples: 300 });
    expect(again).toEqual(report);
    const other = computeCalibration(store, 'rev', { judges: ['run', 'noisy', 'random'], seed: 8, resamples: 300 });
    const a = report.criteria[0]!.judges[1]!.kappa;
    const b = other.criteria[0]!.judges[1]!.kappa;
    expect(b.value).toBe(a.value);
    expect(a.value !== null && a.ci95).toBeTruthy();
    expect((b as { ci95: number[] }).ci95).not.toEqual((a as { ci95: number[] }).ci95);
    for (const c of report.criteria) {
      for (const j of c.judges) {
        for (const s of [j.kappa, j.spearman, j.kendall, j.exact, j.within_one, j.bias]) {
          if (s.value === null || !s.ci95) continue;
          expect(s.ci95[0]).toBeLessThanOrEqual(s.value + 1e-9);
          expect(s.ci95[1]).toBeGreaterThanOrEqual(s.value - 1e-9);
        }
      }
    }
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
  });

  it("defaults to the review's own run; unknown review or judge run is NotFoundError", () => {
    const solo = computeCalibration(store, 'rev', { resamples: 50 });
    expect(solo.ranking.map((r) => r.judge)).toEqual(['run']);
    expect(() => computeCalibration(store, 'nope')).toThrow(NotFoundError);
    expect(() => computeCalibration(store, 'rev', { judges: ['ghost'] })).toThrow(NotFoundError);
  });

  it('the human table shows the ceiling, the judges with CIs, and the ranking', () => {
    const text = formatCalibration(report);
    expect(text).toContain("correctness (ordinal 1..5; kappa weights quadratic over the rubric's levels): 150 reviewed items, 4 humans");
    expect(text).toContain('  human ceiling: each human against the others, on the 150 items with 2+ humans');
    expect(text).toMatch(/reading for a team lead:\n  correctness: humans agree [a-z ]+ \(kappa \d\.\d\d\.\.\d\.\d\d, each against the others\)[^\n]*\.\n/);
    expect(text).toMatch(/judge random \(mock:random\) \(kappa -?\d\.\d\d \[[^\]]+\] on \d+ items\) is below the human range: do not trust it there yet/);
    expect(text).toMatch(/1\s+run \(mock:close\)\s+140\/150\s+6\s+4\s+\d\.\d\d \[/);
    expect(text).toMatch(/ranking/);
    expect(text).toMatch(/3\s+random\s+mock:random/);
  });
});

describe('judge test-retest alpha (--judge-repeat)', () => {
  it('shows the alpha a judge run recorded, per criterion, and warns in the reading when it is low', async () => {
    const { SummaryBuilder } = await import('../../src/runner/summary.js');
    const { close, random } = judgeValues(rows);
    const t = '2026-01-01T00:00:00.000Z';
    store.createRun({ id: 'retested', kind: 'judge', suiteName: 'squality', provider: 'mock', judge: 'mock:retest', config: {}, parentRunId: 'run', startedAt: t });
    const builder = new SummaryBuilder();
    store.getOutputs('run').forEach((o, i) => {
      // correctness: the same level on all 3 asks (alpha 1: items differ, asks never do); overall: 2 asks, one of them random
      const asks = { correctness: [close[i]!.correctness, close[i]!.correctness, close[i]!.correctness], overall: [close[i]!.overall, random[i]!.overall] };
      const scores = CRITERIA.map((c) => ({
        scorer: 'rubric', criterion: `rubric.${c}`, value: asks[c][0]!, label: String(asks[c][0]), judge: 'mock:retest',
        meta: { judgeRepeats: { scale: 'ordinal', values: asks[c] } },
      }));
      store.saveScores('retested', o.id, scores);
      builder.add({ caseId: o.caseId, repeat: 0, status: 'passed', scores, usage: { inputTokens: 0, outputTokens: 0 }, judgeUsage: { inputTokens: 0, outputTokens: 0 }, latencyMs: 1, costUsd: null, cached: false, attempts: 1, error: null });
    });
    store.setRunStatus('retested', 'finished', builder.build(0), t);
    const r = computeCalibration(store, 'rev', { judges: ['run', 'retested'], seed: 7, resamples: 100 });
    const correctness = r.criteria.find((c) => c.criterion === 'correctness')!;
    expect(correctness.judges.map((j) => j.judge_retest?.alpha.value ?? null)).toEqual([null, 1]);
    expect(correctness.judges[1]!.judge_retest).toMatchObject({ level: 'ordinal', repeats: 3, outputs: 150 });
    const overall = r.criteria.find((c) => c.criterion === 'overall')!.judges[1]!.judge_retest!;
    expect(overall.repeats).toBe(2);
    expect(overall.alpha.value).toBeLessThan(0.667);
    const text = formatCalibration(r);
    expect(text).toContain('judge test-retest α (Krippendorff; the judge asked K times about each output of its run, 95% CI):');
    expect(text).toContain('    retested (mock:retest): 1.000 [1.000, 1.000] (ordinal, 150 outputs × 3 asks)');
    expect(text).toMatch(/judge retested \(mock:retest\)[^\n]*\n      it disagrees with itself: [^\n]*test-retest α 0\.\d\d < 0\.667/);
  });
});
