import type { Score } from '../core/score.js';
import type { JudgeRepeats } from '../scorers/judge/judge-repeats.js';
import type { AlphaLevel } from '../stats/krippendorff-alpha.js';
import { raterAlpha } from '../stats/rater-alpha.js';
import type { JudgeRetest } from '../storage/store.js';

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
