import { describe, expect, it } from 'vitest';
import type { Rubric } from '../../src/core/rubric.js';
import { AnnotationBodySchema, toAnnotations } from '../../src/server/annotation-body.js';

describe('toAnnotations', () => {
  // Criterion names are free (letters, digits, _ . -): names that are also Object.prototype
  // members must not read as labels the annotator never gave.
  const rubric = {
    name: 'r',
    criteria: [{ name: 'constructor', question: 'q', scale: { type: 'nominal', choices: ['yes', 'no'] } }],
  } as unknown as Rubric;
  const base = { reviewId: 'rv', itemId: 1, annotatorId: 'a' };

  it('skipping an item whose rubric has a criterion named like an Object method stores an empty row', () => {
    const body = AnnotationBodySchema.parse({ clientKey: 'abcdefgh1', skipped: true });
    const rows = toAnnotations(body, rubric, base);
    expect(rows).toEqual([expect.objectContaining({ criterion: 'constructor', label: null, skipped: true })]);
  });

  it('a missing label for such a criterion is asked for, not read from the prototype', () => {
    const body = AnnotationBodySchema.parse({ clientKey: 'abcdefgh2', labels: {} });
    expect(toAnnotations(body, rubric, base)).toBe('labels.constructor: choose a level (or skip / flag the item)');
  });
});
