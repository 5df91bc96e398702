import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, useCleanups } from './support.js';

const { tmp } = useCleanups();

// The README tour: the example suite on the mock, then on the seeded imperfect mock, then compare.
// The figures are fixed by the seed (a SHA-256 of model name and prompt), so they are exact.
describe('the README tour with mock:noisy', () => {
  it('shows failing cases and a significant regression that the gate catches', async () => {
    const db = join(tmp(), 'tour.db');
    const base = await cli(['run', 'suites/ticket-classify.yaml', '--db', db], { cwd: ROOT });
    expect(base.code).toBe(0);
    const noisy = await cli(['run', 'suites/ticket-classify.yaml', '--provider', 'mock:noisy', '--db', db, '--json'], { cwd: ROOT });
    expect(noisy.code).toBe(1);
    const doc = JSON.parse(noisy.stdout);
    expect(doc.summary.passed).toBe(11);
    expect(doc.summary.failed).toBe(9);
    expect(doc.summary.costUsd).toBe(0);
    const failedIds = doc.cases.filter((c: { status: string }) => c.status === 'failed').map((c: { caseId: string }) => c.caseId);
    expect(failedIds).toEqual(['t01', 't04', 't06', 't10', 't11', 't14', 't15', 't17', 't18']);

    const cmp = await cli(['compare', 'latest~1', 'latest', '--db', db, '--json'], { cwd: ROOT });
    expect(cmp.code).toBe(1);
    const c = JSON.parse(cmp.stdout);
    // 9 passed→failed, 0 failed→passed: exact McNemar p = 2 · 0.5^9 = 0.00390625
    expect(c.pass_rate.mcnemar.b).toBe(9);
    expect(c.pass_rate.mcnemar.c).toBe(0);
    expect(c.pass_rate.mcnemar.p_value).toBeCloseTo(0.00390625, 10);
    const gate = await cli(['compare', 'latest~1', 'latest', '--db', db, '--fail-on-regression'], { cwd: ROOT });
    expect(gate.code).toBe(1);
    expect(gate.stdout).toContain('worse (p = 0.0039)');
  });
});
