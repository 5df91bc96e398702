import type { PairwiseSource, PairwiseVerdictRecord } from '../storage/store.js';
import { bradleyTerry } from '../stats/bradley-terry.js';
import { undefinedResult, type Undefined } from '../stats/result.js';
import { winRate, type WinRate } from '../stats/win-rate.js';
import { wilsonInterval, type Proportion } from '../stats/wilson.js';

/**
 * The figures of a pairwise comparison, per criterion and judge: each pair of sources' record
 * (A's wins, ties, losses, unscored pairs, win rate with a Wilson CI), the judge's position
 * consistency (the share of pairs whose two orders disagreed, with a Wilson CI), and, with three
 * or more sources, Bradley–Terry strengths with 95% CIs. Pure: verdict rows in, a JSON-ready
 * document out (what `--json` prints and what the comparison's summary stores).
 */
export interface PairRecord extends WinRate {
  a: string;
  b: string;
  unscored: number;
}

export interface PositionConsistency {
  /** Pairs whose both orders gave a usable answer. */
  judged: number;
  /** Of those, pairs where the two orders disagreed (counted as ties above). */
  inconsistent: number;
  rate: Proportion | (Undefined & { n: 0 });
}

export interface StrengthRow {
  source: string;
  log_strength: number;
  se: number;
  ci95: [number, number];
}

export interface JudgeFigures {
  judge: string;
  pairs: PairRecord[];
  position: PositionConsistency;
  /** Three or more sources only; sum-to-zero log-strengths, ties as half a win each. */
  bradley_terry?: { value: StrengthRow[]; identification: 'sum-to-zero'; ties: 'half a win each' } | Undefined;
}

export interface PairwiseSummary {
  comparison: string;
  sources: PairwiseSource[];
  judges: string[];
  /** Pairs of outputs judged (per judge and criterion each). */
  pairs: number;
  criteria: Array<{ criterion: string; judges: JudgeFigures[] }>;
}

export function summarisePairwise(input: {
  comparison: string;
  sources: PairwiseSource[];
  judges: string[];
  criteria: string[];
  verdicts: PairwiseVerdictRecord[];
  /** Which source each output id belongs to (index into sources). */
  sourceOf: Map<number, number>;
}): PairwiseSummary {
  const { sources, verdicts, sourceOf } = input;
  const k = sources.length;
  const pairKeys = new Set(verdicts.map((v) => `${v.outputA}:${v.outputB}`));
  const criteria = input.criteria.map((criterion) => ({
    criterion,
    judges: input.judges.map((judge): JudgeFigures => {
      const rows = verdicts.filter((v) => v.criterion === criterion && v.judge === judge);
      const tally = new Map<string, { w: number; t: number; l: number; u: number }>();
      const wins = Array.from({ length: k }, () => new Array<number>(k).fill(0));
      let judged = 0;
      let inconsistent = 0;
      for (const v of rows) {
        const a = sourceOf.get(v.outputA);
        const b = sourceOf.get(v.outputB);
        if (a === undefined || b === undefined) continue;
        const key = `${a}:${b}`;
        const t = tally.get(key) ?? { w: 0, t: 0, l: 0, u: 0 };
        tally.set(key, t);
        if (v.consistent !== null) {
          judged++;
          if (!v.consistent) inconsistent++;
        }
        if (v.verdict === 'A') (t.w++, (wins[a]![b]! += 1));
        else if (v.verdict === 'B') (t.l++, (wins[b]![a]! += 1));
        else if (v.verdict === 'tie') (t.t++, (wins[a]![b]! += 0.5), (wins[b]![a]! += 0.5));
        else t.u++;
      }
      const pairs: PairRecord[] = [];
      for (let a = 0; a < k; a++) {
        for (let b = a + 1; b < k; b++) {
          const t = tally.get(`${a}:${b}`) ?? { w: 0, t: 0, l: 0, u: 0 };
          pairs.push({ a: sources[a]!.label, b: sources[b]!.label, ...winRate(t.w, t.t, t.l), unscored: t.u });
        }
      }
      const position: PositionConsistency = {
        judged,
        inconsistent,
        rate: judged === 0 ? { ...undefinedResult('no pair was judged in both orders'), n: 0 } : wilsonInterval(inconsistent, judged),
      };
      const figures: JudgeFigures = { judge, pairs, position };
      if (k > 2) {
        const bt = bradleyTerry(wins);
        figures.bradley_terry =
          bt.value === null
            ? undefinedResult(bt.reason.replace(/item (\d+)/g, (_m, i: string) => sources[Number(i)]!.label))
            : {
                identification: 'sum-to-zero',
                ties: 'half a win each',
                value: bt.value
                  .map((s) => ({ source: sources[s.index]!.label, log_strength: s.logStrength, se: s.se, ci95: s.ci95 }))
                  .sort((x, y) => y.log_strength - x.log_strength),
              };
      }
      return figures;
    }),
  }));
  return { comparison: input.comparison, sources, judges: input.judges, pairs: pairKeys.size, criteria };
}
