import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRubric } from '../../src/loader/load-rubric.js';

import { messageOf } from './config-error.js';

const F = 'test/fixtures/loader';

describe('loadRubric', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const file = (text: string) => {
    dir ??= mkdtempSync(join(tmpdir(), 'juror-rubric-'));
    const p = join(dir, `r${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(p, text);
    return p;
  };

  it('loads the example rubrics with every anchor', () => {
    const r = loadRubric('rubrics/support-quality.yaml');
    expect(r.criteria.map((c) => c.name)).toEqual(['helpfulness', 'tone', 'accuracy', 'actionability']);
    for (const c of r.criteria) expect(Object.keys(c.anchors)).toEqual(['1', '2', '3', '4', '5']);
    expect(loadRubric('rubrics/faithfulness.yaml').criteria[0]!.pass).toBe(4);
  });

  it('expands scale shorthands', () => {
    const r = loadRubric(file('name: r\ncriteria:\n  - { name: a, question: q, scale: 1-4 }\n  - { name: b, question: q, scale: [good, bad] }\n'));
    expect(r.criteria[0]!.scale).toEqual({ type: 'ordinal', levels: [1, 2, 3, 4] });
    expect(r.criteria[1]!.scale).toEqual({ type: 'nominal', choices: ['good', 'bad'] });
  });

  it('a pairwise criterion gets the A / tie / B scale; any other scale is refused at its line', () => {
    const r = loadRubric('rubrics/pairwise.yaml');
    expect(r.criteria[0]).toMatchObject({ name: 'better', mode: 'pairwise', scale: { type: 'nominal', choices: ['A', 'tie', 'B'] } });
    expect(Object.keys(r.criteria[0]!.anchors)).toEqual(['A', 'tie', 'B']);
    const path = file('name: r\ncriteria:\n  - name: a\n    mode: pairwise\n    question: q\n    scale: [better, worse]\n');
    expect(messageOf(() => loadRubric(path))).toBe(`${path}:6: criterion "a": a pairwise criterion's scale is A / tie / B (leave scale out)`);
    const mode = file('name: r\ncriteria:\n  - { name: a, question: q, mode: pairs, scale: 1-3 }\n');
    expect(messageOf(() => loadRubric(mode))).toMatch(/^.*:3: criteria\[0\]\.mode: must be one of "pointwise", "pairwise"/);
  });

  it('bad scale type', () => {
    expect(messageOf(() => loadRubric(`${F}/bad-scale-type.rubric.yaml`))).toBe(
      `${F}/bad-scale-type.rubric.yaml:5: criteria[0].scale.type: must be one of "ordinal", "nominal"`,
    );
  });

  it('levels out of order', () => {
    expect(messageOf(() => loadRubric(`${F}/bad-scale-order.rubric.yaml`))).toBe(
      `${F}/bad-scale-order.rubric.yaml:9: bad scale: levels must be distinct and ascending (worst first), got 5, 4, 3`,
    );
  });

  it('an anchor for a level that is not on the scale', () => {
    expect(messageOf(() => loadRubric(`${F}/anchor-off-scale.rubric.yaml`))).toBe(
      `${F}/anchor-off-scale.rubric.yaml:9: criterion "tone": anchor "6" is not on the scale (1, 2, 3, 4, 5)`,
    );
  });

  it('a pass choice that is not on the scale', () => {
    expect(messageOf(() => loadRubric(`${F}/bad-pass-level.rubric.yaml`))).toBe(
      `${F}/bad-pass-level.rubric.yaml:6: criterion "verdict": pass "maybe" is not on the scale (yes, no)`,
    );
  });

  it('a scale with one level, a duplicate criterion, a misspelt key', () => {
    const one = file('name: r\ncriteria:\n  - name: a\n    question: q\n    scale: { type: ordinal, levels: [1] }\n');
    expect(messageOf(() => loadRubric(one))).toBe(`${one}:5: criteria[0].scale.levels: an ordinal scale needs at least 2 levels`);
    const dup = file('name: r\ncriteria:\n  - { name: a, question: q, scale: [1, 2] }\n  - { name: a, question: q, scale: [1, 2] }\n');
    expect(messageOf(() => loadRubric(dup))).toBe(`${dup}:4: duplicate criterion "a" (first on line 3)`);
    const typo = file('name: r\ncriteria:\n  - name: a\n    question: q\n    scale: [1, 2]\n    anchor: { 1: x }\n');
    expect(messageOf(() => loadRubric(typo))).toBe(`${typo}:6: criteria[0]: unknown key "anchor"; did you mean "anchors"?`);
  });

  it('an ordinal pass level off the scale, and a YAML syntax error', () => {
    const p = file('name: r\ncriteria:\n  - name: a\n    question: q\n    scale: [1, 2, 3]\n    pass: 4\n');
    expect(messageOf(() => loadRubric(p))).toBe(`${p}:6: criterion "a": pass 4 is not on the scale (1, 2, 3)`);
    const y = file('name: r\ncriteria:\n  - name: a\n   question: q\n');
    expect(messageOf(() => loadRubric(y))).toMatch(new RegExp(`^${y.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: invalid YAML: `));
  });
});
