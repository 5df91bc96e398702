import { readFileSync } from 'node:fs';
import { contextTexts, type Case } from '../../core/case.js';
import { PAIRWISE_REQUEST } from '../../core/judge-requests.js';
import { packagePath } from '../../core/package-root.js';
import { flipChoice, PAIRWISE_CHOICES, type PairwiseChoice, type Rubric } from '../../core/rubric.js';
import type { CompletionRequest, Provider } from '../../providers/provider.js';
import { renderForCase, renderTemplate, type Template } from '../../templates/render.js';
import type { ScorerCall } from '../scorer.js';
import { defaultJudgeInput, judgeTemplateData, neutralise } from './build-judge-prompt.js';
import { callJudge } from './call-judge.js';
import { parseJsonText } from './parse-verdict.js';

let defaultTemplate: Template | undefined;
export function defaultPairwiseTemplate(): Template {
  defaultTemplate ??= { name: 'prompts/judge-pairwise.hbs', source: readFileSync(packagePath('prompts', 'judge-pairwise.hbs'), 'utf8') };
  return defaultTemplate;
}

/** Which output is shown first: `AB` = output A as "A", `BA` = output B shown first as "A". */
export type Order = 'AB' | 'BA';
export const ORDERS: readonly Order[] = ['AB', 'BA'];

/** One order's answer on one criterion. `verdict` is in terms of the underlying outputs. */
export interface OrderVerdict {
  /** What the judge said (screen positions: "A" = the output shown first); null when unusable. */
  said: PairwiseChoice | null;
  verdict: PairwiseChoice | null;
  reason: string;
}

/**
 * A pair's verdict on one criterion after both orders. Orders that agree give their verdict;
 * orders that disagree give a tie and `consistent: false` (the judge followed the position, not
 * the content). Either order unusable: unscored (`verdict: null`, consistency unknown).
 */
export interface PairVerdict {
  criterion: string;
  verdict: PairwiseChoice | null;
  consistent: boolean | null;
  ab: OrderVerdict;
  ba: OrderVerdict;
}

export interface PairwiseJudgeOptions {
  /** A rubric whose criteria are all pairwise (core/rubric.ts rubricOfMode). */
  rubric: Rubric;
  provider: Provider;
  template?: Template;
  /** What the judge is told the input was; default: the case's question-like var. */
  input?: Template;
}

export interface PairInput {
  case: Case;
  outputA: string;
  outputB: string;
  repeat?: number;
}

export function combineOrders(ab: PairwiseChoice | null, ba: PairwiseChoice | null): { verdict: PairwiseChoice | null; consistent: boolean | null } {
  if (ab === null || ba === null) return { verdict: null, consistent: null };
  return ab === ba ? { verdict: ab, consistent: true } : { verdict: 'tie', consistent: false };
}

/**
 * Judge one pair in both orders (two calls, in parallel), one PairVerdict per criterion. A failed
 * call leaves its order unusable with the reason; cancellation is rethrown (the caller's business).
 */
export async function judgePair(
  o: PairwiseJudgeOptions,
  pair: PairInput,
  ctx: { signal?: AbortSignal; onCall?: (call: ScorerCall) => void } = {},
): Promise<PairVerdict[]> {
  const [ab, ba] = await Promise.all(ORDERS.map((order, i) => judgeOrder(o, pair, order, i, ctx)));
  return o.rubric.criteria.map((c, i) => {
    const x = ab![i]!;
    const y = ba![i]!;
    return { criterion: c.name, ...combineOrders(x.verdict, y.verdict), ab: x, ba: y };
  });
}

