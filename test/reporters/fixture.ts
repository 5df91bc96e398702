import type { Score } from '../../src/core/score.js';
import { reduceAll, summarizeRepeats } from '../../src/runner/repeats.js';
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

/**
 * 40 cases with known figures: 25 passed (62.5%, Wilson [47.0%, 75.8%]); tag "easy" c1–c24 with
 * 20 passed (83.3% [64.1%, 93.3%]), tag "hard" c25–c40 with 5 passed (31.3% [14.2%, 55.6%]),
 * c39 errored, c40 unscored. Only c7's output mentions a zebra; c12's output is hostile markup.
 */
export function fortyCaseReport(): RunReport {
  const cases: CaseReport[] = [];
  for (let i = 1; i <= 40; i++) {
    const easy = i <= 24;
    const status: CaseReport['status'] = i <= 20 || (i >= 25 && i <= 29) ? 'passed' : i === 39 ? 'errored' : i === 40 ? 'unscored' : 'failed';
    const faith = status === 'passed' ? 4 + (i % 2) : status === 'failed' ? 1 + (i % 3) : null;
    const output = status === 'errored' ? null : i === 7 ? 'A zebra crossing is on page 3.' : i === 12 ? EVIL : `Answer number ${i}.`;
    cases.push(
      c({
        caseId: `c${i}`, outputId: i, status, tags: [easy ? 'easy' : 'hard'], output,
        error: status === 'errored' ? 'mock: 503 Service Unavailable' : null,
        scores: status === 'errored' ? [] : [
          { scorer: 'rubric', criterion: 'rubric.faithfulness', value: faith, label: faith === null ? undefined : String(faith), passed: faith === null ? undefined : faith >= 4, reason: faith === null ? 'judge answered "banana"' : `level ${faith}` },
        ],
      }),
    );
  }
  const base = sampleReport();
  return {
    run: { ...base.run, suiteName: 'forty', id: 'r_40' },
    summary: { ...base.summary!, total: 40, passed: 25, failed: 13, errored: 1, unscored: 1, meanByCriterion: {} },
    cases,
  };
}

/**
 * 4 cases × 3 repeats: a, d always pass, c never, b passes on repeats 1 and 3 (unstable).
 * pass@1 = 8/12 = 66.7%, pass@2 = 75.0%, pass^2 = (1 + 1/3 + 0 + 1)/4 = 58.3%, pass^3 = 50.0%.
 */
export function repeatedReport(): RunReport {
  const verdicts: Record<string, CaseReport['status'][]> = {
    a: ['passed', 'passed', 'passed'], b: ['passed', 'failed', 'passed'], c: ['failed', 'failed', 'failed'], d: ['passed', 'passed', 'passed'],
  };
  const cases: CaseReport[] = [];
  let id = 1;
  for (const [caseId, sts] of Object.entries(verdicts)) {
    sts.forEach((status, repeat) => {
      const value = status === 'passed' ? 1 : 0;
      cases.push(c({ caseId, repeat, outputId: id++, status, scores: [{ scorer: 'contains', criterion: 'contains', value, passed: value === 1 }] }));
    });
  }
  const base = sampleReport();
  const decide = (scores: Score[]) => (scores.every((s) => s.passed) ? 'passed' as const : 'failed' as const);
  return {
    run: { ...base.run, suiteName: 'repeated', id: 'r_rep', config: { repeat: 3, reduce: 'majority' } },
    summary: { ...base.summary!, total: 12, passed: 8, failed: 4, errored: 0, unscored: 0, repeats: 3, reduced: summarizeRepeats(reduceAll(cases, 'majority', decide), 3, 'majority') },
    cases,
  };
}

export { c as caseReport };
