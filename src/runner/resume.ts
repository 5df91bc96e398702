import { NotFoundError, ConfigError } from '../core/errors.js';
import type { Score } from '../core/score.js';
import type { OutputRecord, RunRecord, Store } from '../storage/store.js';
import type { CaseOutcome, RunPlan } from './types.js';
import { judgeUsageOf } from './execute-case.js';

/** Key of one (case, repeat) pair. */
export function pairKey(caseId: string, repeat: number, col = 0): string {
  return col === 0 ? `${caseId}\u0000${repeat}` : `${caseId}\u0000${repeat}\u0000${col}`;
}

/**
 * Which run `--resume [RUN]` means: the given id, else the most recent running/interrupted run.
 * A finished run cannot be resumed (it is immutable).
 */
export function findResumableRun(store: Store, id?: string): RunRecord {
  const run = id ? store.getRun(id) : store.latestUnfinishedRun();
  if (!run) throw new NotFoundError(id ? `run "${id}" not found` : 'no interrupted run to resume');
  if (run.kind !== 'run') throw new ConfigError(`run "${run.id}" is a ${run.kind} run; only suite runs can be resumed`);
  if (run.status === 'finished') throw new ConfigError(`run "${run.id}" already finished; nothing to resume`);
  return run;
}

/** What is already stored for a run: the pairs to skip, and their outcomes for the summary. */
export interface ResumeState {
  done: Set<string>;
  outcomes: CaseOutcome[];
}

export function loadResumeState(store: Store, runId: string, plan: Pick<RunPlan, 'decide'>): ResumeState {
  const byOutput = new Map<number, Score[]>();
  for (const s of store.getScores(runId)) {
    let list = byOutput.get(s.outputId);
    if (!list) byOutput.set(s.outputId, (list = []));
    list.push(s);
  }
  const done = new Set<string>();
  const outcomes: CaseOutcome[] = [];
  for (const o of store.getOutputs(runId)) {
    done.add(pairKey(o.caseId, o.repeat, o.col));
    outcomes.push(outcomeFromStored(o, byOutput.get(o.id) ?? [], plan));
  }
  return { done, outcomes };
}

/** Rebuild a CaseOutcome from what the Store holds (resume, reports, show, compare). */
export function outcomeFromStored(o: OutputRecord, scores: Score[], plan: Pick<RunPlan, 'decide'>): CaseOutcome {
  const status = o.error !== null || o.output === null ? 'errored' : plan.decide(scores, { costUsd: o.costUsd, latencyMs: o.latencyMs });
  return {
    caseId: o.caseId,
    repeat: o.repeat,
    ...(o.provider != null ? { col: o.col } : {}),
    status,
    scores,
    usage: o.usage,
    judgeUsage: judgeUsageOf(scores),
    latencyMs: o.latencyMs,
    costUsd: o.costUsd,
    cached: o.cached,
    attempts: o.attempts,
    error: o.error,
  };
}
