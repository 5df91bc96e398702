import { z } from 'zod';
import { scaleValues, type Rubric, type Scale } from '../core/rubric.js';
import type { NewAnnotation } from '../storage/store.js';
import { freeText } from './text-schema.js';

/** What the annotate page posts for one item. */
export const AnnotationBodySchema = z
  .object({
    /** Client idempotency key: a retried save with the same key is stored once. */
    clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,80}$/, 'clientKey must be 8-80 characters of A-Z a-z 0-9 _ -'),
    labels: z.record(z.string(), z.union([z.string().max(200), z.number()])).default({}),
    comment: freeText('comment', 4000).optional(),
    flagged: z.boolean().default(false),
    skipped: z.boolean().default(false),
  })
  .strict();
export type AnnotationBody = z.infer<typeof AnnotationBodySchema>;

/**
 * Check the labels against the rubric and turn one submission into one row per criterion.
 * Every criterion gets a row (label null where none was given, e.g. a skip), so skip and flag
 * are recorded per criterion like labels and supersede the same way.
 * Returns an error message instead of throwing so the route answers 400 with it.
 */
export function toAnnotations(
  body: AnnotationBody,
  rubric: Rubric,
  base: { reviewId: string; itemId: number; annotatorId: string },
): NewAnnotation[] | string {
  const known = new Map(rubric.criteria.map((c) => [c.name, c]));
  for (const name of Object.keys(body.labels)) {
    if (!known.has(name)) return `labels.${name}: unknown criterion (the rubric has: ${[...known.keys()].join(', ')})`;
  }
  if (body.skipped && Object.keys(body.labels).length > 0) return 'a skipped item carries no labels';
  const rows: NewAnnotation[] = [];
  for (const c of rubric.criteria) {
    // own keys only: a criterion named `constructor` must not read Object.prototype's member
    const raw = Object.hasOwn(body.labels, c.name) ? body.labels[c.name] : undefined;
    if (raw === undefined) {
      if (!body.skipped && !body.flagged) return `labels.${c.name}: choose a level (or skip / flag the item)`;
      rows.push({ ...base, criterion: c.name, label: null, value: null, comment: body.comment ?? null, flagged: body.flagged, skipped: body.skipped, clientKey: body.clientKey });
      continue;
    }
    const value = levelValue(c.scale, raw);
    if (value === null) return `labels.${c.name}: ${JSON.stringify(raw)} is not on the scale (allowed levels: ${scaleValues(c.scale).join(', ')})`;
    const label = c.scale.type === 'ordinal' ? String(value) : String(raw);
    rows.push({ ...base, criterion: c.name, label, value, comment: body.comment ?? null, flagged: body.flagged, skipped: false, clientKey: body.clientKey });
  }
  return rows;
}

/**
 * The value of a posted label, or null. Exactly the rubric's own spellings (`"4"`, `"yes"`), or
 * for an ordinal scale the level as a JSON number (4): no Number() coercion, so `""`, `" "`,
 * `"0x5"`, `"5e0"`, `"+5"` or `"4.0"` are refused instead of silently becoming a level.
 */
export function levelValue(scale: Scale, raw: string | number): number | null {
  if (scale.type === 'ordinal') {
    if (typeof raw === 'number') return scale.levels.includes(raw) ? raw : null;
    const i = scaleValues(scale).indexOf(raw);
    return i >= 0 ? scale.levels[i]! : null;
  }
  if (typeof raw !== 'string') return null;
  const i = scale.choices.indexOf(raw);
  return i >= 0 ? i : null;
}
