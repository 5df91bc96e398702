/**
 * Prediction-powered inference for a mean: a worked example computed by hand (the papers' formulas,
 * written out below), and seeded simulations whose 95% intervals must cover the true mean 93-97% of
 * the time over 1,500 draws each (pure arithmetic, no I/O).
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/stats/bootstrap.js';
import { ppiMean, ppiPlusPlusMean, tunedLambda, Z95, type PpiInput } from '../../src/stats/ppi-mean.js';

// N = 10 outputs, the judge passes 8: f = 1,1,1,1,1,1,1,1,0,0.
// Humans labelled n = 4 of them, outputs 0, 1, 2 and 8: judge 1,1,1,0, humans 1,0,1,0.
const judgeAll = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0];
const example: PpiInput = { judgeAll, judgeLabelled: [1, 1, 1, 0], human: [1, 0, 1, 0] };

describe('ppiMean: worked example by hand', () => {
  // mean(f over N) = 8/10 = 0.8
  // s2_f = (8 (1 - 0.8)^2 + 2 (0 - 0.8)^2) / 9 = (0.32 + 1.28) / 9 = 8/45
  // rectifier Y - f = 0, -1, 0, 0: mean -1/4; s2 = (3 (1/4)^2 + (3/4)^2) / 3 = (3/16 + 9/16) / 3 = 1/4
  // theta = 0.8 - 0.25 = 0.55
  const s2f = 8 / 45;
  const s2rect = 1 / 4;

  it("the paper's setting (disjoint sets): var = s2_f / N + s2(Y - f) / n", () => {
    const r = ppiMean({ ...example, labelledInAll: false });
    // var = (8/45)/10 + (1/4)/4 = 0.0177778 + 0.0625 = 0.0802778, se = 0.283333
    const se = Math.sqrt(s2f / 10 + s2rect / 4);
    expect(se).toBeCloseTo(0.283333, 6);
    expect(r).toMatchObject({ lambda: 1, n: 4, N: 10 });
    if (r.value === null) throw new Error(r.reason);
    expect(r.value).toBeCloseTo(0.55, 12);
    expect(r.se).toBeCloseTo(se, 12);
    expect(r.ci95[0]).toBeCloseTo(0.55 - 1.959964 * 0.2833333, 5); // -0.005323
    expect(r.ci95[1]).toBeCloseTo(1.105323, 5);
  });

  it('labelled outputs among the N (a review of the run): plus 2 cov(f, Y - f) / N', () => {
    // over the labelled: f mean 3/4, rectifier mean -1/4;
    // cov = ((1/4)(1/4) + (1/4)(-3/4) + (1/4)(1/4) + (-3/4)(1/4)) / 3 = (1/16 - 3/16 + 1/16 - 3/16) / 3 = -1/12
    // var = 0.0802778 + 2 (-1/12) / 10 = 0.0802778 - 0.0166667 = 0.0636111, se = 0.252212
    const r = ppiMean(example);
    if (r.value === null) throw new Error(r.reason);
    expect(r.value).toBeCloseTo(0.55, 12);
    expect(r.se).toBeCloseTo(Math.sqrt(s2f / 10 + s2rect / 4 - 2 / 12 / 10), 12);
    expect(r.se).toBeCloseTo(0.252212, 6);
    expect(r.ci95[1] - r.ci95[0]).toBeCloseTo(2 * Z95 * 0.252212, 5);
  });

  it('PPI++: lambda = cov(Y, f) / ((1 + n/N) var f) for disjoint sets, cov(Y, f) / var f among the N', () => {
    // cov(Y, f) over the labelled: Y mean 1/2, f mean 3/4:
    //   ((1/2)(1/4) + (-1/2)(1/4) + (1/2)(1/4) + (-1/2)(-3/4)) / 3 = (1/8 - 1/8 + 1/8 + 3/8) / 3 = 1/6
    // disjoint: (1/6) / ((1 + 4/10) (8/45)) = 75/112 = 0.669643;  among the N: (1/6) / (8/45) = 15/16
    expect(tunedLambda({ ...example, labelledInAll: false })).toBeCloseTo(75 / 112, 12);
    expect(tunedLambda(example)).toBeCloseTo(15 / 16, 12);
    const r = ppiPlusPlusMean({ ...example, labelledInAll: false });
    if (r.value === null) throw new Error(r.reason);
    // theta = l 0.8 + mean(Y - l f) = 0.535714 + 0.5 - 0.502232 = 0.533482
    const l = 75 / 112;
    expect(r.value).toBeCloseTo(l * 0.8 + (0.5 - l * 0.75), 12);
    expect(r.value).toBeCloseTo(0.533482, 6);
    // var = l^2 s2_f / N + s2(Y - l f) / n; Y - l f = 1 - l, -l, 1 - l, 0 (mean 0.5 - 0.75 l)
    const rect = [1 - l, -l, 1 - l, 0];
    const m = rect.reduce((a, b) => a + b, 0) / 4;
    const s2 = rect.reduce((a, b) => a + (b - m) ** 2, 0) / 3;
    expect(r.se).toBeCloseTo(Math.sqrt((l * l * s2f) / 10 + s2 / 4), 12);
  });

  it('the tuned weight is clipped to [0, 1]; a constant judge gets weight 0 (the humans alone)', () => {
    expect(tunedLambda({ judgeAll: [0, 1, 0, 1], judgeLabelled: [0, 1, 0], human: [1, 0, 1] })).toBe(0);
    expect(tunedLambda({ judgeAll: [0, 0.1, 0, 0.1], judgeLabelled: [0, 0.1, 0], human: [0, 1, 0] })).toBe(1);
    const flat = ppiPlusPlusMean({ judgeAll: [1, 1, 1, 1], judgeLabelled: [1, 1], human: [0, 1] });
    expect(flat).toMatchObject({ lambda: 0, value: 0.5 });
  });

  it('labelling every output leaves exactly the humans own sampling error, s2(Y) / N', () => {
    const human = [1, 0, 1, 1, 0, 1, 1, 1, 0, 1];
    const r = ppiMean({ judgeAll, judgeLabelled: judgeAll, human });
    if (r.value === null) throw new Error(r.reason);
    const m = 0.7;
    expect(r.value).toBeCloseTo(m, 12);
    expect(r.se).toBeCloseTo(Math.sqrt(human.reduce((a, y) => a + (y - m) ** 2, 0) / 9 / 10), 12);
  });

  it('too few labels is undefined with a reason; misaligned input is a RangeError', () => {
    expect(ppiMean({ judgeAll, judgeLabelled: [1], human: [1] })).toEqual({ value: null, reason: expect.stringContaining('at least two') });
    expect(() => ppiMean({ judgeAll, judgeLabelled: [1, 0], human: [1] })).toThrow(RangeError);
  });
});

/**
 * Simulation: outputs pass with probability p; a biased judge passes 95% of true passes and 40% of
 * true fails (at p = 0.7 it says 0.785); humans label a uniform random
 * sample of n of the N outputs. Truth = p (the rate for outputs like these, which is what both the
 * judge-only Wilson interval and a human sample estimate). 1,500 seeded draws, 95% intervals.
 */
