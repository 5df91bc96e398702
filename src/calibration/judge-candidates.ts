import { NotFoundError } from '../core/errors.js';
import { judgeSpecs, memberCandidate, parseCandidate } from '../core/judge-panel.js';
import type { JudgeRetest, RunRecord, Store } from '../storage/store.js';

/** A judge `juror calibrate` measures: a run's judge, a panel's aggregate, or one judge of a panel. */
export interface JudgeCandidate {
  /** How reports name it: the run id, or `RUN[SPEC]` for one judge of a panel run. */
  id: string;
  spec: string | null;
  retest: readonly JudgeRetest[];
  runId: string;
  /** One judge of a panel: its verdicts, not the panel's aggregate. */
  member?: string;
}

/**
 * The candidates named by `--judges`: a plain run id is that run's judge; a panel run's id is the
 * panel AND each of its judges (`RUN[SPEC]`), so a team sees whether the panel beats its best
 * judge; `RUN[SPEC]` is that one judge alone.
 */
export function judgeCandidates(store: Store, ids: readonly string[]): JudgeCandidate[] {
  return ids.flatMap((raw) => {
    const { run: runId, member } = parseCandidate(raw);
    const run = store.getRun(runId);
    if (!run) throw new NotFoundError(`judge run ${runId} not found (juror runs lists them)`);
    const members = panelJudges(run);
    if (member !== undefined) {
      if (!members.includes(member)) {
        const has = members.length > 1 ? `its panel judges are ${members.join(', ')}` : 'it was not judged by a panel';
        throw new NotFoundError(`run ${runId} has no panel judge "${member}" (${has})`);
      }
      return [{ id: memberCandidate(run.id, member), spec: member, retest: [], runId: run.id, member }];
    }
    const own: JudgeCandidate = { id: raw, spec: run.judge ?? null, retest: run.summary?.judgeRetest ?? [], runId: run.id };
    if (members.length < 2) return [own];
    return [own, ...members.map((m) => ({ id: memberCandidate(run.id, m), spec: m, retest: [], runId: run.id, member: m }))];
  });
}

/** A run's panel judges, in panel order (one judge or none: not a panel). */
function panelJudges(run: RunRecord): string[] {
  if (run.summary?.panel) return run.summary.panel.judges;
  return run.judge && run.judge.includes(',') ? judgeSpecs(run.judge, 'the run\'s judge') : [];
}
