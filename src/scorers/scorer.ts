import type { z } from 'zod';
import type { Case } from '../core/case.js';
import type { PanelAggregate } from '../core/judge-panel.js';
import type { Score, Usage } from '../core/score.js';
import type { Provider } from '../providers/provider.js';
import type { Suite } from '../loader/suite.js';
import type { Bounds } from '../stats/mean-ci.js';

/** The range of a share, a similarity or a 0/1 check. */
export const UNIT_BOUNDS: Bounds = [0, 1];

/** One judge (or other model) call a scorer made, reported so the runner can count tokens once. */
export interface ScorerCall {
  provider: string;
  /** The model priced for this call (the wrapped provider's `model`); absent: the run's judge model. */
  model?: string;
  usage: Usage;
  latencyMs: number;
  cached?: boolean;
  attempts?: number;
}

export interface ScoreContext {
  signal?: AbortSignal;
  /** Repeat index of the output being scored (part of the judge's cache key). */
  repeat?: number;
  /** Called once per model call a scorer makes (scores also carry usage in `meta`, per call). */
  onCall?: (call: ScorerCall) => void;
}

export interface Scorer {
  name: string;
  /** The criteria this scorer's scores carry (`contains`, `rubric.faithfulness`, ...). */
  criteria: string[];
  score(output: string, c: Case, ctx?: ScoreContext): Promise<Score[]>;
  /**
   * Pre-flight, before any provider call: throw a ConfigError when case `c` lacks an input this
   * scorer needs (no expected value, a missing template variable). Absent: nothing to check.
   */
  check?(c: Case): void;
  /**
   * The range each criterion's values lie in, when this scorer knows it per criterion (a rubric's
   * scale, a choice judge's scores). Intervals of the criterion's mean are kept inside it.
   */
  bounds?: Readonly<Record<string, Bounds>>;
}

export interface ScorerDeps {
  /** The judge provider (already wrapped with retries/cache by the runner). */
  judge?: Provider;
  /** `--judge-repeat K`: rubric judges ask K times about each output (default 1). */
  judgeRepeats?: number;
  /**
   * A judge panel (two or more judges): rubric scorers ask every member and score the aggregate.
   * `judge` is then the first member, which the other judge-based scorers ask.
   */
  panel?: { members: ReadonlyArray<{ spec: string; provider: Provider }>; aggregate?: PanelAggregate };
}

/** Helpers a scorer definition gets while a suite is loading. */
export interface PrepareEnv {
  /** Resolve a path written in the suite file. */
  resolvePath(p: string): string;
  /** `suite.yaml:line` of this scorer entry. */
  where: string;
}

/** A scorer kind: its options schema, load-time preparation, and construction. */
export interface ScorerDef<O = unknown> {
  name: string;
  summary: string;
  options: z.ZodType<O>;
  /** Calls the judge model (the run then needs a judge provider). */
  usesJudge?: boolean;
  /** The range of every criterion it scores, when the kind fixes it ([0, 1] for checks and shares). */
  bounds?: Bounds;
  /** The criterion its scores carry when the suite gives no `as:` (default: the scorer's name). */
  defaultCriterion?(options: O): string;
  /** Every criterion it scores, the base one first (default: just the base). */
  criteriaOf?(options: O, base: string): string[];
  /** Load-time work that may fail with ConfigError (compile a regex, read a schema file). */
  prepare?(options: O, env: PrepareEnv): O;
  create(options: O, criterion: string, suite: Suite, deps: ScorerDeps): Scorer;
}

/** A deterministic check's score: 1/0, passed, and a reason when it failed. */
export function check(scorer: string, criterion: string, ok: boolean, reason: string): Score {
  return { scorer, criterion, value: ok ? 1 : 0, passed: ok, reason };
}

/** Unscored: the check could not be made (no expected value, ...). Never 0, never a pass. */
export function unscored(scorer: string, criterion: string, reason: string): Score {
  return { scorer, criterion, value: null, reason };
}

/** A short, single-line excerpt of model output for reasons. */
export function excerpt(s: string, max = 80): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return JSON.stringify(one.length > max ? one.slice(0, max - 1) + '…' : one);
}

export function stringify(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
