import { ConfigError } from './errors.js';

/**
 * A judge panel: several judge models score the same outputs on the same rubric, each verdict is
 * kept, and the panel's aggregate is the criterion's score (`rubric.NAME`). The PoLL idea (Verga et
 * al. 2024): a panel of small judges can agree with people better than one large judge.
 */

/** How the members' verdicts on an ordinal criterion become the panel's; nominal criteria always take the majority. */
export const PANEL_AGGREGATES = ['mean', 'median', 'majority'] as const;
export type PanelAggregate = (typeof PANEL_AGGREGATES)[number];

/** One panel member's verdict on one criterion of one output (the Score carries the panel's aggregate). */
export interface PanelVerdict {
  /** The member's provider spec (`openai:gpt-4o-mini`). */
  judge: string;
  /** The level (ordinal) or choice index (nominal); null = this member gave no usable verdict. */
  value: number | null;
  label?: string;
  passed?: boolean;
  reason?: string;
  /** The member's call: usage, latency, model, cached. */
  meta?: Record<string, unknown>;
}

/**
 * Whether a member's verdict was lost to its failed call (a provider failure after retries): it
 * has no call behind it, unlike an answer that gave no usable verdict (which keeps its call's meta).
 */
export function lostToFailedCall(v: PanelVerdict): boolean {
  return v.value === null && v.meta?.usage === undefined;
}

/**
 * `--judge a,b,c` (or a run's recorded `judge`) → the judge specs; one spec is a single judge.
 * An empty item or a judge named twice is a mistake (`what` says where the list came from).
 */
export function judgeSpecs(list: string, what = '--judge', where?: string): string[] {
  const specs = list.split(',').map((s) => s.trim());
  if (specs.some((s) => s === '')) throw new ConfigError(`${what} "${list}": a comma-separated list of judge specs, none empty`, where);
  const twice = specs.find((s, i) => specs.indexOf(s) !== i);
  if (twice) throw new ConfigError(`${what} "${list}" lists ${twice} twice: each panel judge once`, where);
  return specs;
}

/**
 * How `juror calibrate` names one member of a panel run as a candidate: `RUN[SPEC]`
 * (`r_abc[openai:gpt-4o-mini]`); the plain run id is the panel's aggregate.
 */
export function memberCandidate(runId: string, spec: string): string {
  return `${runId}[${spec}]`;
}

/** `r_abc[openai:gpt-4o-mini]` → { run: 'r_abc', member: 'openai:gpt-4o-mini' }; a plain id has no member. */
export function parseCandidate(id: string): { run: string; member?: string } {
  const m = /^(.+?)\[([^\]]+)\]$/.exec(id.trim());
  return m ? { run: m[1]!, member: m[2]! } : { run: id.trim() };
}
