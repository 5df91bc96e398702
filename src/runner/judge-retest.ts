import type { Score } from '../core/score.js';
import type { JudgeRepeats } from '../scorers/judge/judge-repeats.js';
import { krippendorffAlpha, type AlphaLevel } from '../stats/krippendorff-alpha.js';
import type { AlphaFigure, JudgeRetest } from '../storage/store.js';

export type { JudgeRetest };

/**
 * The judge's test-retest agreement under `--judge-repeat K`: per criterion, Krippendorff's alpha
 * with the outputs as units and the K asks as raters (ordinal alpha for an ordinal rubric scale,
 * nominal for choices), from the verdicts each combined score keeps in `meta.judgeRepeats`.
 * 1 = the judge gives the same verdict every time it is asked; near 0 = its verdicts on one output
 * differ as much as verdicts on different outputs.
 */
export class RetestCollector {
  private byCriterion = new Map<string, { scale: JudgeRepeats['scale']; repeats: number; rows: Array<Array<number | null>> }>();

  add(scores: readonly Score[]): void {
    for (const s of scores) {
      const r = s.meta?.judgeRepeats as JudgeRepeats | undefined;
      if (!r || !Array.isArray(r.values)) continue;
      let e = this.byCriterion.get(s.criterion);
      if (!e) this.byCriterion.set(s.criterion, (e = { scale: r.scale, repeats: 0, rows: [] }));
      e.repeats = Math.max(e.repeats, r.values.length);
      e.rows.push(r.values);
    }
  }

  get size(): number {
    return this.byCriterion.size;
  }

  build(): JudgeRetest[] {
    return [...this.byCriterion]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([criterion, e]) => retestOf(criterion, e.scale, e.repeats, e.rows));
  }
}

export function retestOf(criterion: string, scale: JudgeRepeats['scale'], repeats: number, rows: ReadonlyArray<ReadonlyArray<number | null>>): JudgeRetest {
  const level: AlphaLevel = scale === 'ordinal' ? 'ordinal' : 'nominal';
  return { criterion, level, repeats, ...raterAlpha(rows, repeats, level) };
}

/**
 * Krippendorff's alpha with outputs as units and `raters` raters (a judge's K asks, or a panel's
 * judges), rounded to 4 places with Gwet's SE and 95% CI when defined; `outputs` counts the units
 * with two or more ratings, the only ones alpha can use.
 */
export function raterAlpha(rows: ReadonlyArray<ReadonlyArray<number | null>>, raters: number, level: AlphaLevel): { outputs: number; alpha: AlphaFigure } {
  const padded = rows.map((r) => Array.from({ length: raters }, (_, j) => r[j] ?? null));
  const outputs = padded.filter((r) => r.filter((v) => v !== null).length >= 2).length;
  const a = krippendorffAlpha(padded, { level });
  const alpha: AlphaFigure =
    a.value === null
      ? { value: null, reason: a.reason }
      : { value: round(a.value), ...(a.se === undefined ? {} : { se: round(a.se) }), ...(a.ci95 ? { ci95: [round(a.ci95[0]), round(a.ci95[1])] as [number, number] } : {}) };
  return { outputs, alpha };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
