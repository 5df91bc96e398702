import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, NotFoundError, StorageError } from '../../src/core/errors.js';
import type { ClaimVerdict, Score } from '../../src/core/score.js';
import type { PanelVerdict } from '../../src/core/judge-panel.js';
import type { RunSummary, ScoreRecord, Store } from '../../src/storage/store.js';
import { newOutput, newRun } from './store-fixtures.js';

const SUMMARY: RunSummary = {
  total: 3, passed: 1, failed: 1, errored: 1, unscored: 1, meanByCriterion: { 'rubric.faithfulness': 4.5, contains: null },
  usage: { inputTokens: 30, outputTokens: 15 }, judgeUsage: { inputTokens: 9, outputTokens: 3 }, costUsd: null,
  latencyP50Ms: 12, latencyP95Ms: null, cachedCalls: 1, retries: 2, durationMs: 1234,
};

/** Contract part 1: runs, cases, outputs, scores, cache, annotators and sessions. */
export function runsContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe('runs', () => {
    it('creates a running run and round-trips every field', () => {
      const created = store.createRun(newRun('r1'));
      expect(created).toEqual({ ...newRun('r1'), status: 'running', finishedAt: null, summary: null });
      expect(store.getRun('r1')).toEqual(created);
      expect(store.getRun('nope')).toBeUndefined();
    });

    it('refuses a duplicate run id', () => {
      store.createRun(newRun('r1'));
      expect(() => store.createRun(newRun('r1'))).toThrow(StorageError);
    });

    it('lists newest first, filters by suite and limits', () => {
      store.createRun(newRun('a', { startedAt: '2026-01-01T00:00:00.000Z' }));
      store.createRun(newRun('b', { startedAt: '2026-01-03T00:00:00.000Z', suiteName: 'other' }));
      store.createRun(newRun('c', { startedAt: '2026-01-02T00:00:00.000Z' }));
      expect(store.listRuns().map((r) => r.id)).toEqual(['b', 'c', 'a']);
      expect(store.listRuns({ limit: 2 }).map((r) => r.id)).toEqual(['b', 'c']);
      expect(store.listRuns({ suiteName: 'rag-faq' }).map((r) => r.id)).toEqual(['c', 'a']);
    });

    it('finishes a run with a summary; undefined keeps it, null clears it', () => {
      store.createRun(newRun('r1'));
      store.setRunStatus('r1', 'finished', SUMMARY, '2026-01-01T00:01:00.000Z');
      const done = store.getRun('r1')!;
      expect(done.status).toBe('finished');
      expect(done.summary).toEqual(SUMMARY);
      expect(done.summary!.meanByCriterion.contains).toBeNull();
      expect(done.finishedAt).toBe('2026-01-01T00:01:00.000Z');
      store.setRunStatus('r1', 'failed');
      expect(store.getRun('r1')!.summary).toEqual(SUMMARY);
      store.setRunStatus('r1', 'failed', null, null);
      expect(store.getRun('r1')).toMatchObject({ status: 'failed', summary: null, finishedAt: null });
      expect(() => store.setRunStatus('missing', 'finished')).toThrow(NotFoundError);
    });

    it('latestUnfinishedRun picks the newest running/interrupted run, never a judge run', () => {
      expect(store.latestUnfinishedRun()).toBeUndefined();
      store.createRun(newRun('old', { startedAt: '2026-01-01T00:00:00.000Z' }));
      store.createRun(newRun('mid', { startedAt: '2026-01-02T00:00:00.000Z' }));
      store.createRun(newRun('new', { startedAt: '2026-01-03T00:00:00.000Z' }));
      store.createRun(newRun('judge', { kind: 'judge', parentRunId: 'old', startedAt: '2026-01-04T00:00:00.000Z' }));
      store.setRunStatus('new', 'finished');
      store.setRunStatus('mid', 'interrupted');
      expect(store.latestUnfinishedRun()?.id).toBe('mid');
    });
  });

  describe('cases and results', () => {
    beforeEach(() => {
      store.createRun(newRun('r1'));
    });

    it('round-trips cases in order; saving again replaces instead of duplicating', () => {
      const cases = [
        { id: 'b', vars: { q: 'why?' }, tags: ['x'], expected: { answer: 42 }, context: [{ text: 'p1', id: 'd1', score: 0.9 }, { text: 'p2' }] },
        { id: 'a', vars: {}, tags: [] },
      ];
      store.saveCases('r1', cases);
      expect(store.getCases('r1')).toEqual(cases);
      expect(store.getCase('r1', 'b')).toEqual(cases[0]);
      expect(store.getCase('r1', 'nope')).toBeUndefined();
      store.saveCases('r1', cases);
      expect(store.getCases('r1')).toHaveLength(2);
      expect(() => store.saveCases('missing', cases)).toThrow(NotFoundError);
    });

    it('keeps given suite positions (a shard\'s slice) and returns cases in position order', () => {
      const cases = [
        { id: 'x', vars: {}, tags: [] },
        { id: 'y', vars: { q: 1 }, tags: [] },
      ];
      store.saveCases('r1', cases, [7, 2]);
      expect(store.getPositionedCases('r1')).toEqual([{ position: 2, case: cases[1] }, { position: 7, case: cases[0] }]);
      expect(store.getCases('r1').map((c) => c.id)).toEqual(['y', 'x']);
      expect(() => store.saveCases('r1', cases, [1])).toThrow(/2 cases but 1 positions/);
    });

    it('round-trips outputs and scores; an unscored value stays null, never 0', () => {
      const scores: Score[] = [
        { scorer: 'contains', criterion: 'contains', value: 1, passed: true, reason: 'found' },
        { scorer: 'rubric', criterion: 'faithfulness', value: null, reason: 'judge refused', judge: 'mock', meta: { raw: 'no' } },
        { scorer: 'rubric', criterion: 'tone', value: 0, label: 'pass', passed: false },
      ];
      const out = store.saveResult(newOutput('r1', 'c1'), scores);
      expect(out).toMatchObject({ ...newOutput('r1', 'c1'), id: expect.any(Number) });
      expect(store.getOutput(out.id)).toEqual(out);
      const back = store.getScores('r1');
      expect(back.map(({ id: _i, createdAt: _c, runId: _r, outputId: _o, ...s }) => s)).toEqual(scores);
      expect(back[1]!.value).toBeNull();
      expect(back[2]!.value).toBe(0);
      expect(back.every((s) => s.runId === 'r1' && s.outputId === out.id)).toBe(true);
    });

    it("round-trips a judge panel's member verdicts beside their score, in panel order; they are never scores of their own", () => {
      const panel: PanelVerdict[] = [
        { judge: 'openai:gpt-4o-mini', value: 5, label: '5', passed: true, reason: 'all supported', meta: { usage: { inputTokens: 90, outputTokens: 12 }, cached: false } },
        { judge: 'anthropic:claude-haiku-4-5', value: null, reason: 'judge call failed: HTTP 529' },
        { judge: 'mock:noisy', value: 3, label: '3', passed: false },
      ];
      const scores: Score[] = [
        { scorer: 'rubric', criterion: 'rubric.faithfulness', value: 4, label: '4', passed: true, reason: 'mean of 2', judge: 'openai:gpt-4o-mini,anthropic:claude-haiku-4-5,mock:noisy', panel },
        { scorer: 'contains', criterion: 'contains', value: 1, passed: true },
      ];
      const saved = store.saveResult(newOutput('r1', 'c1'), scores);
      const [o2] = store.saveResults([{ output: newOutput('r1', 'c2'), scores: [{ ...scores[0]!, value: 3, panel: panel.slice(1) }] }]);
      const strip = ({ id: _i, createdAt: _c, runId: _r, outputId: _o, ...s }: ScoreRecord) => s;
      expect(store.getScores('r1').map(strip)).toEqual([...scores, { ...scores[0]!, value: 3, panel: panel.slice(1) }]);
      expect(store.getScores('r1')).toHaveLength(3);
      expect(store.getScores('r1')[1]).not.toHaveProperty('panel');
      expect(store.getScoresForOutputs('r1', [o2!.id]).map(strip)).toEqual([{ ...scores[0]!, value: 3, panel: panel.slice(1) }]);
      // a judge run's panel verdicts are its own
      store.createRun(newRun('j1', { kind: 'judge', parentRunId: 'r1', judge: 'a,b' }));
      store.saveScoreBatch('j1', [{ outputId: saved.id, scores: [{ scorer: 'rubric', criterion: 'rubric.faithfulness', value: null, reason: 'split', panel: [{ judge: 'a', value: 1 }, { judge: 'b', value: 5 }] }] }]);
      expect(store.getScores('j1').map((s) => s.panel)).toEqual([[{ judge: 'a', value: 1 }, { judge: 'b', value: 5 }]]);
      expect(store.getScores('r1')[0]!.panel).toEqual(panel);
    });

    it('round-trips the claims of a score in order, with verdict, reason and chunk; other scores get none', () => {
      const claims: ClaimVerdict[] = [
        { kind: 'claim', text: 'Refunds take 30 days.', verdict: 'contradicted', reason: 'The chunk says 14 days.', chunk: 'kb-9' },
        { kind: 'claim', text: 'Email billing.', verdict: 'supported', reason: 'Stated in #2.', chunk: '#2' },
        { kind: 'claim', text: 'It is free.', verdict: 'not_found', reason: '', chunk: null },
      ];
      const chunks: ClaimVerdict[] = [
        { kind: 'chunk', text: 'p1', verdict: 'irrelevant', reason: 'off topic', chunk: '#1' },
        { kind: 'chunk', text: 'p2', verdict: 'relevant', reason: 'states it', chunk: '#2' },
      ];
      const scores: Score[] = [
        { scorer: 'faithfulness', criterion: 'faithfulness', value: 1 / 3, passed: false, reason: '1 of 3', judge: 'mock', claims },
        { scorer: 'contains', criterion: 'contains', value: 1, passed: true },
        { scorer: 'context-precision', criterion: 'context-precision', value: 0.5, passed: true, claims: chunks },
      ];
      const saved = store.saveResult(newOutput('r1', 'c1'), scores);
      const [o2] = store.saveResults([{ output: newOutput('r1', 'c2'), scores: [{ ...scores[0]!, claims: claims.slice(1) }] }]);
      const strip = ({ id: _i, createdAt: _c, runId: _r, outputId: _o, ...s }: ScoreRecord) => s;
      expect(store.getScores('r1').map(strip)).toEqual([...scores, { ...scores[0]!, claims: claims.slice(1) }]);
      expect(store.getScores('r1')[1]).not.toHaveProperty('claims');
      expect(store.getScoresForOutputs('r1', [o2!.id]).map(strip)).toEqual([{ ...scores[0]!, claims: claims.slice(1) }]);
      // re-scores written by a judge run carry their own claims, apart from the parent's
      store.createRun(newRun('j1', { kind: 'judge', parentRunId: 'r1', judge: 'mock' }));
      const [rescored] = store.saveScores('j1', saved.id, [{ scorer: 'faithfulness', criterion: 'faithfulness', value: 0, claims: claims.slice(0, 1) }]);
      expect(rescored!.claims).toEqual(claims.slice(0, 1));
      expect(store.getScores('j1').map((s) => s.claims)).toEqual([claims.slice(0, 1)]);
      expect(store.getScores('r1')[0]!.claims).toEqual(claims);
      // a judge run's batched writes: many outputs in one transaction; an unknown output writes nothing
      store.saveScoreBatch('j1', [
        { outputId: saved.id, scores: [{ scorer: 'contains', criterion: 'contains', value: 1, passed: true }] },
        { outputId: o2!.id, scores: [{ scorer: 'contains', criterion: 'contains', value: 0, passed: false }] },
      ]);
      expect(store.getScores('j1').filter((s) => s.criterion === 'contains').map((s) => [s.outputId, s.value])).toEqual([[saved.id, 1], [o2!.id, 0]]);
      expect(() => store.saveScoreBatch('j1', [{ outputId: saved.id, scores: [scores[1]!] }, { outputId: 999_999, scores: [scores[1]!] }])).toThrow(/output 999999 not found/);
      expect(store.getScores('j1')).toHaveLength(3);
    });

    it('keeps an errored call (output null, error text) and cached/attempts', () => {
      const out = store.saveResult(newOutput('r1', 'c1', 1, { output: null, error: '429 after 3 tries', cached: true, attempts: 3, latencyMs: null, costUsd: null }), []);
      expect(store.getOutput(out.id)).toMatchObject({ output: null, error: '429 after 3 tries', cached: true, attempts: 3, latencyMs: null, costUsd: null, repeat: 1 });
    });

    it('saves batches in order and refuses a duplicate (run, case, repeat) without partial writes', () => {
      const saved = store.saveResults([
        { output: newOutput('r1', 'c1', 0), scores: [] },
        { output: newOutput('r1', 'c1', 1), scores: [] },
        { output: newOutput('r1', 'c2', 0), scores: [{ scorer: 's', criterion: 's', value: 1 }] },
      ]);
      expect(saved.map((o) => [o.caseId, o.repeat])).toEqual([['c1', 0], ['c1', 1], ['c2', 0]]);
      expect(store.getOutputs('r1').map((o) => o.id)).toEqual(saved.map((o) => o.id));
      expect(() => store.saveResult(newOutput('r1', 'c1', 0), [])).toThrow(StorageError);
      expect(() =>
        store.saveResults([
          { output: newOutput('r1', 'c3', 0), scores: [{ scorer: 's', criterion: 's', value: 1 }] },
          { output: newOutput('r1', 'c2', 0), scores: [] },
        ]),
      ).toThrow(StorageError);
      expect(store.getOutputs('r1')).toHaveLength(3);
      expect(store.getScores('r1')).toHaveLength(1);
    });

    it('stores judge-run scores on the parent run outputs, kept apart from the parent scores', () => {
      const [o1, o2] = store.saveResults([
        { output: newOutput('r1', 'c1'), scores: [{ scorer: 'rubric', criterion: 'f', value: 3, judge: 'mock' }] },
        { output: newOutput('r1', 'c2'), scores: [{ scorer: 'rubric', criterion: 'f', value: 5, judge: 'mock' }] },
      ]);
      store.createRun(newRun('j1', { kind: 'judge', parentRunId: 'r1', judge: 'openai:gpt-4o' }));
      store.saveScores('j1', o1!.id, [{ scorer: 'rubric', criterion: 'f', value: 4, judge: 'openai:gpt-4o' }]);
      store.saveScores('j1', o2!.id, [{ scorer: 'rubric', criterion: 'f', value: null, judge: 'openai:gpt-4o' }]);
      expect(store.getRun('j1')!.parentRunId).toBe('r1');
      expect(store.getScores('r1').map((s) => s.value)).toEqual([3, 5]);
      expect(store.getScores('j1').map((s) => [s.outputId, s.value])).toEqual([[o1!.id, 4], [o2!.id, null]]);
      expect(store.getScoresForOutputs('j1', [o2!.id]).map((s) => s.value)).toEqual([null]);
      expect(store.getScoresForOutputs('r1', [o1!.id, o2!.id]).map((s) => s.value)).toEqual([3, 5]);
      expect(store.getScoresForOutputs('r1', [])).toEqual([]);
      expect(store.getOutputs('j1')).toEqual([]);
      expect(() => store.saveScores('j1', 999_999, [])).toThrow(NotFoundError);
      expect(() => store.createRun(newRun('j2', { kind: 'judge', parentRunId: 'missing' }))).toThrow(NotFoundError);
    });
  });

  describe('cache', () => {
    it('misses, stores, counts hits and bytes, overwrites and clears', () => {
      expect(store.cacheGet('k1')).toBeUndefined();
      const entry = { key: 'k1', provider: 'mock', value: '{"text":"héllo"}', createdAt: '2026-01-01T00:00:00.000Z' };
      store.cachePut(entry);
      store.cachePut({ ...entry, key: 'k2', value: '{}' });
      expect(store.cacheGet('k1')).toEqual(entry);
      expect(store.cacheGet('k1')).toEqual(entry);
      expect(store.cacheGet('k2')).toBeDefined();
      // bytes are UTF-8 bytes: é is two
      expect(store.cacheStats()).toEqual({ entries: 2, hits: 3, bytes: Buffer.byteLength(entry.value) + 2 });
      store.cachePut({ ...entry, value: '{"text":"new"}' });
      expect(store.cacheGet('k1')!.value).toBe('{"text":"new"}');
      expect([...store.cacheEntries()]).toEqual([{ ...entry, value: '{"text":"new"}' }, { ...entry, key: 'k2', value: '{}' }]);
      expect(store.cacheClear()).toBe(2);
      expect([...store.cacheEntries()]).toEqual([]);
      expect(store.cacheStats()).toEqual({ entries: 0, hits: 0, bytes: 0 });
      expect(store.cachePutMany([entry, { ...entry, key: 'k0' }])).toBe(2);
      expect([...store.cacheEntries()].map((e) => e.key)).toEqual(['k0', 'k1']);
    });
  });

  describe('annotators and sessions', () => {
    it('finds annotators by id, name and token; a new token replaces the old one', () => {
      const a = store.createAnnotator({ id: 'a1', name: 'zoe', role: 'admin', tokenHash: 't1', createdAt: '2026-01-01T00:00:00.000Z' });
      expect(a).toEqual({ id: 'a1', name: 'zoe', role: 'admin', createdAt: '2026-01-01T00:00:00.000Z', disabled: false, tokenExpiresAt: null });
      store.createAnnotator({ id: 'a2', name: 'amy', role: 'annotator', tokenHash: 't2', createdAt: '2026-01-01T00:00:00.000Z' });
      expect(store.getAnnotator('a1')).toEqual(a);
      expect(store.getAnnotatorByName('zoe')).toEqual(a);
      expect(store.getAnnotatorByTokenHash('t1')).toEqual(a);
      expect(store.listAnnotators().map((x) => x.name)).toEqual(['amy', 'zoe']);
      store.setAnnotatorToken('a1', 't1b');
      expect(store.getAnnotatorByTokenHash('t1')).toBeUndefined();
      expect(store.getAnnotatorByTokenHash('t1b')?.id).toBe('a1');
      expect(() => store.setAnnotatorToken('nobody', 'x')).toThrow(NotFoundError);
      expect(() => store.createAnnotator({ id: 'a3', name: 'zoe', role: 'annotator', tokenHash: 't3', createdAt: 'x' })).toThrow(ConfigError);
    });

    it('creates, reads and deletes sessions', () => {
      store.createAnnotator({ id: 'a1', name: 'zoe', role: 'annotator', tokenHash: 't1', createdAt: '2026-01-01T00:00:00.000Z' });
      const s = { idHash: 'sh', annotatorId: 'a1', csrfToken: 'csrf', createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-01-02T00:00:00.000Z' };
      store.createSession(s);
      expect(store.getSession('sh')).toEqual(s);
      store.deleteSession('sh');
      expect(store.getSession('sh')).toBeUndefined();
      expect(() => store.createSession({ ...s, idHash: 'x', annotatorId: 'ghost' })).toThrow(NotFoundError);
    });

    it('a new login token ends that annotator\'s sessions, and only theirs', () => {
      store.createAnnotator({ id: 'a1', name: 'zoe', role: 'annotator', tokenHash: 't1', createdAt: '2026-01-01T00:00:00.000Z' });
      store.createAnnotator({ id: 'a2', name: 'amy', role: 'annotator', tokenHash: 't2', createdAt: '2026-01-01T00:00:00.000Z' });
      const s = { idHash: 's1', annotatorId: 'a1', csrfToken: 'c1', createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2099-01-01T00:00:00.000Z' };
      store.createSession(s);
      store.createSession({ ...s, idHash: 's2', annotatorId: 'a2' });
      store.setAnnotatorToken('a1', 't1b');
      expect(store.getSession('s1')).toBeUndefined();
      expect(store.getSession('s2')?.annotatorId).toBe('a2');
    });
  });

}
