import type { Score, Usage } from '../core/score.js';
import type { RunSummary } from '../storage/store.js';
import type { Reducer } from '../core/reducer.js';
import { ErrorGroups } from './error-groups.js';
import { RetestCollector } from './judge-retest.js';
import { PanelCollector } from './panel-summary.js';
import { type Repeated, reduceAll, summarizeRepeats } from './repeats.js';
import type { CaseOutcome, RunPlan } from './types.js';
import { boundedMeanInterval, partsFromClusters, partsFromMoments, placementOf, widerPlacement, type Bounds, type Placement } from '../stats/mean-ci.js';

/**
 * Incremental run summary. Keeps running sums plus one float per case for latency percentiles
 * (8 bytes/case in a growable typed array), never the outputs themselves.
 * Invariant: passed + failed + errored + unscored = total.
 */
export class SummaryBuilder {
  private total = 0;
  private counts = { passed: 0, failed: 0, errored: 0, unscored: 0 };
  private sums = new Map<string, { sum: number; sumSq: number; n: number; placement: Placement; byCase?: Map<string, { sum: number; n: number }> }>();
  /**
   * With --repeat > 1 the repeats of one case are not independent: keep per-case sums so the
   * interval is clustered by case (memory per case only then; a one-repeat run stays constant).
   */
  clusterByCase = false;
  /** Each criterion's range (from its scorer), so its interval stays inside it; set before add(). */
  bounds: Readonly<Record<string, Bounds>> = {};
  private usage: Usage = { inputTokens: 0, outputTokens: 0 };
  private judgeUsage: Usage = { inputTokens: 0, outputTokens: 0 };
  private cost = 0;
  private costKnown = false;
  private latencies = new Float64Array(1024);
  private nLatencies = 0;
  private errors = new ErrorGroups();
  private retest = new RetestCollector();
  private panel = new PanelCollector();
  cachedCalls = 0;
  retries = 0;
  // With --repeat N > 1: each repeat's status and score values (not outputs), reduced at build().
  private reducing: { n: number; reduce: Reducer; decide: RunPlan['decide']; seen: Repeated[] } | null = null;

  /** Call before add() when a run has N > 1 repeats per case: build() then adds `repeats`. */
  trackRepeats(n: number, reduce: Reducer, decide: RunPlan['decide']): void {
    this.reducing = n > 1 ? { n, reduce, decide, seen: [] } : null;
  }

  add(o: CaseOutcome): void {
    this.total++;
    this.reducing?.seen.push({
      caseId: o.caseId,
      status: o.status,
      latencyMs: o.latencyMs,
      costUsd: o.costUsd,
      scores: o.scores.map((s) => ({ scorer: s.scorer, criterion: s.criterion, value: s.value, label: s.label, passed: s.passed })),
    });
    this.counts[o.status]++;
    for (const s of o.scores) this.addScore(s, o.caseId);
    this.retest.add(o.scores);
    // Clustered by case only with repeats, as the means above are (each outcome its own cluster otherwise).
    this.panel.add(o.scores, this.clusterByCase ? o.caseId : this.total);
    addUsage(this.usage, o.usage);
    addUsage(this.judgeUsage, o.judgeUsage);
    if (o.costUsd !== null) {
      this.cost += o.costUsd;
      this.costKnown = true;
    }
    if (o.latencyMs !== null && o.status !== 'errored') this.pushLatency(o.latencyMs);
    if (o.status === 'errored' || o.status === 'unscored' || o.scores.some((s) => s.value === null || s.panel?.some((v) => v.value === null))) this.errors.add(o);
  }

  /** `extra`: calls counted by the provider wrappers (judge cache hits and retries included). */
  build(
    durationMs: number,
    extra: { retries?: number; cachedCalls?: number; repeats?: number; notRun?: number; unpricedModels?: readonly string[] } = {},
  ): RunSummary {
    const meanByCriterion: Record<string, number | null> = {};
    for (const [criterion, { sum, n }] of [...this.sums].sort(([a], [b]) => a.localeCompare(b))) {
      meanByCriterion[criterion] = n === 0 ? null : round(sum / n, 4);
    }
    const ciByCriterion: NonNullable<RunSummary['ciByCriterion']> = {};
    for (const [criterion, e] of this.sums) {
      const parts = e.byCase
        ? partsFromClusters([...e.byCase.values()].map((x) => x.sum), [...e.byCase.values()].map((x) => x.n), e.placement)
        : partsFromMoments(e.n, e.sum, e.sumSq, e.placement);
      const r = boundedMeanInterval(parts, this.bounds[criterion]);
      ciByCriterion[criterion] = { n: e.n, ci95: r.value !== null && r.ci95 ? [round(r.ci95[0], 4), round(r.ci95[1], 4)] : null };
    }
    const sorted = this.latencies.slice(0, this.nLatencies).sort();
    const r = this.reducing;
    return {
      total: this.total,
      ...this.counts,
      meanByCriterion,
      ciByCriterion,
      usage: { ...this.usage },
      judgeUsage: { ...this.judgeUsage },
      costUsd: this.costKnown ? round(this.cost, 6) : null,
      latencyP50Ms: percentile(sorted, 0.5),
      latencyP95Ms: percentile(sorted, 0.95),
      cachedCalls: this.cachedCalls + (extra.cachedCalls ?? 0),
      retries: this.retries + (extra.retries ?? 0),
      durationMs: Math.round(durationMs),
      errors: this.errors.build(),
      ...(extra.repeats !== undefined ? { repeats: extra.repeats } : {}),
      ...(extra.notRun ? { notRun: extra.notRun } : {}),
      ...(extra.unpricedModels?.length ? { unpricedModels: [...extra.unpricedModels] } : {}),
      ...(r ? { reduced: summarizeRepeats(reduceAll(r.seen, r.reduce, r.decide), r.n, r.reduce) } : {}),
      ...(this.retest.size ? { judgeRetest: this.retest.build() } : {}),
      ...(this.panel.size ? { panel: this.panel.build(this.bounds) } : {}),
    };
  }

  private addScore(s: Score, caseId: string): void {
    let entry = this.sums.get(s.criterion);
    if (!entry) this.sums.set(s.criterion, (entry = { sum: 0, sumSq: 0, n: 0, placement: 'ends', ...(this.clusterByCase ? { byCase: new Map() } : {}) }));
    // Unscored is absent from the mean, never a 0.
    if (s.value !== null && Number.isFinite(s.value)) {
      entry.sum += s.value;
      entry.sumSq += s.value * s.value;
      entry.placement = widerPlacement(entry.placement, placementOf(s.value, this.bounds[s.criterion]));
      entry.n++;
      if (entry.byCase) {
        const c = entry.byCase.get(caseId) ?? { sum: 0, n: 0 };
        c.sum += s.value;
        c.n++;
        entry.byCase.set(caseId, c);
      }
    }
  }

  private pushLatency(ms: number): void {
    if (this.nLatencies === this.latencies.length) {
      const bigger = new Float64Array(this.latencies.length * 2);
      bigger.set(this.latencies);
      this.latencies = bigger;
    }
    this.latencies[this.nLatencies++] = ms;
  }
}

/** Nearest-rank percentile of an ascending array; null when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return Math.round(sorted[rank - 1]! * 10) / 10;
}

function addUsage(into: Usage, u: Usage): void {
  into.inputTokens += u.inputTokens;
  into.outputTokens += u.outputTokens;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
