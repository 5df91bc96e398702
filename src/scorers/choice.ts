import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { checkTemplate } from '../templates/render.js';
import { readFileSync } from 'node:fs';
import type { ScorerDef } from './scorer.js';
import { createChoiceJudgeScorer } from './judge/choice-judge-scorer.js';
import { BUILTIN_CHOICE_JUDGES, type ChoiceJudgeSpec } from './judge/choice-judges.js';

const Options = z.preprocess(
  (v) => (typeof v === 'string' ? { judge: v } : v),
  z.strictObject({
    /** A built-in choice judge: factuality, closed-qa. */
    judge: z.string().min(1).optional(),
    /** Your own: a name, a prompt (a .hbs path or inline text) and the choices with their scores. */
    name: z.string().regex(/^[A-Za-z0-9_.-]+$/).optional(),
    prompt: z.string().min(1).optional(),
    choices: z.record(z.string().min(1), z.number()).optional(),
    /** closed-qa: what the submission must satisfy. */
    criteria: z.string().min(1).optional(),
    threshold: z.number().default(0.5),
  }),
);
type Opts = z.infer<typeof Options> & { spec?: ChoiceJudgeSpec };

/** `choice`: a judge picks one option (autoevals-style), mapped to a score. */
export const choice: ScorerDef<Opts> = {
  name: 'choice',
  summary: 'judge picks one option mapped to a score (factuality, closed-qa, or your own prompt and choices)',
  options: Options as z.ZodType<Opts>,
  usesJudge: true,
  defaultCriterion: (o) => o.judge ?? o.name ?? 'choice',
  prepare(o, env) {
    const builtins = Object.keys(BUILTIN_CHOICE_JUDGES);
    if (o.judge !== undefined) {
      const make = BUILTIN_CHOICE_JUDGES[o.judge];
      if (!make) throw new ConfigError(`choice: unknown judge "${o.judge}" (built in: ${builtins.join(', ')}; or give name, prompt and choices)`, env.where);
      if (o.prompt || o.choices) throw new ConfigError(`choice: "${o.judge}" is built in; prompt and choices are for your own judge (with name)`, env.where);
      if (o.judge === 'closed-qa' && !o.criteria) throw new ConfigError('choice: closed-qa needs "criteria" (what the answer must satisfy)', env.where);
      return { ...o, spec: { name: o.judge, ...make() } };
    }
    if (!o.name || !o.prompt || !o.choices) {
      throw new ConfigError(`choice: give a built-in judge (${builtins.join(', ')}) or name, prompt and choices`, env.where);
    }
    const keys = Object.keys(o.choices);
    if (keys.length < 2) throw new ConfigError('choice: choices needs at least two options', env.where);
    const isPath = !o.prompt.includes('\n') && !o.prompt.includes('{{') && /\.hbs$/.test(o.prompt.trim());
    let template;
    if (isPath) {
      const file = env.resolvePath(o.prompt.trim());
      try {
        template = { name: o.prompt.trim(), source: readFileSync(file, 'utf8') };
      } catch {
        throw new ConfigError(`choice: prompt file ${o.prompt.trim()}: not found`, env.where);
      }
    } else {
      template = { name: `${env.where} (choice prompt)`, source: o.prompt };
    }
    checkTemplate(template);
    const choices = keys.map((key) => ({ key, score: o.choices![key]! }));
    return { ...o, spec: { name: o.name, template, choices, needsReference: /\{\{\s*reference\s*\}\}/.test(template.source) } };
  },
  create(o, criterion, suite, deps) {
    if (!deps.judge) {
      throw new ConfigError(`suite "${suite.name}" uses a choice judge but no judge provider is set (judge.provider in the suite, or --judge)`);
    }
    return createChoiceJudgeScorer({ spec: o.spec!, criterion, provider: deps.judge, threshold: o.threshold, criteria: o.criteria });
  },
};
