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

  it('accepts exactly the rubric spellings of a level, or the level as a JSON number', () => {
    const zeroBased = {
      name: 'z',
      criteria: [{ name: 'q', question: 'q', scale: { type: 'ordinal', levels: [0, 1, 2, 2.5] } }],
    } as unknown as Rubric;
    const label = (raw: string | number) => {
      const rows = toAnnotations(AnnotationBodySchema.parse({ clientKey: 'abcdefgh3', labels: { q: raw } }), zeroBased, base);
      return typeof rows === 'string' ? rows : rows.map((r) => [r.label, r.value]);
    };
    expect(label('0')).toEqual([['0', 0]]);
    expect(label(0)).toEqual([['0', 0]]);
    expect(label('2.5')).toEqual([['2.5', 2.5]]);
    expect(label(2.5)).toEqual([['2.5', 2.5]]);
    // Number() makes each of these 0 or 2: all refused, with the allowed levels listed
    for (const raw of ['', ' ', '\n', '0x0', '0e0', '+0', '-0', '0.0', '2.50', '0x2']) {
      expect(label(raw)).toBe(`labels.q: ${JSON.stringify(raw)} is not on the scale (allowed levels: 0, 1, 2, 2.5)`);
    }
    expect(label(3)).toBe('labels.q: 3 is not on the scale (allowed levels: 0, 1, 2, 2.5)');
  });
});
