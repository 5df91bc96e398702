import { undefinedResult, type Undefined } from './result.js';
import { wilsonInterval, type Proportion } from './wilson.js';

export interface WinRate {
  wins: number;
  ties: number;
  losses: number;
  /** wins / (wins + losses) with a Wilson 95% interval: the share of decided pairs A won. */
  win_rate: Proportion | (Undefined & { n: 0 });
  /** ties / all pairs. */
  tie_rate: number | null;
}

/**
 * A head-to-head record. The win rate is over the DECIDED pairs (ties left out), so it is a
 * binomial proportion and the Wilson interval applies as it stands; ties are reported beside it
 * rather than folded in as half-wins (which would make the count non-binomial and the interval
 * too wide). Bradley–Terry (bradley-terry.ts) counts a tie as half a win each instead.
 */
export function winRate(wins: number, ties: number, losses: number): WinRate {
  for (const x of [wins, ties, losses]) {
    if (!Number.isInteger(x) || x < 0) throw new RangeError(`winRate: counts must be whole numbers >= 0, got ${x}`);
  }
  const decided = wins + losses;
  const all = decided + ties;
  const rate = decided === 0 ? { ...undefinedResult(all === 0 ? 'no pairs compared' : 'every pair was a tie'), n: 0 as const } : wilsonInterval(wins, decided);
  return { wins, ties, losses, win_rate: rate, tie_rate: all === 0 ? null : ties / all };
}
