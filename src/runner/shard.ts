import { createHash } from 'node:crypto';
import type { Case } from '../core/case.js';
import { ConfigError } from '../core/errors.js';

/** One slice of a suite: shard `index` (1-based) of `count`, as in `juror run --shard 2/3`. */
export interface Shard {
  index: number;
  count: number;
}

/** What a sharded run records about itself, so `juror merge` can check its shards belong together. */
export interface ShardInfo extends Shard {
  /** Cases in the whole suite (before --filter and sharding). */
  suiteCases: number;
  /** sha256 of every case of the whole suite, in file order: equal only for the same suite. */
  fingerprint: string;
}

export const MAX_SHARDS = 10_000;

/** Parse `i/n` (1 ≤ i ≤ n): the vitest / Playwright notation. */
export function parseShard(raw: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new ConfigError(`--shard must be i/n with 1 <= i <= n <= ${MAX_SHARDS} (e.g. 2/3), got "${raw}"`);
  }
  return { index, count };
}

/**
 * The shard (1-based) a case belongs to, from a hash of its id alone: reordering the case file
 * or adding cases never moves an existing case to another shard (for the same count).
 */
export function shardOf(caseId: string, count: number): number {
  const h = createHash('sha256').update(caseId).digest();
  // 48 bits keep the modulo bias far below anything visible at realistic shard counts
  return (h.readUIntBE(0, 6) % count) + 1;
}

export function inShard(caseId: string, shard: Shard): boolean {
  return shard.count === 1 || shardOf(caseId, shard.count) === shard.index;
}

export function shardInfo(cases: Iterable<Case>, shard: Shard): ShardInfo {
  const f = new SuiteFingerprint();
  for (const c of cases) f.add(c);
  return f.info(shard);
}

/** shardInfo case by case, for cases streamed from their files. */
export class SuiteFingerprint {
  private readonly h = createHash('sha256');
  private n = 0;

  add(c: Case): void {
    this.h.update(JSON.stringify(c)).update('\n');
    this.n++;
  }

  info(shard: Shard): ShardInfo {
    return { ...shard, suiteCases: this.n, fingerprint: this.h.digest('hex') };
  }
}
