import type { Case } from '../core/case.js';
import { CancelledError, ConfigError, describeError, ProviderError, StorageError } from '../core/errors.js';
import { ZERO_USAGE, type Score, type Usage } from '../core/score.js';
import type { CompletionRequest, CompletionResult, Provider } from '../providers/provider.js';
import type { NewOutput, OutputRecord } from '../storage/store.js';
import type { ScoreContext, ScorerCall } from '../scorers/scorer.js';
import type { CaseOutcome, RunColumn, RunPlan } from './types.js';
import { promptText } from './types.js';

export interface ExecuteDeps {
  runId: string;
  plan: RunPlan;
  /** The system under test, already wrapped with retries and cache (absent when every output is stored). */
  provider?: Provider;
  /** Aborted when in-flight calls must stop (the grace period after Ctrl-C ran out). */
  callSignal: AbortSignal;
  estimateCost?: (model: string, usage: Usage) => number | null;
  judgeModel?: string | null;
  /** A matrix cell: its column (stamped on the output and outcome) and that column's prompt. */
  column?: RunColumn & { index: number };
  render?: RunPlan['render'];
}

export interface ExecutedCase {
  /** The new output to store; absent when the output was reused (`stored`): only scores are new. */
  output?: NewOutput;
  /** The stored output the scores belong to, when it was reused. */
  outputId?: number;
  scores: Score[];
  outcome: CaseOutcome;
  /** A template/config problem rather than a provider failure (decides exit 2 vs 3). */
  configError: boolean;
}

/** What scoring needs from a generation, whether it was called now or read back from the Store. */
interface Generated {
  prompt: string;
  text: string;
  usage: Usage;
  /** Null for a batch answer: it has no latency of its own (it came with thousands of others, hours later). */
  latencyMs: number | null;
  /** No new cost for the system under test: a cache hit, or an output stored by an earlier run. */
  free: boolean;
  cached: boolean;
  attempts: number;
}

/**
 * One (case, repeat): generate → score → decide. The generation is a call to the system under
 * test, or, when `stored` is given (`juror judge`), that stored output: everything after it is the
 * same code. Never throws for a case-level failure: a provider error after retries becomes an
 * errored case with the provider's message. Returns null when the work was cut off by
 * cancellation, so nothing half-done is stored and `--resume` redoes it.
 */
export async function executeCase(c: Case, repeat: number, deps: ExecuteDeps, stored?: OutputRecord): Promise<ExecutedCase | null> {
  const { plan, callSignal } = deps;
  let gen: Generated;
  if (stored) {
    if (stored.output === null) throw new StorageError(`output ${stored.id} has no text to score`);
    // The system under test is not called again: its tokens and cost were spent by the parent run.
    gen = { prompt: stored.prompt, text: stored.output, usage: ZERO_USAGE, latencyMs: stored.latencyMs ?? 0, free: true, cached: stored.cached, attempts: stored.attempts };
  } else {
    const provider = deps.provider;
    if (!provider) throw new StorageError('no provider for the system under test and no stored output');
    let prompt = '';
    let result: CompletionResult;
    try {
      const request = systemRequest({ ...plan, render: deps.render ?? plan.render }, c, repeat);
      prompt = promptText(request.messages);
      result = await provider.complete(request, { signal: callSignal });
    } catch (err) {
      // Cancelled: Ctrl-C, or the run stopped on a fatal provider error before this call went out.
      if (callSignal.aborted || err instanceof CancelledError) return null;
      return errored(c, repeat, prompt, err, deps);
    }
    if (callSignal.aborted) return null;
    const cached = Boolean(result.cached);
    gen = { prompt, text: result.text, usage: result.usage, latencyMs: Number.isFinite(result.latencyMs) ? Math.round(result.latencyMs * 10) / 10 : null, free: cached, cached, attempts: result.attempts ?? 1 };
  }

  const scores: Score[] = [];
  const calls: ScorerCall[] = [];
  const ctx: ScoreContext = { signal: callSignal, repeat, onCall: (call) => void calls.push(call) };
  for (const scorer of plan.scorers) {
    try {
      scores.push(...(await scorer.score(gen.text, c, ctx)));
    } catch (err) {
      if (callSignal.aborted || err instanceof CancelledError) return null;
      // A scorer that crashes leaves its criteria unscored, with the reason: never a 0. Under their
      // own names (`label-set`, `rubric.faithfulness`), so `pass:` rules and means find them.
      const reason = `scorer failed: ${describeError(err)}`;
      const criteria = scorer.criteria?.length ? scorer.criteria : [scorer.name];
      for (const criterion of criteria) scores.push({ scorer: scorer.name, criterion, value: null, reason });
    }
  }
  // A judge call cut off by Ctrl-C shows up as an unscored verdict; do not store that as the answer.
  if (callSignal.aborted) return null;

  const judgeUsage = calls.length > 0 ? sumUsage(calls) : judgeUsageOf(scores);
  const costUsd = caseCost(deps, deps.provider?.model ?? null, gen.usage, gen.free, calls);
  // Cost and latency rules read what this case cost now and how long the system took to answer.
  const status = plan.decide(scores, { costUsd, latencyMs: gen.latencyMs });
  const col = deps.column?.index;
  const outcome: CaseOutcome = {
    caseId: c.id,
    repeat,
    ...(col === undefined ? {} : { col }),
    status,
    scores,
    usage: gen.usage,
    judgeUsage,
    latencyMs: gen.latencyMs,
    costUsd,
    cached: stored ? calls.length > 0 && calls.every((x) => x.cached) : gen.cached,
    attempts: stored ? calls.reduce((t, x) => t + (x.attempts ?? 1), 0) : gen.attempts,
    error: null,
  };
  if (stored) return { outputId: stored.id, scores, configError: false, outcome };
  const output: NewOutput = {
    runId: deps.runId,
    caseId: c.id,
    repeat,
    ...cellOf(deps),
    prompt: gen.prompt,
    output: gen.text,
    error: null,
    usage: gen.usage,
    latencyMs: gen.latencyMs,
    costUsd,
    cached: gen.cached,
    attempts: gen.attempts,
  };
  return { output, scores, configError: false, outcome };
}

