import { z } from 'zod';
import { PANEL_AGGREGATES } from '../core/judge-panel.js';
import { REDUCERS } from '../core/reducer.js';
import { RubricSchema } from '../core/rubric.js';
import { StorageError } from '../core/errors.js';
import type { PassRule } from '../loader/suite.js';
import type { RunRecord } from '../storage/store.js';

/**
 * The configuration stored on every run (runs.config_json): what `--resume`, `juror judge`,
 * `juror merge`, reports and compare read back. The one schema for it; the Store keeps it as
 * JSON and knows nothing of its shape. Every field is optional when read, because runs stored by
 * older versions lack the newer ones.
 */
const PassRuleSchema = z.object({
  criterion: z.string(),
  op: z.enum(['>=', '>', '<=', '<', '==', '!=', 'passed']),
  target: z.union([z.number(), z.string(), z.null()]),
  text: z.string(),
  metric: z.enum(['cost', 'latency_ms']).optional(),
  where: z.string(),
}) satisfies z.ZodType<PassRule>;

const StoredRubricSchema = z.object({ path: z.string(), rubric: RubricSchema });

const ShardInfoSchema = z.object({ index: z.number(), count: z.number(), suiteCases: z.number(), fingerprint: z.string() });

export const RunConfigSchema = z.looseObject({
  suitePath: z.string().optional(),
  cache: z.boolean().optional(),
  timeoutMs: z.number().optional(),
  retries: z.number().optional(),
  concurrency: z.number().optional(),
  repeat: z.number().optional(),
  /** `--judge-repeat K`: asks of the rubric judge per output (absent: 1). */
  judgeRepeat: z.number().optional(),
  /** How the repeats of a case become one verdict (the suite's `reduce:`); read with reducerOf. */
  reduce: z.enum(REDUCERS).optional(),
  filter: z.string().nullable().optional(),
  exclude: z.array(z.string()).nullable().optional(),
  caseIds: z.array(z.string()).nullable().optional(),
  /** The suite's `pass:` rules as the run started (a resumed or re-judged run keeps them). */
  pass: z.array(PassRuleSchema).optional(),
  /** Every rubric the run's judge scored with. */
  rubrics: z.array(StoredRubricSchema).optional(),
  shard: ShardInfoSchema.optional(),
  /** Each criterion's [lowest, highest] value, from its scorer (runs stored before it: none; see criterion-bounds.ts). */
  bounds: z.record(z.string(), z.tuple([z.number(), z.number()])).optional(),
  mergedFrom: z.array(z.object({ shard: z.string(), runId: z.string(), db: z.string() })).optional(),
  /** A matrix run's columns, in column order (absent: one column, the run's provider and prompt). */
  columns: z.array(z.object({ provider: z.string(), prompt: z.string(), promptPath: z.string().optional() })).optional(),
  /** A one-column run whose prompt came from `--prompt FILE`. */
  promptPath: z.string().optional(),
  /** Judge runs: the rubric given with `juror judge --rubric` (absent: the suite's judge scorers). */
  rubricPath: z.string().nullable().optional(),
  /** A judge panel (`--judge a,b,c` or the suite's judge.providers): its judges in order and the ordinal rule. */
  judgePanel: z.object({ judges: z.array(z.string()), aggregate: z.enum(PANEL_AGGREGATES).optional() }).optional(),
  /** Calls go through the providers' batch APIs (`run --batch`); a resumed run keeps it. */
  batch: z.boolean().optional(),
});
export type RunConfig = z.infer<typeof RunConfigSchema>;

/** A run's stored configuration, checked against the schema (a damaged row fails loudly, naming the run). */
export function runConfig(run: Pick<RunRecord, 'id' | 'config'>): RunConfig {
  const parsed = RunConfigSchema.safeParse(run.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StorageError(`run ${run.id}: stored config is not valid (${issue.path.join('.') || 'config'}: ${issue.message})`);
  }
  return parsed.data;
}

/** The `pass:` rules a stored run decides by; a judge run decides by its parent's (stored on it too). */
export function storedPassRules(run: Pick<RunRecord, 'id' | 'config'>): PassRule[] {
  return runConfig(run).pass ?? [];
}
