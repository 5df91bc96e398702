import { compareReports, type Comparison } from '../../src/runner/compare.js';
import type { CaseReport, RunReport } from '../../src/runner/run-report.js';
import { parseBy } from '../../src/runner/slices.js';
import { EVIL } from './fixture.js';

/**
 * Two runs of 80 cases, 60 -> 48 passes (the done-means example of issue 11): c1–c16 pass -> fail,
 * c17–c20 fail -> pass, c21–c64 pass in both, c65–c80 fail in both; odd cases tagged "hard",
 * even "easy". Scores: contains 1/0 as the case passes; rubric.faithfulness 5 when it passes, 2 when not.
 * Known figures (test/cli/compare.test.ts has their sources): Wilson 75.0% [64.5%, 83.2%] and
 * 60.0% [49.0%, 70.0%], paired bootstrap (seed 1) −15.0 pts [−26.3, −5.0], McNemar exact p = 0.0118,
 * Wilcoxon p = 0.0078 for both criteria, Holm-adjusted 0.0155.
 */
export function compareFixture(): { comparison: Comparison; baseline: RunReport; candidate: RunReport } {
  const passes = {
    baseline: (i: number) => i <= 16 || (i >= 21 && i <= 64),
    candidate: (i: number) => i >= 17 && i <= 64,
  };
  const report = (which: 'baseline' | 'candidate'): RunReport => {
    const cases: CaseReport[] = [];
    for (let i = 1; i <= 80; i++) {
      const ok = passes[which](i);
      cases.push({
        caseId: `c${i}`, repeat: 0, outputId: i, status: ok ? 'passed' : 'failed', input: { question: `q${i}` }, expected: 'yes',
        tags: [i % 2 ? 'hard' : 'easy'], prompt: `Q: q${i}`,
        output: i === 3 && which === 'candidate' ? EVIL : ok ? `the answer is yes (${which} ${i})` : `no idea (${which} ${i})`,
        error: null,
        scores: [
          { scorer: 'contains', criterion: 'contains', value: ok ? 1 : 0, passed: ok, reason: ok ? 'contains "yes"' : 'output does not contain "yes"' },
          { scorer: 'rubric', criterion: 'rubric.faithfulness', value: ok ? 5 : 2, label: ok ? '5' : '2', passed: ok, reason: ok ? 'every claim supported' : 'invents a figure' },
        ],
        usage: { inputTokens: 5, outputTokens: 2 }, judgeUsage: { inputTokens: 0, outputTokens: 0 }, latencyMs: 100 + i, costUsd: null, cached: false, attempts: 1,
      });
    }
    return {
      run: {
        id: which === 'baseline' ? 'r_base' : 'r_cand', kind: 'run', suiteName: 'sixty-forty-eight', suitePath: null, provider: 'mock', judge: 'mock',
        config: {}, gitCommit: null, parentRunId: null, startedAt: '2026-01-01T00:00:00.000Z', status: 'finished', finishedAt: '2026-01-01T00:00:01.000Z', summary: null,
      },
      summary: null,
      cases,
      bounds: { contains: [0, 1], 'rubric.faithfulness': [1, 5] },
    };
  };
  const baseline = report('baseline');
  const candidate = report('candidate');
  const comparison = compareReports(baseline, candidate, { gating: ['contains'], by: [parseBy('tag')] });
  return { comparison, baseline, candidate };
}
