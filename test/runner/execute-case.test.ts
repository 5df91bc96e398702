import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/core/case.js';
import type { Provider } from '../../src/providers/provider.js';
import { executeCase } from '../../src/runner/execute-case.js';
import type { RunPlan } from '../../src/runner/types.js';
import { decideCase } from '../../src/scorers/thresholds.js';

const provider: Provider = {
  id: 'fixed',
  model: 'fixed',
  async complete() {
    return { text: 'billing', usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, model: 'fixed' };
  },
};

function plan(rules: Parameters<typeof decideCase>[0]): RunPlan {
  return {
    suiteName: 's',
    suitePath: null,
    cases: [],
    render: () => [{ role: 'user', content: 'q' }],
    params: {},
    scorers: [
      { name: 'exact', criteria: ['exact'], score: async () => [{ scorer: 'exact', criterion: 'exact', value: 1, passed: true }] },
      { name: 'rubric', criteria: ['rubric.faithfulness', 'rubric.tone'], score: async () => { throw new Error('boom'); } },
    ],
    decide: (scores) => decideCase(rules, scores),
  };
}

describe('executeCase', () => {
  const c: Case = { id: 'c1', vars: {}, tags: [] };

  it('a crashing scorer leaves each of its criteria unscored under its own name, and the case unscored', async () => {
    const rules = [{ criterion: 'exact', op: '==' as const, target: 1, text: '== 1', where: 's:1' }, { criterion: 'rubric.tone', op: '>=' as const, target: 3, text: '>= 3', where: 's:2' }];
    const res = await executeCase(c, 0, { runId: 'r', plan: plan(rules), provider, callSignal: new AbortController().signal });
    const unscored = res!.scores.filter((s) => s.value === null);
    expect(unscored.map((s) => s.criterion)).toEqual(['rubric.faithfulness', 'rubric.tone']);
    expect(unscored[0]!.reason).toContain('scorer failed: boom');
    expect(res!.outcome.status).toBe('unscored');
  });
});
