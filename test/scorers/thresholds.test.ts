import { describe, expect, it } from 'vitest';
import type { Score } from '../../src/core/score.js';
import { decideCase, evaluateThresholds } from '../../src/scorers/thresholds.js';
import { suiteWith } from './helpers.js';

const score = (criterion: string, value: number | null, extra: Partial<Score> = {}): Score => ({
  scorer: criterion.split('.')[0]!,
  criterion,
  value,
  ...(value === null ? {} : { passed: value >= 1 }),
  ...extra,
});

function rules(pass: string) {
  return suiteWith(
    '  - contains: x\n  - regex: { pattern: y, as: has-y }',
    `pass:\n${pass}\n`,
  ).suite.pass;
}

describe('evaluateThresholds', () => {
  it('compares with each operator', () => {
    const r = rules('  contains: ">= 1"\n  has-y: "< 1"');
    expect(decideCase(r, [score('contains', 1), score('has-y', 0)])).toBe('passed');
    expect(evaluateThresholds(r, [score('contains', 0), score('has-y', 0)])).toEqual({
      status: 'failed',
      rules: [
        { criterion: 'contains', rule: '>= 1', status: 'failed', reason: 'contains is 0, needs >= 1' },
        { criterion: 'has-y', rule: '< 1', status: 'passed' },
      ],
    });
    expect(decideCase(rules('  contains: "!= 0"'), [score('contains', 1)])).toBe('passed');
    expect(decideCase(rules('  contains: "= 0"'), [score('contains', 1)])).toBe('failed');
    expect(decideCase(rules('  contains: 1'), [score('contains', 1)])).toBe('passed');
    expect(decideCase(rules('  contains: passed'), [score('contains', 0, { passed: false })])).toBe('failed');
  });

  it('an unscored required score makes the case unscored, never failed or passed', () => {
    const r = rules('  contains: "== 1"\n  has-y: "== 1"');
    const result = evaluateThresholds(r, [score('contains', 1), score('has-y', null, { reason: 'judge call failed: boom' })]);
    expect(result.status).toBe('unscored');
    expect(result.rules[1]).toEqual({ criterion: 'has-y', rule: '== 1', status: 'unscored', reason: 'judge call failed: boom' });
    // a missing score counts as unscored too
    expect(evaluateThresholds(r, [score('contains', 1)]).rules[1]).toEqual({
      criterion: 'has-y',
      rule: '== 1',
      status: 'unscored',
      reason: 'no score for "has-y"',
    });
  });

  it('a definite failure outranks an unscored score', () => {
    const r = rules('  contains: "== 1"\n  has-y: "== 1"');
    expect(decideCase(r, [score('contains', 0), score('has-y', null)])).toBe('failed');
  });

  it('scores not named in pass: do not count', () => {
    expect(decideCase(rules('  contains: "== 1"'), [score('contains', 1), score('has-y', 0)])).toBe('passed');
  });

  it('without pass: every score must pass; unscored → unscored; nothing → unscored', () => {
    expect(decideCase([], [score('a', 1), score('b', 1)])).toBe('passed');
    expect(decideCase([], [score('a', 1), score('b', 0)])).toBe('failed');
    expect(decideCase([], [score('a', 1), score('b', null)])).toBe('unscored');
    expect(decideCase([], [])).toBe('unscored');
  });

  it('label rules compare the scale label (nominal rubric criteria)', () => {
    const rubricRules = [{ criterion: 'rubric.v', op: '==' as const, target: 'pass', text: '== pass', where: 'x:1' }];
    expect(decideCase(rubricRules, [score('rubric.v', 0, { label: 'pass' })])).toBe('passed');
    expect(evaluateThresholds(rubricRules, [score('rubric.v', 1, { label: 'fail' })]).rules[0]!.reason).toBe('rubric.v is fail, needs == pass');
  });

  it('numeric rules on rubric levels', () => {
    const r = [{ criterion: 'rubric.f', op: '>=' as const, target: 4, text: '>= 4', where: 'x:1' }];
    expect(decideCase(r, [score('rubric.f', 4, { label: '4' })])).toBe('passed');
    expect(evaluateThresholds(r, [score('rubric.f', 3, { label: '3' })]).rules[0]!.reason).toBe('rubric.f is 3, needs >= 4');
  });
});

describe('cost and latency pass rules', () => {
  const metricRules = (pass: string) => suiteWith('  - contains: x', `pass:\n${pass}\n`).suite.pass;

  it('read the case measurements; a bare number is a ceiling', () => {
    const r = metricRules('  contains: passed\n  cost: "<= 0.002"\n  latency_ms: 1500');
    expect(r.map((x) => [x.criterion, x.op, x.target, x.metric])).toEqual([
      ['contains', 'passed', null, undefined],
      ['cost', '<=', 0.002, 'cost'],
      ['latency_ms', '<=', 1500, 'latency_ms'],
    ]);
    const ok = [score('contains', 1)];
    expect(decideCase(r, ok, { costUsd: 0.002, latencyMs: 1500 })).toBe('passed');
    expect(evaluateThresholds(r, ok, { costUsd: 0.0031, latencyMs: 1500.5 })).toEqual({
      status: 'failed',
      rules: [
        { criterion: 'contains', rule: 'passed', status: 'passed' },
        { criterion: 'cost', rule: '<= 0.002', status: 'failed', reason: 'cost is $0.0031, needs <= 0.002' },
        { criterion: 'latency_ms', rule: '<= 1500', status: 'failed', reason: 'latency_ms is 1500.5 ms, needs <= 1500' },
      ],
    });
  });

  it('an unknown cost (no price for the model) is unscored, not a pass', () => {
    const r = metricRules('  cost: "< 0.01"');
    expect(evaluateThresholds(r, [score('contains', 1)], { costUsd: null, latencyMs: 10 })).toEqual({
      status: 'unscored',
      rules: [{ criterion: 'cost', rule: '< 0.01', status: 'unscored', reason: 'cost unknown (no price for the model in the pricing table)' }],
    });
    expect(decideCase(r, [], undefined)).toBe('unscored');
  });

  it('needs a numeric comparison', () => {
    expect(() => metricRules('  latency_ms: "== fast"')).toThrow(/:7: pass: latency_ms: expected a comparison with a number like "<= 1500", got "== fast"$/);
  });
});
