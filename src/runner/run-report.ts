import { contextChunks, type Case, type Chunk } from '../core/case.js';
import { NotFoundError } from '../core/errors.js';
import type { Score } from '../core/score.js';
import type { OutputRecord, RunRecord, RunSummary, Store } from '../storage/store.js';
import { runBounds, type CriterionBounds } from './criterion-bounds.js';
import { outcomeFromStored } from './resume.js';
import type { CaseOutcome, RunPlan } from './types.js';

/** One (case, repeat) with everything a report shows: its outcome plus what went in and came out. */
export interface CaseReport extends CaseOutcome {
  outputId: number;
  input: Record<string, unknown>;
  expected?: unknown;
  context?: Chunk[];
  tags: string[];
  prompt: string;
  output: string | null;
}

export interface RunReport {
  run: RunRecord;
  summary: RunSummary | null;
  cases: CaseReport[];
  /** Each criterion's range (see criterion-bounds.ts): every interval of its mean stays inside it. */
  bounds?: CriterionBounds;
}

/**
 * Everything stored about a run, joined per (case, repeat). For a 'judge' run the outputs are the
 * parent's and the scores are the judge run's own. Statuses are recomputed with `decide`
 * (the run's thresholds), so reports and `compare` agree with the run's summary.
 */
export function loadRunReport(store: Store, runId: string, decide: RunPlan['decide']): RunReport {
  const run = store.getRun(runId);
  if (!run) throw new NotFoundError(`run "${runId}" not found`);
  const outputRunId = run.kind === 'judge' && run.parentRunId ? run.parentRunId : run.id;
  const casesById = new Map<string, Case>();
  for (const c of store.getCases(outputRunId)) casesById.set(c.id, c);
  const scoresByOutput = new Map<number, Score[]>();
  for (const s of store.getScores(run.id)) {
    let list = scoresByOutput.get(s.outputId);
    if (!list) scoresByOutput.set(s.outputId, (list = []));
    list.push(stripRecord(s));
  }
  let outputs: OutputRecord[] = store.getOutputs(outputRunId);
  // A judge run only covers the outputs it scored (errored outputs have nothing to judge).
  if (run.kind === 'judge') outputs = outputs.filter((o) => scoresByOutput.has(o.id));
  const cases = outputs
    .map((o): CaseReport => {
      const scores = scoresByOutput.get(o.id) ?? [];
      const outcome = outcomeFromStored(o, scores, { decide });
      const c = casesById.get(o.caseId);
      return {
        caseId: o.caseId,
        repeat: o.repeat,
        ...(outcome.col === undefined ? {} : { col: outcome.col }),
        outputId: o.id,
        status: outcome.status,
        input: c?.vars ?? {},
        expected: c?.expected,
        context: c?.context === undefined ? undefined : contextChunks(c.context),
        tags: c?.tags ?? [],
        prompt: o.prompt,
        output: o.output,
        error: o.error,
        scores,
        usage: o.usage,
        judgeUsage: outcome.judgeUsage,
        latencyMs: o.latencyMs,
        costUsd: o.costUsd,
        cached: o.cached,
        attempts: o.attempts,
      };
    })
    .sort((a, b) => compareIds(a.caseId, b.caseId) || (a.col ?? 0) - (b.col ?? 0) || a.repeat - b.repeat);
  return { run, summary: run.summary, cases, bounds: runBounds(run) };
}

function stripRecord(s: Score & { id?: number; runId?: string; outputId?: number; createdAt?: string }): Score {
  const { id: _id, runId: _r, outputId: _o, createdAt: _c, ...score } = s;
  return score;
}

/** Natural order: "c2" before "c10". */
export function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
