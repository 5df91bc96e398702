import { holmAdjust } from '../stats/holm.js';
import { mcnemarExact } from '../stats/mcnemar.js';
import { scoreInterval } from '../stats/mean-ci.js';
import { pairedBootstrapDiff } from '../stats/paired-bootstrap.js';
import { wilcoxonSignedRank } from '../stats/wilcoxon.js';
import { wilsonInterval } from '../stats/wilson.js';
import type { CriterionComparison, FigureSet, PassRateComparison, Verdict } from './compare.js';
import type { CriterionBounds } from './criterion-bounds.js';
import type { CaseReport } from './run-report.js';

export interface Pair {
  baseline: CaseReport;
  candidate: CaseReport;
}

export interface Settings {
  alpha: number;
  seed: number;
  resamples: number;
  gating: ReadonlySet<string>;
  /** Each run's criterion ranges: the two means' intervals stay inside them. */
  bounds: { baseline: CriterionBounds; candidate: CriterionBounds };
}

/** Match the two runs' (case, repeat)s; order follows the candidate run (natural id order). */
export function pairCases(baseline: readonly CaseReport[], candidate: readonly CaseReport[]) {
  const key = (c: CaseReport) => `${c.caseId}\u0000${c.repeat}`;
  const inBaseline = new Map(baseline.map((c) => [key(c), c]));
  const pairs: Pair[] = [];
  for (const c of candidate) {
    const b = inBaseline.get(key(c));
    if (b) pairs.push({ baseline: b, candidate: c });
  }
  return { pairs, baselineOnly: baseline.length - pairs.length, candidateOnly: candidate.length - pairs.length };
}

/** Pass rate and every criterion for one set of pairs (the whole comparison, or one slice). */
export function comparePairs(pairs: readonly Pair[], s: Settings): FigureSet {
  const criteria = criterionNames(pairs).map((name) => compareCriterion(pairs, name, s));
  const holm = holmAdjust(criteria.map((c) => c.test.p_value));
  criteria.forEach((c, i) => {
    c.test.p_holm = holm[i]!;
    c.verdict = verdictOf(c.test.p_holm, c.diff.value, s.alpha);
  });
  return { paired: pairs.length, pass_rate: comparePassRate(pairs, s), criteria };
}

function comparePassRate(pairs: readonly Pair[], s: Settings): PassRateComparison {
  const base = pairs.map((p) => (p.baseline.status === 'passed' ? 1 : 0));
  const cand = pairs.map((p) => (p.candidate.status === 'passed' ? 1 : 0));
  let b = 0;
  let c = 0;
  for (let i = 0; i < pairs.length; i++) {
    if (base[i]! > cand[i]!) b++;
    else if (cand[i]! > base[i]!) c++;
  }
  const mcnemar = mcnemarExact(b, c);
  return {
    baseline: wilsonInterval(sum(base), pairs.length),
    candidate: wilsonInterval(sum(cand), pairs.length),
    diff: pairedBootstrapDiff(base, cand, { seed: s.seed, resamples: s.resamples, clusters: clusterIds(pairs) }),
    mcnemar: { b, c, p_value: mcnemar.p_value, method: 'exact' },
    verdict: b + c === 0 ? 'no significant difference' : verdictOf(mcnemar.p_value, c - b, s.alpha),
  };
}

function compareCriterion(pairs: readonly Pair[], criterion: string, s: Settings): CriterionComparison {
  const side = (which: 'baseline' | 'candidate') => {
    const values: number[] = [];
    const ids: string[] = [];
    for (const p of pairs) {
      const v = valueOf(p[which], criterion);
      if (v !== null) {
        values.push(v);
        ids.push(p[which].caseId);
      }
    }
    return scoreInterval(values, ids, s.bounds[which][criterion]);
  };
  const base: number[] = [];
  const cand: number[] = [];
  const complete: Pair[] = [];
  let wins = 0;
  let ties = 0;
  let losses = 0;
  for (const p of pairs) {
    const x = valueOf(p.baseline, criterion);
    const y = valueOf(p.candidate, criterion);
    if (x === null || y === null) continue;
    base.push(x);
    cand.push(y);
    complete.push(p);
    if (y > x) wins++;
    else if (y < x) losses++;
    else ties++;
  }
  const w = wilcoxonSignedRank(base, cand);
  const test =
    w.value === null
      ? { name: 'wilcoxon signed-rank' as const, p_value: null, p_holm: null, reason: w.reason }
      : { name: 'wilcoxon signed-rank' as const, p_value: w.p_value, p_holm: null, method: w.method };
  return {
    criterion,
    gating: s.gating.has(criterion),
    baseline: side('baseline'),
    candidate: side('candidate'),
    diff: pairedBootstrapDiff(base, cand, { seed: s.seed, resamples: s.resamples, clusters: clusterIds(complete) }),
    test,
    wins,
    ties,
    losses,
    verdict: 'no significant difference',
  };
}

function verdictOf(p: number | null, direction: number | null, alpha: number): Verdict {
  if (p === null || direction === null || !(p < alpha) || direction === 0) return 'no significant difference';
  return direction > 0 ? 'better' : 'worse';
}

/** Case ids as clusters only when some case has several repeats (else each pair stands alone). */
function clusterIds(pairs: readonly Pair[]): string[] | undefined {
  return pairs.some((p) => p.candidate.repeat > 0) ? pairs.map((p) => p.candidate.caseId) : undefined;
}

function criterionNames(pairs: readonly Pair[]): string[] {
  const names = new Set<string>();
  for (const p of pairs) for (const c of [p.baseline, p.candidate]) for (const s of c.scores) names.add(s.criterion);
  return [...names].sort();
}

function valueOf(c: CaseReport, criterion: string): number | null {
  const s = c.scores.find((x) => x.criterion === criterion);
  return s && s.value !== null && Number.isFinite(s.value) ? s.value : null;
}

function sum(xs: readonly number[]): number {
  let t = 0;
  for (const x of xs) t += x;
  return t;
}