/** The call to the system under test for one (case, repeat); the --batch path asks the same (batch-run.ts). */
export function systemRequest(plan: Pick<RunPlan, 'render' | 'params'>, c: Case, repeat: number): CompletionRequest {
  return {
    messages: plan.render(c),
    temperature: plan.params.temperature,
    maxTokens: plan.params.maxTokens,
    meta: { caseId: c.id, repeat, expected: c.expected, ...(c.mock?.answer === undefined ? {} : { script: c.mock.answer }) },
  };
}

/** What a matrix output records of its column (nothing in a one-column run, as before matrices). */
function cellOf(deps: ExecuteDeps): Pick<NewOutput, 'col' | 'provider' | 'promptLabel'> {
  const c = deps.column;
  return c ? { col: c.index, provider: c.provider, promptLabel: c.prompt } : {};
}

function errored(c: Case, repeat: number, prompt: string, err: unknown, deps: ExecuteDeps): ExecutedCase {
  const message = describeError(err);
  // withRetry reports how many tries it took in its message ("gave up after N attempts").
  const attempts = Number(/gave up after (\d+) attempts/.exec(message)?.[1] ?? 1);
  const zero = { inputTokens: 0, outputTokens: 0 };
  const output: NewOutput = {
    runId: deps.runId,
    caseId: c.id,
    repeat,
    ...cellOf(deps),
    prompt,
    output: null,
    error: message,
    usage: zero,
    latencyMs: null,
    costUsd: null,
    cached: false,
    attempts,
  };
  return {
    output,
    scores: [],
    configError: err instanceof ConfigError && !(err instanceof ProviderError),
    outcome: {
      caseId: c.id,
      repeat,
      ...(deps.column ? { col: deps.column.index } : {}),
      status: 'errored',
      scores: [],
      usage: zero,
      judgeUsage: zero,
      latencyMs: null,
      costUsd: null,
      cached: false,
      attempts,
      error: message,
    },
  };
}

/**
 * Judge token usage for a case. A judge scorer puts the usage of its one call on every criterion
 * score it returns, so count it once per scorer.
 */
export function judgeUsageOf(scores: Score[]): Usage {
  const seen = new Set<string>();
  const total = { inputTokens: 0, outputTokens: 0 };
  for (const s of scores) {
    const u = s.meta?.usage as Partial<Usage> | undefined;
    if (!u || seen.has(s.scorer)) continue;
    seen.add(s.scorer);
    total.inputTokens += Number(u.inputTokens) || 0;
    total.outputTokens += Number(u.outputTokens) || 0;
  }
  return total;
}

function sumUsage(calls: ScorerCall[]): Usage {
  const total = { inputTokens: 0, outputTokens: 0 };
  for (const c of calls) {
    total.inputTokens += c.usage.inputTokens;
    total.outputTokens += c.usage.outputTokens;
  }
  return total;
}

/**
 * Estimated USD for the calls this case really made (cache hits cost nothing). Null when any call
 * was to a model without a known price: a judge's cost alone is not the case's cost.
 */
function caseCost(deps: ExecuteDeps, model: string | null, systemUsage: Usage, free: boolean, calls: ScorerCall[]): number | null {
  if (!deps.estimateCost) return null;
  const system = free || model === null ? 0 : deps.estimateCost(model, systemUsage);
  return judgeCallsCost(deps.estimateCost, deps.judgeModel ?? null, calls, system);
}

/**
 * The one pricing of judge calls, live (the calls a case made) and re-priced from stored scores
 * (`storedJudgeCalls`, a resumed judge run): each call at its own model, `judgeModel` for a call
 * that names none; cache hits are free. Added to `start`; null once any price is unknown.
 */
export function judgeCallsCost(
  estimateCost: (model: string, usage: Usage) => number | null,
  judgeModel: string | null,
  calls: readonly ScorerCall[],
  start: number | null = 0,
): number | null {
  let cost = start;
  for (const call of calls) {
    const model = call.model ?? judgeModel;
    if (call.cached || !model) continue;
    const j = estimateCost(model, call.usage);
    cost = cost === null || j === null ? null : cost + j;
  }
  return cost;
}

/**
 * The judge calls an output's stored scores record, for re-pricing: a panel's every member call
 * (its verdict's meta: model, usage, cached), otherwise one call per judge scorer (its usage is
 * on each of its criteria's scores). A member whose call failed made no billable call.
 */
export function storedJudgeCalls(scores: readonly Score[]): ScorerCall[] {
  const seen = new Set<string>();
  const calls: ScorerCall[] = [];
  const add = (provider: string, meta: Record<string, unknown> | undefined) => {
    const u = meta?.usage as Partial<Usage> | undefined;
    if (!u) return;
    const model = typeof meta?.model === 'string' ? meta.model : undefined;
    const usage = { inputTokens: Number(u.inputTokens) || 0, outputTokens: Number(u.outputTokens) || 0 };
    calls.push({ provider, ...(model ? { model } : {}), usage, latencyMs: Number(meta?.latencyMs) || 0, cached: meta?.cached === true });
  };
  for (const s of scores) {
    if (seen.has(s.scorer)) continue;
    seen.add(s.scorer);
    if (s.panel?.length) for (const v of s.panel) add(v.judge, v.meta);
    else add(s.judge ?? s.scorer, s.meta);
  }
  return calls;
}
