/**
 * Fault injection for the mock server: a seeded random share of requests, plus a script of
 * "the next N requests fail with X" that tests push in front of it.
 */

export const FAULT_KINDS = [
  '429',
  '429-no-retry-after',
  '500',
  '502',
  '503',
  'reset',
  'timeout',
  'truncated',
  'non-json',
  'stream-cut',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  /** Share of requests that fail, 0..1. */
  rate: number;
  kinds: FaultKind[];
  seed?: number;
}

export interface Fault {
  kind: FaultKind;
  /** For 429: the Retry-After header in seconds (default 1). */
  retryAfterSec?: number;
}

export function isFaultKind(s: string): s is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(s);
}

export class FaultPlan {
  private readonly scripted: Fault[] = [];

  constructor(private readonly options?: FaultOptions) {}

  /** Fail the next `count` requests with `kind`, ahead of the random faults. */
  failNext(count: number, kind: FaultKind, retryAfterSec?: number): void {
    for (let i = 0; i < count; i++) this.scripted.push({ kind, retryAfterSec });
  }

  clear(): void {
    this.scripted.length = 0;
  }

  /** The fault for request number `n` (0-based), if any. Deterministic in (seed, n). */
  next(n: number): Fault | undefined {
    const scripted = this.scripted.shift();
    if (scripted) return scripted;
    const opts = this.options;
    if (!opts || opts.rate <= 0 || opts.kinds.length === 0) return undefined;
    const seed = opts.seed ?? 1;
    if (unit(seed, n, 0) >= opts.rate) return undefined;
    return { kind: opts.kinds[Math.floor(unit(seed, n, 1) * opts.kinds.length)]! };
  }
}

/** A well-mixed number in [0,1) from (seed, n, salt): mulberry32's finaliser over a combined key. */
export function unit(seed: number, n: number, salt: number): number {
  let a = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(n | 0, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35)) | 0;
  a = (a + 0x6d2b79f5) | 0;
  let t = Math.imul(a ^ (a >>> 15), 1 | a);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
