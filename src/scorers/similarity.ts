import { z } from 'zod';
import type { Template } from '../templates/render.js';
import { excerpt, unscored, type ScorerDef, UNIT_BOUNDS } from './scorer.js';
import { targetTexts, valueTemplates } from './targets.js';

/** What a similarity measure reports: a value in [0, 1] and a short note for the reason. */
export interface Similarity {
  value: number;
  /** e.g. `distance 3 over 7 characters`; shown after the value. */
  detail?: string;
  /** The reference that gave the best value (when there were several). */
  best?: string;
}

export interface SimilarityKind<X extends z.ZodRawShape> {
  name: string;
  summary: string;
  /** Default pass threshold on the value. */
  threshold: number;
  /** Options beyond value/threshold (`n`, `measure`, ...). */
  extra: X;
  /** Compare the output with every reference (several when expected is a list). */
  measure(output: string, references: string[], options: z.infer<z.ZodObject<X>>): Similarity;
}

type BaseOpts = { value?: string | string[]; threshold: number; templates?: Template[] };

/**
 * A scorer whose value is a similarity in [0, 1] against the expected answer (or `value`), passing
 * at `threshold`. Shorthands: `levenshtein: 0.9` (threshold), `levenshtein: "{{vars.ref}}"` (value).
 */
export function similarityScorer<X extends z.ZodRawShape>(kind: SimilarityKind<X>): ScorerDef<BaseOpts & z.infer<z.ZodObject<X>>> {
  type Opts = BaseOpts & z.infer<z.ZodObject<X>>;
  const options = z.preprocess(
    (v) => (v === null || v === undefined ? {} : typeof v === 'number' ? { threshold: v } : typeof v === 'string' || Array.isArray(v) ? { value: v } : v),
    z.strictObject({
      value: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
      threshold: z.number().min(0).max(1).default(kind.threshold),
      ...kind.extra,
    }),
  ) as unknown as z.ZodType<Opts>;
  return {
    name: kind.name,
    bounds: UNIT_BOUNDS,
    summary: kind.summary,
    options,
    prepare(o, env) {
      return { ...o, templates: valueTemplates(o.value, env.where, `${kind.name} value`) };
    },
    create(o, criterion) {
      return {
        name: kind.name,
        criteria: [criterion],
        async score(output, c) {
          const refs = targetTexts(o.templates, c);
          if (refs === null) return [unscored(kind.name, criterion, `case "${c.id}" has no expected value`)];
          const m = kind.measure(output, refs, o);
          const passed = m.value >= o.threshold;
          const against = refs.length > 1 && m.best !== undefined ? ` (best of ${refs.length}: ${excerpt(m.best, 40)})` : '';
          const detail = m.detail ? `, ${m.detail}` : '';
          const reason = `${kind.name} ${fmt(m.value)} ${passed ? '>=' : '<'} ${o.threshold}${detail}${against}`;
          return [{ scorer: kind.name, criterion, value: m.value, passed, reason }];
        },
      };
    },
  };
}

/** The best of several references by value (ties: the first). */
export function bestOf(references: string[], one: (ref: string) => Similarity): Similarity {
  let best: Similarity | undefined;
  for (const ref of references) {
    const s = one(ref);
    if (!best || s.value > best.value) best = { ...s, best: ref };
  }
  return best!;
}

function fmt(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}