/** The request for one order: the first shown output is "A" in the prompt. */
export function buildPairwiseRequest(o: PairwiseJudgeOptions, pair: PairInput, order: Order): CompletionRequest {
  const [first, second] = order === 'AB' ? [pair.outputA, pair.outputB] : [pair.outputB, pair.outputA];
  const c = pair.case;
  const data = judgeTemplateData({
    rubric: o.rubric,
    input: o.input ? renderForCase(o.input, c) : defaultJudgeInput(c),
    output: '',
    context: c.context && contextTexts(c.context),
    reference: c.expected,
  });
  const content = renderTemplate(o.template ?? defaultPairwiseTemplate(), { ...data, outputA: neutralise(first), outputB: neutralise(second) });
  return {
    messages: [{ role: 'user', content }],
    temperature: 0,
    maxTokens: Math.max(1024, 400 * o.rubric.criteria.length),
    structured: { name: PAIRWISE_REQUEST, description: `Which output is better on the rubric "${o.rubric.name}"`, schema: pairwiseSchema(o.rubric) },
  };
}

async function judgeOrder(
  o: PairwiseJudgeOptions,
  pair: PairInput,
  order: Order,
  index: number,
  ctx: { signal?: AbortSignal; onCall?: (call: ScorerCall) => void },
): Promise<OrderVerdict[]> {
  const request = buildPairwiseRequest(o, pair, order);
  // The mock's script for this request: one answer for both orders (a position-biased judge when
  // it names a side), or a list of two, one per order.
  const scripted = pair.case.mock?.[PAIRWISE_REQUEST];
  const script = Array.isArray(scripted) ? scripted[index] : scripted;
  request.meta = { caseId: pair.case.id, repeat: pair.repeat ?? 0, ...(script === undefined ? {} : { script }) };
  const call = await callJudge(o.provider, request, ctx.signal);
  if (call.failed !== undefined) return o.rubric.criteria.map(() => ({ said: null, verdict: null, reason: call.failed }));
  const result = call.result;
  ctx.onCall?.({ provider: o.provider.id, usage: result.usage, latencyMs: result.latencyMs, cached: result.cached, attempts: result.attempts });
  return parsePairwiseVerdict(o.rubric, result.structured ?? result.text).map((v) => ({
    said: v.said,
    verdict: v.said === null ? null : order === 'AB' ? v.said : flipChoice(v.said),
    reason: v.reason,
  }));
}

/** Per criterion: the judge's A / B / tie (any case; "Tie", "a"), or null with why not. */
export function parsePairwiseVerdict(rubric: Rubric, answer: unknown): Array<{ said: PairwiseChoice | null; reason: string }> {
  const obj = typeof answer === 'string' ? parseJsonText(answer) : answer;
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    const said = JSON.stringify(typeof answer === 'string' ? answer.slice(0, 160) : answer) ?? String(answer);
    return rubric.criteria.map(() => ({ said: null, reason: `judge answer is not a JSON verdict: ${said}` }));
  }
  const root = obj as Record<string, unknown>;
  return rubric.criteria.map((c) => {
    const key = Object.keys(root).find((k) => k.toLowerCase() === c.name.toLowerCase());
    if (key === undefined) return { said: null, reason: `judge gave no verdict for "${c.name}"` };
    const entry = root[key];
    const raw = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).verdict : entry;
    const reasoning = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).reasoning : undefined;
    const said = typeof raw === 'string' ? PAIRWISE_CHOICES.find((x) => x.toLowerCase() === raw.trim().toLowerCase()) : undefined;
    if (!said) return { said: null, reason: `judge answered ${JSON.stringify(raw) ?? 'nothing'} for "${c.name}", not A, B or tie` };
    return { said, reason: typeof reasoning === 'string' ? reasoning : '' };
  });
}

/** `{ criterion: { reasoning, verdict: "A" | "B" | "tie" } }`, strict (OpenAI strict mode accepts it). */
export function pairwiseSchema(rubric: Rubric): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const c of rubric.criteria) {
    properties[c.name] = {
      type: 'object',
      properties: {
        reasoning: { type: 'string', description: `Compare the two outputs on "${c.name}".` },
        verdict: { type: 'string', enum: [...PAIRWISE_CHOICES], description: c.question },
      },
      required: ['reasoning', 'verdict'],
      additionalProperties: false,
    };
  }
  return { type: 'object', properties, required: rubric.criteria.map((c) => c.name), additionalProperties: false };
}