function coverage(estimate: (x: PpiInput) => ReturnType<typeof ppiMean>, opts: { N: number; n: number; p: number; seed: number; draws: number; scores?: boolean }): number {
  const rand = mulberry32(opts.seed);
  let covered = 0;
  for (let d = 0; d < opts.draws; d++) {
    const human = new Array<number>(opts.N);
    const judge = new Array<number>(opts.N);
    for (let i = 0; i < opts.N; i++) {
      if (opts.scores) {
        // 1..5 scores: truth uniform on 1..5 (mean 3), judge = truth + 1 with probability 0.4, capped at 5
        const y = 1 + Math.floor(rand() * 5);
        human[i] = y;
        judge[i] = Math.min(5, y + (rand() < 0.4 ? 1 : 0));
      } else {
        const y = rand() < opts.p ? 1 : 0;
        human[i] = y;
        judge[i] = y === 1 ? (rand() < 0.95 ? 1 : 0) : rand() < 0.4 ? 1 : 0;
      }
    }
    // uniform sample of n indices without replacement (partial Fisher-Yates)
    const idx = Array.from({ length: opts.N }, (_, i) => i);
    for (let i = 0; i < opts.n; i++) {
      const j = i + Math.floor(rand() * (opts.N - i));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    const picked = idx.slice(0, opts.n);
    const r = estimate({ judgeAll: judge, judgeLabelled: picked.map((i) => judge[i]!), human: picked.map((i) => human[i]!) });
    const truth = opts.scores ? 3 : opts.p;
    if (r.value !== null && r.ci95[0] <= truth && truth <= r.ci95[1]) covered++;
  }
  return covered / opts.draws;
}

describe('ppiMean: 95% intervals cover the truth 93-97% of the time (seeded simulation)', () => {
  const cases = [
    { name: 'classical PPI, pass rate 0.7, n = 120 of N = 1000', f: ppiMean, N: 1000, n: 120, p: 0.7, seed: 7 },
    { name: 'PPI++, pass rate 0.7, n = 120 of N = 500', f: ppiPlusPlusMean, N: 500, n: 120, p: 0.7, seed: 8 },
    { name: 'classical PPI, pass rate 0.5, n = 60 of N = 300', f: ppiMean, N: 300, n: 60, p: 0.5, seed: 9 },
    { name: 'PPI++, 1-5 score means, n = 80 of N = 500', f: ppiPlusPlusMean, N: 500, n: 80, p: 0, seed: 10, scores: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const rate = coverage((x) => c.f(x), { ...c, draws: 1500 });
      expect(rate).toBeGreaterThanOrEqual(0.93);
      expect(rate).toBeLessThanOrEqual(0.97);
    });
  }

  it('the correction is needed: on the same draws the judge alone almost never covers the truth', () => {
    const judgeOnly = (x: PpiInput) => {
      const m = x.judgeAll.reduce((a, b) => a + b, 0) / x.judgeAll.length;
      const se = Math.sqrt((m * (1 - m)) / x.judgeAll.length);
      return { value: m, se, ci95: [m - Z95 * se, m + Z95 * se] as [number, number], lambda: 1, n: 0, N: x.judgeAll.length };
    };
    expect(coverage(judgeOnly, { N: 1000, n: 120, p: 0.7, seed: 7, draws: 300 })).toBeLessThan(0.01);
  });
});
