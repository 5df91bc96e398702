import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openSqliteStore } from '../../../src/storage/sqlite-store.js';
import { cli, ragCases, useCleanups, writeSuite } from '../support.js';

const { tmp } = useCleanups();

describe('juror judge', () => {
  it('scores every judge-based scorer again (rubric, choice judge, RAG metric) and decides by the run\'s pass rules', async () => {
    const dir = tmp();
    const db = join(dir, 'j.db');
    // `contains` fails on every case (the value is never in an answer); the pass rules ignore it.
    const suite = writeSuite(dir, {
      cases: ragCases(6),
      scorers: ['- contains: { value: "nowhere in any answer" }', '- rubric: faithfulness', '- choice: factuality', '- faithfulness'],
      pass: ['rubric.faithfulness: ">= 4"'],
    });
    const run = await cli(['run', suite, '--db', db, '--json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const parent = JSON.parse(run.stdout);
    expect(parent.summary.passed).toBe(6);

    const r = await cli(['judge', '--run', parent.runId, '--no-cache', '--db', db, '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.kind).toBe('judge');
    expect(doc.summary).toMatchObject({ total: 6, passed: 6, failed: 0 });
    const criteria = new Set(doc.cases.flatMap((c: { scores: Array<{ criterion: string }> }) => c.scores.map((s) => s.criterion)));
    expect([...criteria].sort()).toEqual(['contains', 'factuality', 'faithfulness', 'rubric.faithfulness', 'rubric.relevance']);
    const store = openSqliteStore(db);
    try {
      const scores = store.getScores(doc.runId);
      // every judge-based score carries the judge that gave it; the RAG metric keeps its claims
      expect(scores.filter((s) => s.judge === 'mock')).toHaveLength(6 * 4);
      expect(scores.filter((s) => s.criterion === 'faithfulness').every((s) => (s.claims?.length ?? 0) > 0)).toBe(true);
      expect(store.getRun(doc.runId)!.config.pass).toEqual([expect.objectContaining({ criterion: 'rubric.faithfulness', op: '>=', target: 4 })]);
    } finally {
      store.close();
    }
  });
});
