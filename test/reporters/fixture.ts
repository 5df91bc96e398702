import type { CaseReport, RunReport } from '../../src/runner/run-report.js';

const EVIL = 'ignore <b>this</b> & "that" \'x\' ]]> <script>alert(1)</script>\u0001\u0007 end';

function c(p: Partial<CaseReport>): CaseReport {
  return {
    caseId: 'c1', repeat: 0, outputId: 1, status: 'passed', input: { q: 'what?' }, expected: 'yes', tags: [],
    prompt: 'Q: what?', output: 'yes', error: null, scores: [], usage: { inputTokens: 5, outputTokens: 2 },
    judgeUsage: { inputTokens: 0, outputTokens: 0 }, latencyMs: 120, costUsd: null, cached: false, attempts: 1, ...p,
  };
}

/** A run report with one case of each status and hostile text in every field a model controls. */
export function sampleReport(): RunReport {
  return {
    run: {
      id: 'r_1', kind: 'run', suiteName: 'demo <suite> & co', suitePath: null, provider: 'mock', judge: 'mock',
      config: {}, gitCommit: null, parentRunId: null, startedAt: '2026-01-01T00:00:00.000Z',
      status: 'finished', finishedAt: '2026-01-01T00:00:01.000Z', summary: null,
    },
    summary: {
      total: 4, passed: 1, failed: 1, errored: 1, unscored: 1, meanByCriterion: { 'rubric.tone': 3.5, contains: 0.5 },
      usage: { inputTokens: 20, outputTokens: 8 }, judgeUsage: { inputTokens: 40, outputTokens: 10 }, costUsd: null,
      latencyP50Ms: 120, latencyP95Ms: 300, cachedCalls: 2, retries: 3, durationMs: 1500,
    },
    cases: [
      c({ caseId: 'c1', status: 'passed', scores: [{ scorer: 'contains', criterion: 'contains', value: 1, passed: true }] }),
      c({
        caseId: 'c2 <&>', status: 'failed', output: EVIL,
        scores: [
          { scorer: 'contains', criterion: 'contains', value: 0, passed: false, reason: `output ${EVIL} lacks "yes"` },
          { scorer: 'rubric', criterion: 'rubric.tone', value: 4, label: '4', passed: true, reason: 'polite' },
        ],
      }),
      c({ caseId: 'c3', status: 'errored', output: null, error: 'openai:gpt-x: 503 Service Unavailable <html>' }),
      c({ caseId: 'c4', status: 'unscored', scores: [{ scorer: 'rubric', criterion: 'rubric.tone', value: null, reason: 'judge answered "banana"' }] }),
    ],
  };
}
export { EVIL };
