import { lostToFailedCall } from '../core/judge-panel.js';
import type { Score } from '../core/score.js';
import type { PanelCriterion, PanelSummary, MeanFigureSummary } from '../storage/store.js';
import { scoreInterval, type Bounds } from '../stats/mean-ci.js';
import { raterAlpha } from './judge-retest.js';

/**
 * A judge panel's figures for the run summary (`summary.panel`): per criterion, the panel's mean
 * and each judge's own mean with their 95% intervals (bounded by the criterion's range, clustered
 * by case with repeats, as the summary's means are), and the judges' agreement with each other: Krippendorff's
 * alpha with outputs as units and judges as raters (ordinal for an ordinal scale, nominal for
 * choices), with Gwet's SE and CI. Fed the aggregate scores, which carry the members' verdicts.
 */
export class PanelCollector {
  private judges: string[] = [];
  private byCriterion = new Map<string, Entry>();

  /** `cluster`: what the interval clusters by (the case id with repeats; the outcome's number without). */
  add(scores: readonly Score[], cluster: string | number): void {
    for (const s of scores) {
      const verdicts = s.panel;
      if (!verdicts?.length) continue;
      let e = this.byCriterion.get(s.criterion);
      if (!e) this.byCriterion.set(s.criterion, (e = { level: 'ordinal', aggregate: 'mean', panel: [], ids: [], members: new Map(), rows: [] }));
      const { aggregate, scale } = s.meta ?? {};
      if (aggregate === 'mean' || aggregate === 'median' || aggregate === 'majority') e.aggregate = aggregate;
      if (scale === 'nominal') e.level = 'nominal';
      e.panel.push(s.value);
      e.ids.push(cluster);
      const row: Array<number | null> = [];
      for (const v of verdicts) {
        if (!this.judges.includes(v.judge)) this.judges.push(v.judge);
        let m = e.members.get(v.judge);
        if (!m) e.members.set(v.judge, (m = { values: [], ids: [], failed: 0 }));
        m.values.push(v.value);
        if (lostToFailedCall(v)) m.failed++;
        m.ids.push(cluster);
        row[this.judges.indexOf(v.judge)] = v.value;
      }
      e.rows.push(row);
    }
  }

  get size(): number {
    return this.byCriterion.size;
  }

  build(bounds: Readonly<Record<string, Bounds>>): PanelSummary {
    const criteria = [...this.byCriterion]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([criterion, e]): PanelCriterion => {
        const b = bounds[criterion];
        const rows = e.rows.map((r) => this.judges.map((_, j) => r[j] ?? null));
        return {
          criterion,
          level: e.level,
          aggregate: e.aggregate,
          panel: figure(e.panel, e.ids, b),
          members: this.judges
            .filter((j) => e.members.has(j))
            .map((judge) => {
              const m = e.members.get(judge)!;
              return { judge, ...figure(m.values, m.ids, b), unscored: m.values.filter((v) => v === null).length, failed: m.failed };
            }),
          ...raterAlpha(rows, this.judges.length, e.level),
        };
      });
    return { judges: [...this.judges], criteria };
  }
}

/** Whether a panel member's call failed on some output (its verdicts lost to a provider failure: exit 3). */
export function panelCallsFailed(p: PanelSummary | undefined): boolean {
  return p?.criteria.some((c) => c.members.some((m) => (m.failed ?? 0) > 0)) ?? false;
}

interface Entry {
  level: 'ordinal' | 'nominal';
  aggregate: PanelCriterion['aggregate'];
  panel: Array<number | null>;
  ids: Array<string | number>;
  members: Map<string, { values: Array<number | null>; ids: Array<string | number>; failed: number }>;
  rows: Array<Array<number | null>>;
}

function figure(values: ReadonlyArray<number | null>, ids: ReadonlyArray<string | number>, bounds: Bounds | undefined): MeanFigureSummary {
  const r = scoreInterval(values, ids, bounds);
  if (r.value === null) return { mean: null, ci95: null, n: 0 };
  return { mean: round(r.value), ci95: r.ci95 ? [round(r.ci95[0]), round(r.ci95[1])] : null, n: r.n };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
