import { describe, expect, it } from 'vitest';
import { labelToValue, passes, RubricSchema, scaleValues } from '../../src/core/rubric.js';

const rubric = RubricSchema.parse({
  name: 'r',
  criteria: [
    { name: 'faith', question: 'q', scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] }, pass: 4 },
    { name: 'ok', question: 'q', scale: { type: 'nominal', choices: ['fail', 'pass'] }, pass: 'pass' },
    { name: 'dflt', question: 'q', scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] } },
  ],
});
const [faith, ok, dflt] = rubric.criteria;

describe('rubric scales', () => {
  it('lists scale values as strings in scale order', () => {
    expect(scaleValues(faith!.scale)).toEqual(['1', '2', '3', '4', '5']);
    expect(scaleValues(ok!.scale)).toEqual(['fail', 'pass']);
  });
  it('maps labels to values and rejects labels off the scale', () => {
    expect(labelToValue(faith!.scale, '4')).toBe(4);
    expect(labelToValue(faith!.scale, 6)).toBeNull();
    expect(labelToValue(ok!.scale, 'pass')).toBe(1);
    expect(labelToValue(ok!.scale, 'maybe')).toBeNull();
  });
  it('decides passing by the criterion threshold', () => {
    expect(passes(faith!, 4)).toBe(true);
    expect(passes(faith!, 3)).toBe(false);
    expect(passes(ok!, 1)).toBe(true);
    expect(passes(ok!, 0)).toBe(false);
    // no explicit pass: the upper half of a 1-5 scale (>= 4) passes
    expect(passes(dflt!, 4)).toBe(true);
    expect(passes(dflt!, 3)).toBe(false);
  });
  it('rejects a scale with a single level', () => {
    const r = RubricSchema.safeParse({ name: 'x', criteria: [{ name: 'a', question: 'q', scale: { type: 'ordinal', levels: [1] } }] });
    expect(r.success).toBe(false);
  });
});
