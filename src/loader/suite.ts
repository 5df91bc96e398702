import type { PanelAggregate } from '../core/judge-panel.js';
import type { Reducer } from '../core/reducer.js';
import type { Case } from '../core/case.js';
import type { Rubric } from '../core/rubric.js';
import type { Template } from '../templates/render.js';
import type { PromptSpec } from '../templates/render-prompt.js';

/** One `scorers:` entry, validated and prepared (regexes compiled, schema files read). */
export interface ScorerSpec {
  /** Scorer kind: `contains`, `rubric`, ... */
  name: string;
  /** Parsed options (kind-specific; for `rubric`: `{ rubric, path }`). */
  options: unknown;
  /** Criteria this entry's scores carry (`contains`, or `rubric.<criterion>` for each criterion). */
  criteria: string[];
  /** `suite.yaml:line` of the entry. */
  where: string;
}

/** Case measurements a pass rule can read besides scores. */
export type CaseMetricName = 'cost' | 'latency_ms';

export type PassOp = '>=' | '>' | '<=' | '<' | '==' | '!=' | 'passed';

/** One `pass:` entry: `rubric.faithfulness: ">= 4"`, `contains: "== 1"`, `rubric.verdict: "== pass"`. */
export interface PassRule {
  /** Criterion the rule reads (`contains`, `rubric.faithfulness`). */
  criterion: string;
  op: PassOp;
  /** A number, or a scale label (== / != only); null for `passed` (the score's own passed flag). */
  target: number | string | null;
  /** As written, for messages: `>= 4`. */
  text: string;
  /** Set when the rule reads a case measurement (`cost` in USD, `latency_ms`) rather than a score. */
  metric?: CaseMetricName;
  where: string;
}

/** One of a matrix suite's prompts: how its column is labelled (the path as written, or `prompt N`) and the templates. */
export interface SuitePrompt {
  label: string;
  prompt: PromptSpec;
}

export interface SuiteJudge {
  /**
   * Provider spec (`mock`, `openai:gpt-4o`); `--judge` overrides. A panel (`judge.providers`) is
   * its specs joined by commas (`mock,mock:noisy`), as `--judge a,b` gives it.
   */
  provider?: string;
  /** A panel's rule for ordinal criteria (`judge.aggregate`; default mean). */
  aggregate?: PanelAggregate;
  rubric?: Rubric;
  rubricPath?: string;
  /** Custom judge prompt template (default prompts/judge-rubric.hbs). */
  prompt?: Template;
  /** Template for the "input" shown to the judge (default: the case's question-like var). */
  input?: Template;
}

/** Cases read on demand: every call of `each()` reads (and validates) them again, in file order. */
export interface CaseSource {
  each(): Iterable<Case>;
  /** `suite.yaml:line` of `cases:`, for "the suite has no cases". */
  where: string;
}

/** A suite file, fully resolved: paths absolute, templates read, rubrics parsed, cases loaded. */
export interface Suite {
  name: string;
  description?: string;
  /** Absolute path of the suite file. */
  path: string;
  /** The prompt (the first of `prompts:` in a matrix suite). */
  prompt: PromptSpec;
  /** A matrix suite's `prompts:` (absent: the one `prompt`), each with the label its column shows. */
  prompts?: SuitePrompt[];
  /** The cases; empty when they are streamed from `caseSource` (loadSuite's `streamCases`). */
  cases: Case[];
  /** With `streamCases`: the case files, read case by case on each pass instead of held in `cases`. */
  caseSource?: CaseSource;
  /** Absolute path of the cases file; null for inline cases or several files (a glob, a list). */
  casesPath: string | null;
  /** Provider spec; `--provider` overrides. */
  provider?: string;
  /** A matrix suite's `providers:` (absent: the one `provider`); `--provider a,b` overrides. */
  providers?: string[];
  judge?: SuiteJudge;
  scorers: ScorerSpec[];
  /** Case pass rules; empty = every score must pass. */
  pass: PassRule[];
  /** How the repeats of a case (--repeat N) become its verdict; default majority. */
  reduce: Reducer;
  defaults: { temperature?: number; maxTokens?: number };
}
