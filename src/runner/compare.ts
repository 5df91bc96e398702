import type { CaseStatus } from './types.js';
import type { CaseReport, RunReport } from './run-report.js';
import { compareIds } from './run-report.js';

export interface CaseChange {
  caseId: string;
  repeat: number;
  a: CaseStatus;
  b: CaseStatus;
  /** Why it fails in the run where it fails (the failing scores' reasons). */
  reasons: string[];
}

export interface RunSide {
  runId: string;
  total: number;
  passed: number;
  passRate: number | null;
}

export interface Comparison {
  a: RunSide;
  b: RunSide;
  /** b.passRate − a.passRate over each run's own cases; null when either run has none. */
  passRateDelta: number | null;
  criteria: Array<{ criterion: string; a: number | null; b: number | null; delta: number | null }>;
  /** Passed in A, failed in B (same case and repeat). */
  regressions: CaseChange[];
  /** Failed in A, passed in B. */
  fixes: CaseChange[];
  /** Other status changes (e.g. passed → errored/unscored): shown, not counted as regressions. */
  otherChanges: CaseChange[];
  onlyInA: number;
  onlyInB: number;
}

/**
 * Compare two runs case by case (pairs matched on case id and repeat index). Means are
 * recomputed over each run's scored values, so unscored stays out of both sides.
 */
export function compareReports(a: RunReport, b: RunReport): Comparison {
  const key = (c: CaseReport) => `${c.caseId}\u0000${c.repeat}`;
  const inA = new Map(a.cases.map((c) => [key(c), c]));
  const inB = new Map(b.cases.map((c) => [key(c), c]));
  const regressions: CaseChange[] = [];
  const fixes: CaseChange[] = [];
  const otherChanges: CaseChange[] = [];
  for (const [k, ca] of inA) {
    const cb = inB.get(k);
    if (!cb || ca.status === cb.status) continue;
    const change: CaseChange = {
      caseId: ca.caseId,
      repeat: ca.repeat,
      a: ca.status,
      b: cb.status,
      reasons: reasonsOf(cb.status === 'passed' ? ca : cb),
    };
    if (ca.status === 'passed' && cb.status === 'failed') regressions.push(change);
    else if (ca.status === 'failed' && cb.status === 'passed') fixes.push(change);
    else otherChanges.push(change);
  }
  const byId = (x: CaseChange, y: CaseChange) => compareIds(x.caseId, y.caseId) || x.repeat - y.repeat;
  const meansA = means(a.cases);
  const meansB = means(b.cases);
  const names = [...new Set([...meansA.keys(), ...meansB.keys()])].sort();
  const sa = side(a);
  const sb = side(b);
  return {
    a: sa,
    b: sb,
    passRateDelta: sa.passRate === null || sb.passRate === null ? null : round(sb.passRate - sa.passRate),
    criteria: names.map((criterion) => {
      const va = meansA.get(criterion) ?? null;
      const vb = meansB.get(criterion) ?? null;
      return { criterion, a: va, b: vb, delta: va === null || vb === null ? null : round(vb - va) };
    }),
    regressions: regressions.sort(byId),
    fixes: fixes.sort(byId),
    otherChanges: otherChanges.sort(byId),
    onlyInA: [...inA.keys()].filter((k) => !inB.has(k)).length,
    onlyInB: [...inB.keys()].filter((k) => !inA.has(k)).length,
  };
}

function side(r: RunReport): RunSide {
  const total = r.cases.length;
  const passed = r.cases.filter((c) => c.status === 'passed').length;
  return { runId: r.run.id, total, passed, passRate: total === 0 ? null : round(passed / total) };
}

function means(cases: CaseReport[]): Map<string, number | null> {
  const acc = new Map<string, { sum: number; n: number }>();
  for (const c of cases) {
    for (const s of c.scores) {
      const e = acc.get(s.criterion) ?? { sum: 0, n: 0 };
      if (s.value !== null) {
        e.sum += s.value;
        e.n++;
      }
      acc.set(s.criterion, e);
    }
  }
  return new Map([...acc].map(([k, { sum, n }]) => [k, n === 0 ? null : round(sum / n)]));
}

function reasonsOf(c: CaseReport): string[] {
  if (c.error) return [c.error];
  return c.scores
    .filter((s) => s.passed === false || s.value === null)
    .map((s) => `${s.criterion} = ${s.value === null ? 'unscored' : (s.label ?? s.value)}${s.reason ? `: ${s.reason}` : ''}`);
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
