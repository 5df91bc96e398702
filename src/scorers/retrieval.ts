import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { parseJsonPath } from './json-path.js';
import { goldIds, retrievedIds, type IdSource } from './retrieval-ids.js';
import { unscored, type ScorerDef, UNIT_BOUNDS } from './scorer.js';

/** Retrieval metrics over ranked ids with binary relevance (as trec_eval's P_k, recall_k, recip_rank, ndcg_cut_k). */

/** Relevant ids among the first k, over k (fewer than k retrieved still divides by k, as trec_eval). */
export function precisionAtK(retrieved: string[], gold: ReadonlySet<string>, k: number): number {
  return hits(retrieved, gold, k) / k;
}

/** Relevant ids among the first k, over all relevant ids. */
export function recallAtK(retrieved: string[], gold: ReadonlySet<string>, k: number): number {
  return gold.size === 0 ? 0 : hits(retrieved, gold, k) / gold.size;
}

/** 1 / rank of the first relevant id within the first k (0 when none is). */
export function reciprocalRank(retrieved: string[], gold: ReadonlySet<string>, k = Infinity): number {
  const i = retrieved.slice(0, k).findIndex((id) => gold.has(id));
  return i < 0 ? 0 : 1 / (i + 1);
}

/** nDCG@k, binary gains: Σ rel_i / log2(i + 1) over the ideal ranking's (all relevant first). */
export function ndcgAtK(retrieved: string[], gold: ReadonlySet<string>, k: number): number {
  let dcg = 0;
  retrieved.slice(0, k).forEach((id, i) => {
    if (gold.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, gold.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

function hits(retrieved: string[], gold: ReadonlySet<string>, k: number): number {
  return retrieved.slice(0, k).filter((id) => gold.has(id)).length;
}

const Options = z.preprocess(
  (v) => (v === null || v === undefined ? {} : typeof v === 'number' ? { k: v } : v),
  z.strictObject({
    /** Cut-off rank; default: every retrieved id. */
    k: z.number().int().positive().optional(),
    /** Where the retrieved ids are: the case's context chunks (default) or the output JSON. */
    from: z.enum(['context', 'output']).default('context'),
    /** With `from: output`: where the list of ids is in the JSON (default: the whole output). */
    path: z.string().min(1).optional(),
    allow_fence: z.boolean().default(false),
    /** Pass at this value; without one the score is a measurement (pass rules may still use it). */
    threshold: z.number().min(0).max(1).optional(),
  }),
);
type Opts = z.infer<typeof Options> & { source?: IdSource };

type Metric = (retrieved: string[], gold: ReadonlySet<string>, k: number) => number;

function retrievalScorer(name: string, label: string, metric: Metric): ScorerDef<Opts> {
  return {
    name,
    bounds: UNIT_BOUNDS,
    summary: `${label} over retrieved chunk ids vs the case's gold_ids (k, from: context|output, threshold)`,
    options: Options as z.ZodType<Opts>,
    prepare(o, env) {
      if (o.from === 'context') {
        if (o.path !== undefined) throw new ConfigError(`${name}: "path" is for from: output`, env.where);
        return { ...o, source: { from: 'context' } };
      }
      const path = o.path === undefined ? [] : parseJsonPath(o.path);
      if (typeof path === 'string') throw new ConfigError(`${name}: bad path "${o.path}": ${path}`, env.where);
      return { ...o, source: { from: 'output', path, pathText: o.path, allowFence: o.allow_fence } };
    },
    create(o, criterion) {
      const source = o.source ?? { from: 'context' as const };
      return {
        name,
        criteria: [criterion],
        async score(output, c) {
          const gold = goldIds(c);
          if (!gold) return [unscored(name, criterion, `case "${c.id}" has no gold_ids`)];
          const got = retrievedIds(output, c, source);
          if ('missing' in got) return [unscored(name, criterion, got.missing)];
          const k = o.k ?? Math.max(got.ids.length, 1);
          const goldSet = new Set(gold);
          const value = metric(got.ids, goldSet, k);
          const found = got.ids.slice(0, k).filter((id) => goldSet.has(id));
          const reason = `${label.replace('k', String(k))} = ${Math.round(value * 1000) / 1000}: ${found.length} of ${gold.length} gold in the top ${k}${found.length ? ` (${found.join(', ')})` : ''}`;
          const score = { scorer: name, criterion, value, reason };
          return [o.threshold === undefined ? score : { ...score, passed: value >= o.threshold }];
        },
      };
    },
  };
}

export const precisionAtKScorer = retrievalScorer('precision-at-k', 'precision@k', precisionAtK);
export const recallAtKScorer = retrievalScorer('recall-at-k', 'recall@k', recallAtK);
export const mrrScorer = retrievalScorer('mrr', 'MRR@k', reciprocalRank);
export const ndcgAtKScorer = retrievalScorer('ndcg-at-k', 'nDCG@k', ndcgAtK);
