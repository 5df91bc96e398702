import { describe, expect, it } from 'vitest';
import { planBounds, runBounds } from '../../src/runner/criterion-bounds.js';

const rubric = {
  name: 'r',
  criteria: [
    { name: 'grade', question: 'q', scale: { type: 'ordinal', levels: [0, 1, 2, 3] }, anchors: {} },
    { name: 'tone', question: 'q', scale: { type: 'nominal', choices: ['ok', 'rude', 'flat'] }, anchors: {} },
  ],
};

describe('criterion bounds of a run', () => {
  it('a run stores what its scorers declare; later ones win', () => {
    expect(planBounds([{ bounds: { contains: [0, 1] } }, {}, { bounds: { 'rubric.grade': [0, 3] } }])).toEqual({ contains: [0, 1], 'rubric.grade': [0, 3] });
  });

  it('a stored run: config.bounds, else (runs stored before bounds were) its rubrics; ordinal levels and nominal choice indexes', () => {
    expect(runBounds({ config: { bounds: { contains: [0, 1] }, rubrics: [{ rubric }] } })).toEqual({ contains: [0, 1], 'rubric.grade': [0, 3], 'rubric.tone': [0, 2] });
    expect(runBounds({ config: { rubric } })).toEqual({ 'rubric.grade': [0, 3], 'rubric.tone': [0, 2] });
    expect(runBounds({ config: {} })).toEqual({});
    // a malformed stored value is ignored, not trusted
    expect(runBounds({ config: { bounds: { x: [1, 0] } } })).toEqual({});
  });
});
