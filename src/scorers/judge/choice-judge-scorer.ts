import { contextTexts, type Case } from '../../core/case.js';
import { callJudge } from './call-judge.js';
import type { Score } from '../../core/score.js';
import type { Provider } from '../../providers/provider.js';
import { renderTemplate } from '../../templates/render.js';
import { stringify, type ScoreContext, type Scorer } from '../scorer.js';
import { defaultJudgeInput, neutralise } from './build-judge-prompt.js';
import { choiceSchema, type ChoiceJudgeSpec } from './choice-judges.js';
import { parseJsonText } from './parse-verdict.js';

export interface ChoiceJudgeOptions {
  spec: ChoiceJudgeSpec;
  criterion: string;
  provider: Provider;
  /** The choice's score passes at this value. */
  threshold: number;
  /** For closed-QA style judges: the question the submission must satisfy. */
  criteria?: string;
}

export const CHOICE_SCORER = 'choice';

/**
 * A judge that picks one of a few options, each mapped to a score (autoevals' "LLM classifier").
 * Asked through structured output; a failed call, a pick outside the options, or a missing
 * reference leaves the criterion UNSCORED with the reason — never a 0, never a pass.
 */
export function createChoiceJudgeScorer(o: ChoiceJudgeOptions): Scorer {
  const { spec, criterion } = o;
  const schema = choiceSchema(spec.choices);
  const keys = spec.choices.map((c) => c.key);
  const base = { scorer: CHOICE_SCORER, criterion, judge: o.provider.id };
  return {
    name: CHOICE_SCORER,
    criteria: [criterion],
    bounds: { [criterion]: [Math.min(...spec.choices.map((c) => c.score)), Math.max(...spec.choices.map((c) => c.score))] },
    async score(output: string, c: Case, ctx: ScoreContext = {}): Promise<Score[]> {
      if (spec.needsReference && (c.expected === undefined || c.expected === null)) {
        return [{ ...base, value: null, reason: `case "${c.id}" has no expected value for the ${spec.name} judge` }];
      }
      const content = renderTemplate(spec.template, promptData(o, output, c));
      const call = await callJudge(
        o.provider,
        {
          messages: [{ role: 'user', content }],
          temperature: 0,
          maxTokens: 1024,
          structured: { name: 'choice', description: `One choice for "${spec.name}"`, schema },
          meta: { caseId: c.id, repeat: ctx.repeat ?? 0 },
        },
        ctx.signal,
      );
      if (call.failed !== undefined) return [{ ...base, value: null, reason: call.failed }];
      const result = call.result;
      ctx.onCall?.({ provider: o.provider.id, model: o.provider.model, usage: result.usage, latencyMs: result.latencyMs, cached: result.cached, attempts: result.attempts });
      const meta = { usage: result.usage, latencyMs: result.latencyMs, model: result.model, cached: Boolean(result.cached) };
      const answer = result.structured ?? parseJsonText(result.text);
      const picked = answer && typeof answer === 'object' ? (answer as Record<string, unknown>).choice : undefined;
      const reasoning = answer && typeof answer === 'object' && typeof (answer as Record<string, unknown>).reasoning === 'string' ? ((answer as Record<string, unknown>).reasoning as string) : '';
      const choice = typeof picked === 'string' ? (spec.choices.find((x) => x.key === picked.trim()) ?? spec.choices.find((x) => x.key.toLowerCase() === picked.trim().toLowerCase())) : undefined;
      if (!choice) {
        const said = picked === undefined ? `no choice (${clip(result.text)})` : JSON.stringify(picked);
        return [{ ...base, value: null, reason: `judge answered ${said}, not one of ${keys.join(', ')}`, meta: { ...meta, raw: clip(result.text, 2000) } }];
      }
      return [{ ...base, value: choice.score, label: choice.key, passed: choice.score >= o.threshold, reason: reasoning || `chose ${choice.key}`, meta }];
    },
  };
}

function promptData(o: ChoiceJudgeOptions, output: string, c: Case): Record<string, unknown> {
  const ctx = contextTexts(c.context);
  return {
    input: neutralise(defaultJudgeInput(c)),
    output: neutralise(output),
    reference: c.expected === undefined || c.expected === null ? null : neutralise(stringify(c.expected)),
    context: ctx.length ? ctx.map((p, i) => `[${i + 1}] ${neutralise(p)}`).join('\n') : null,
    criteria: o.criteria === undefined ? null : neutralise(o.criteria),
    choices: o.spec.choices.map((x) => ({ key: x.key, description: x.description ?? `scores ${x.score}` })),
    keys: o.spec.choices.map((x) => x.key),
  };
}

function clip(s: string, max = 160): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}
