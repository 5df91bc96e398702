import type { Case } from '../core/case.js';
import { CancelledError, ConfigError, describeError, ProviderError } from '../core/errors.js';
import type { Score, Usage } from '../core/score.js';
import type { CompletionResult, Provider } from '../providers/provider.js';
import type { NewOutput } from '../storage/store.js';
import type { ScoreContext, ScorerCall } from '../scorers/scorer.js';
import type { CaseOutcome, RunPlan } from './types.js';
import { promptText } from './types.js';

export interface ExecuteDeps {
  runId: string;
  plan: RunPlan;
  /** The system under test, already wrapped with retries and cache. */
  provider: Provider;
  /** Aborted when in-flight calls must stop (the grace period after Ctrl-C ran out). */
  callSignal: AbortSignal;
  estimateCost?: (model: string, usage: Usage) => number | null;
  judgeModel?: string | null;
}

export interface ExecutedCase {
  output: NewOutput;
  scores: Score[];
  outcome: CaseOutcome;
  /** A template/config problem rather than a provider failure (decides exit 2 vs 3). */
  configError: boolean;
}

/**
 * One (case, repeat): render → call → score. Never throws for a case-level failure: a provider
 * error after retries becomes an errored case with the provider's message. Returns null when the
 * work was cut off by cancellation, so nothing half-done is stored and `--resume` redoes it.
 */
export async function executeCase(c: Case, repeat: number, deps: ExecuteDeps): Promise<ExecutedCase | null> {
  const { plan, provider, callSignal } = deps;
  let prompt = '';
  let result: CompletionResult;
  try {
    const messages = plan.render(c);
    prompt = promptText(messages);
    result = await provider.complete(
      {
        messages,
        temperature: plan.params.temperature,
        maxTokens: plan.params.maxTokens,
        meta: { caseId: c.id, repeat, expected: c.expected, ...(c.mock?.answer === undefined ? {} : { script: c.mock.answer }) },
      },
      { signal: callSignal },
    );
  } catch (err) {
    // Cancelled: Ctrl-C, or the run stopped on a fatal provider error before this call went out.
    if (callSignal.aborted || err instanceof CancelledError) return null;
    return errored(c, repeat, prompt, err, deps);
  }
  if (callSignal.aborted) return null;

  const scores: Score[] = [];
  const calls: ScorerCall[] = [];
  const ctx: ScoreContext = { signal: callSignal, repeat, onCall: (call) => void calls.push(call) };
  for (const scorer of plan.scorers) {
    try {
      scores.push(...(await scorer.score(result.text, c, ctx)));
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

  const cached = Boolean(result.cached);
  const judgeUsage = calls.length > 0 ? sumUsage(calls) : judgeUsageOf(scores);
  const costUsd = caseCost(deps, provider.model, result.usage, cached, calls);
  const output: NewOutput = {
    runId: deps.runId,
    caseId: c.id,
    repeat,
    prompt,
    output: result.text,
    error: null,
    usage: result.usage,
    latencyMs: Math.round(result.latencyMs * 10) / 10,
    costUsd,
    cached,
    attempts: result.attempts ?? 1,
  };
  const status = plan.decide(scores, { costUsd, latencyMs: output.latencyMs });
  return {
    output,
    scores,
    configError: false,
    outcome: {
      caseId: c.id,
      repeat,
      status,
      scores,
      usage: result.usage,
      judgeUsage,
      latencyMs: output.latencyMs,
      costUsd,
      cached,
      attempts: output.attempts,
      error: null,
    },
  };
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
function caseCost(deps: ExecuteDeps, model: string, systemUsage: Usage, cached: boolean, calls: ScorerCall[]): number | null {
  if (!deps.estimateCost) return null;
  let cost: number | null = cached ? 0 : deps.estimateCost(model, systemUsage);
  for (const call of calls) {
    if (call.cached || !deps.judgeModel) continue;
    const j = deps.estimateCost(deps.judgeModel, call.usage);
    cost = cost === null || j === null ? null : cost + j;
  }
  return cost;
}
