import { lostToFailedCall } from '../core/judge-panel.js';
import type { Score } from '../core/score.js';
import type { ChoiceShare, PanelCriterion, PanelFigure, PanelSummary } from '../storage/store.js';
import { scoreInterval, type Bounds } from '../stats/mean-ci.js';
import { wilsonInterval } from '../stats/wilson.js';
import { raterAlpha } from '../stats/rater-alpha.js';
import { round4 } from '../stats/round.js';

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
      if (!e) this.byCriterion.set(s.criterion, (e = { level: 'ordinal', aggregate: 'mean', panel: [], ids: [], members: new Map(), rows: [], labels: new Map() }));
      const { aggregate, scale } = s.meta ?? {};
      if (aggregate === 'mean' || aggregate === 'median' || aggregate === 'majority') e.aggregate = aggregate;
      if (scale === 'nominal') e.level = 'nominal';
      e.panel.push(s.value);
      if (s.value !== null && s.label !== undefined) e.labels.set(s.value, s.label);
      e.ids.push(cluster);
      const row: Array<number | null> = [];
      for (const v of verdicts) {
        if (!this.judges.includes(v.judge)) this.judges.push(v.judge);
        let m = e.members.get(v.judge);
        if (!m) e.members.set(v.judge, (m = { values: [], ids: [], failed: 0 }));
        m.values.push(v.value);
        if (v.value !== null && v.label !== undefined) e.labels.set(v.value, v.label);
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
        const fig = (values: ReadonlyArray<number | null>, ids: ReadonlyArray<string | number>) => (e.level === 'nominal' ? choiceFigure(values, e.labels) : figure(values, ids, b));
        return {
          criterion,
          level: e.level,
          aggregate: e.aggregate,
          panel: fig(e.panel, e.ids),
          members: this.judges
            .filter((j) => e.members.has(j))
            .map((judge) => {
              const m = e.members.get(judge)!;
              return { judge, ...fig(m.values, m.ids), unscored: m.values.filter((v) => v === null).length, failed: m.failed };
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
  /** A nominal criterion's choice labels by index, as the verdicts gave them. */
  labels: Map<number, string>;
}

function figure(values: ReadonlyArray<number | null>, ids: ReadonlyArray<string | number>, bounds: Bounds | undefined): PanelFigure {
  const r = scoreInterval(values, ids, bounds);
  if (r.value === null) return { mean: null, ci95: null, n: 0 };
  return { mean: round4(r.value), ci95: r.ci95 ? [round4(r.ci95[0]), round4(r.ci95[1])] : null, n: r.n };
}

/**
 * A nominal criterion's figure: each choice any verdict on it gave (in scale order, so every judge
 * lists the same ones), its share of the usable verdicts and its Wilson 95% interval (the
 * verdicts taken as independent, as the pass rate's interval takes the cases).
 */
function choiceFigure(values: ReadonlyArray<number | null>, labels: ReadonlyMap<number, string>): PanelFigure {
  const scored = values.filter((v): v is number => v !== null);
  const n = scored.length;
  const counts = new Map<number, number>();
  for (const v of scored) counts.set(v, (counts.get(v) ?? 0) + 1);
  const seen = [...new Set([...labels.keys(), ...counts.keys()])].sort((a, b) => a - b);
  const choices = n === 0 ? [] : seen.map((k): ChoiceShare => {
    const count = counts.get(k) ?? 0;
    const w = wilsonInterval(count, n);
    const ci95: [number, number] = w.value === null ? [0, 1] : [round4(w.ci95[0]), round4(w.ci95[1])];
    return { choice: labels.get(k) ?? String(k), count, share: round4(count / n), ci95 };
  });
  return { mean: null, ci95: null, n, choices };
}
