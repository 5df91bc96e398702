import type { Case } from '../../core/case.js';
import type { Usage } from '../../core/score.js';
import type { CompletionRequest, Provider } from '../../providers/provider.js';
import { callJudge } from '../judge/call-judge.js';
import { parseJsonText } from '../judge/parse-verdict.js';
import type { ScoreContext } from '../scorer.js';

/** What one judge request gave: a JSON object, or why there is none (the metric is then unscored). */
export type JudgeReply = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/**
 * The judge calls one RAG metric makes for one output (a metric may need two: split, then judge).
 * Each call is reported to the runner (`onCall`) and summed into the score's `meta`, so tokens,
 * latency and cache hits of every step are kept.
 */
export class JudgeSession {
  private usage: Usage = { inputTokens: 0, outputTokens: 0 };
  private latencyMs = 0;
  private calls = 0;
  private cachedCalls = 0;
  private model: string | undefined;
  private readonly raws: string[] = [];

  constructor(
    private readonly judge: Provider,
    private readonly c: Case,
    private readonly ctx: ScoreContext,
  ) {}

  async ask(request: CompletionRequest): Promise<JudgeReply> {
    const name = request.structured?.name ?? 'judge';
    const script = this.c.mock?.[name];
    request.meta = { caseId: this.c.id, repeat: this.ctx.repeat ?? 0, ...(script === undefined ? {} : { script }) };
    const call = await callJudge(this.judge, request, this.ctx.signal, name);
    if (call.failed !== undefined) return { ok: false, reason: call.failed };
    const result = call.result;
    this.ctx.onCall?.({ provider: this.judge.id, model: this.judge.model, usage: result.usage, latencyMs: result.latencyMs, cached: result.cached, attempts: result.attempts });
    this.calls += 1;
    this.cachedCalls += result.cached ? 1 : 0;
    this.usage = { inputTokens: this.usage.inputTokens + result.usage.inputTokens, outputTokens: this.usage.outputTokens + result.usage.outputTokens };
    this.latencyMs += result.latencyMs;
    this.model = result.model;
    const value = result.structured ?? parseJsonText(result.text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.raws.push(clip(result.text));
      return { ok: false, reason: `judge answer to ${name} is not a JSON object: ${quote(result.text)}` };
    }
    return { ok: true, value: value as Record<string, unknown> };
  }

  get id(): string {
    return this.judge.id;
  }

  /** For the score's meta: usage is per metric (all its calls), so count it once per scorer. */
  meta(): Record<string, unknown> {
    const meta: Record<string, unknown> = {
      usage: this.usage,
      latencyMs: Math.round(this.latencyMs * 10) / 10,
      calls: this.calls,
      cached: this.calls > 0 && this.cachedCalls === this.calls,
    };
    if (this.model !== undefined) meta.model = this.model;
    if (this.raws.length) meta.raw = this.raws.join('\n');
    return meta;
  }
}

function clip(s: string): string {
  return s.length > 2000 ? s.slice(0, 2000) + '…' : s;
}

function quote(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return JSON.stringify(one.length > 120 ? one.slice(0, 119) + '…' : one);
}
