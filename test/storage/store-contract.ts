import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, NotFoundError, StorageError } from '../../src/core/errors.js';
import type { Score } from '../../src/core/score.js';
import type { RunSummary, Store } from '../../src/storage/store.js';
import { RUBRIC, label, newOutput, newRun, seedReview } from './store-fixtures.js';

const SUMMARY: RunSummary = {
  total: 3, passed: 1, failed: 1, errored: 1, unscored: 1, meanByCriterion: { 'rubric.faithfulness': 4.5, contains: null },
  usage: { inputTokens: 30, outputTokens: 15 }, judgeUsage: { inputTokens: 9, outputTokens: 3 }, costUsd: null,
  latencyP50Ms: 12, latencyP95Ms: null, cachedCalls: 1, retries: 2, durationMs: 1234,
};

/**
 * The contract every Store implementation must pass (SQLite today; a Postgres store later runs
 * the same suite). `makeStore` returns a fresh, empty store; the suite closes it after each test.
 */
export function describeStoreContract(name: string, makeStore: () => Store): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(() => {
      store = makeStore();
    });
    afterEach(() => {
      store.close();
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
          { id: 'b', vars: { q: 'why?' }, tags: ['x'], expected: { answer: 42 }, context: ['p1', 'p2'] },
          { id: 'a', vars: {}, tags: [] },
        ];
        store.saveCases('r1', cases);
        expect(store.getCases('r1')).toEqual(cases);
        store.saveCases('r1', cases);
        expect(store.getCases('r1')).toHaveLength(2);
        expect(() => store.saveCases('missing', cases)).toThrow(NotFoundError);
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
        expect(store.cacheClear()).toBe(2);
        expect(store.cacheStats()).toEqual({ entries: 0, hits: 0, bytes: 0 });
      });
    });

    describe('annotators and sessions', () => {
      it('finds annotators by id, name and token; a new token replaces the old one', () => {
        const a = store.createAnnotator({ id: 'a1', name: 'zoe', role: 'admin', tokenHash: 't1', createdAt: '2026-01-01T00:00:00.000Z' });
        expect(a).toEqual({ id: 'a1', name: 'zoe', role: 'admin', createdAt: '2026-01-01T00:00:00.000Z', disabled: false });
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
    });

    describe('reviews and annotations', () => {
      it('creates a review with items in order and its assignments', () => {
        const { review, items, outputs } = seedReview(store, { assign: (i) => (i === 2 ? ['cat'] : ['ann', 'bob']) });
        expect(review).toEqual({
          id: 'rev1', name: 'first pass', runId: 'run1', rubric: RUBRIC, overlap: 2, blind: true, showExpected: false,
          createdAt: '2026-01-02T00:00:00.000Z',
        });
        expect(store.getReview('rev1')).toEqual(review);
        expect(store.listReviews().map((r) => r.id)).toEqual(['rev1']);
        expect(items.map((i) => [i.outputId, i.position, i.reviewId])).toEqual(outputs.map((o, i) => [o.id, i, 'rev1']));
        expect(store.getItemAssignees(items[0]!.id)).toEqual(['ann', 'bob']);
        expect(store.isAssigned(items[2]!.id, 'cat')).toBe(true);
        expect(store.isAssigned(items[2]!.id, 'ann')).toBe(false);
        expect(store.getAssignments('rev1', 'cat').map((v) => v.itemId)).toEqual([items[2]!.id]);
      });

      it('refuses a review over unknown annotators or outputs, writing nothing', () => {
        seedReview(store);
        const base = { name: 'x', runId: 'run1', rubric: RUBRIC, overlap: 1, blind: false, showExpected: true, createdAt: 'x' };
        const outputId = store.getOutputs('run1')[0]!.id;
        expect(() => store.createReview({ ...base, id: 'rev2', outputIds: [outputId], assignments: [['ghost']] })).toThrow(NotFoundError);
        expect(() => store.createReview({ ...base, id: 'rev3', outputIds: [424242], assignments: [['ann']] })).toThrow(NotFoundError);
        expect(store.listReviews().map((r) => r.id)).toEqual(['rev1']);
      });

      it('shows an annotator the case, prompt and output, in order, with expected hidden unless allowed', () => {
        const { items } = seedReview(store);
        const queue = store.getAssignments('rev1', 'ann');
        expect(queue.map((v) => [v.itemId, v.position, v.caseId, v.status])).toEqual(items.map((it, i) => [it.id, i, `c${i}`, 'todo']));
        expect(queue[1]).toMatchObject({ prompt: 'prompt for c1', output: 'answer to c1', case: { id: 'c1', vars: { q: 'question 1' } }, mine: [] });
        expect(queue[1]!.case).not.toHaveProperty('expected');
        expect(store.getAssignment('rev1', items[1]!.id, 'ann')).toEqual(queue[1]);
        expect(store.getAssignment('rev1', items[1]!.id, 'cat')).toBeUndefined();
      });

      it('shows expected when the review allows it', () => {
        seedReview(store, { showExpected: true });
        expect(store.getAssignments('rev1', 'ann')[0]!.case.expected).toBe('gold 0');
      });

      it('appends history: each edit supersedes the previous one and the latest wins', () => {
        const { items } = seedReview(store);
        const it0 = items[0]!.id;
        const a1 = store.addAnnotation(label(it0, 'ann', 'faithfulness', '2'));
        const a2 = store.addAnnotation(label(it0, 'ann', 'faithfulness', '4', { comment: 'on reflection' }));
        const other = store.addAnnotation(label(it0, 'ann', 'tone', 'fail'));
        const a3 = store.addAnnotation(label(it0, 'ann', 'faithfulness', '5', { value: 5 }));
        expect([a1.supersedes, a2.supersedes, a3.supersedes, other.supersedes]).toEqual([null, a1.id, a2.id, null]);
        // value derived from the scale when not given: level for ordinal, choice index for nominal
        expect([a1.value, a2.value, other.value]).toEqual([2, 4, 1]);
        expect(a2).toMatchObject({ reviewId: 'rev1', itemId: it0, annotatorId: 'ann', criterion: 'faithfulness', label: '4', comment: 'on reflection', flagged: false, skipped: false, clientKey: null });
        expect(store.getAnnotationHistory('rev1').map((a) => a.id)).toEqual([a1.id, a2.id, other.id, a3.id]);
        expect(store.getAnnotationHistory('rev1')[1]).toEqual(a2);
        expect(store.getCurrentLabels('rev1', 'faithfulness')).toEqual([
          { itemId: it0, outputId: items[0]!.outputId, annotatorId: 'ann', annotatorName: 'Ann', criterion: 'faithfulness', label: '5', value: 5 },
        ]);
        const view = store.getAssignment('rev1', it0, 'ann')!;
        expect(view.mine.map((a) => [a.criterion, a.label])).toEqual([['faithfulness', '5'], ['tone', 'fail']]);
        expect(view.status).toBe('done');
      });

      it('stores a resubmitted client key once and returns the stored record', () => {
        const { items } = seedReview(store);
        const first = store.addAnnotations([
          label(items[0]!.id, 'ann', 'faithfulness', '3', { clientKey: 'save-1' }),
          label(items[0]!.id, 'ann', 'tone', 'pass', { clientKey: 'save-1' }),
        ]);
        const again = store.addAnnotations([
          label(items[0]!.id, 'ann', 'faithfulness', '3', { clientKey: 'save-1' }),
          label(items[0]!.id, 'ann', 'tone', 'pass', { clientKey: 'save-1' }),
        ]);
        expect(again).toEqual(first);
        expect(store.getAnnotationHistory('rev1')).toHaveLength(2);
        expect(first[0]!.clientKey).toBe('save-1');
        // the same key from another annotator is a different save
        store.addAnnotation(label(items[0]!.id, 'bob', 'tone', 'pass', { clientKey: 'save-1' }));
        expect(store.getAnnotationHistory('rev1')).toHaveLength(3);
      });

      it('refuses an annotation on an unassigned item, a foreign item, or off the scale; a batch is all or nothing', () => {
        const { items } = seedReview(store, { assign: (i) => (i === 2 ? ['cat'] : ['ann', 'bob']) });
        expect(() => store.addAnnotation(label(items[2]!.id, 'ann', 'faithfulness', '3'))).toThrow(NotFoundError);
        expect(() => store.addAnnotation(label(999_999, 'ann', 'faithfulness', '3'))).toThrow(NotFoundError);
        expect(() => store.addAnnotation(label(items[0]!.id, 'ann', 'faithfulness', '3', { reviewId: 'nope' }))).toThrow(NotFoundError);
        expect(() => store.addAnnotation(label(items[0]!.id, 'ann', 'faithfulness', '7'))).toThrow(ConfigError);
        expect(() => store.addAnnotation(label(items[0]!.id, 'ann', 'nonsense', '3'))).toThrow(ConfigError);
        expect(() =>
          store.addAnnotations([label(items[0]!.id, 'ann', 'faithfulness', '3'), label(items[2]!.id, 'ann', 'tone', 'pass')]),
        ).toThrow(NotFoundError);
        expect(store.getAnnotationHistory('rev1')).toEqual([]);
        expect(store.getCurrentLabels('rev1')).toEqual([]);
      });

      it('never shows one annotator another annotator\'s labels', () => {
        const { items } = seedReview(store);
        store.addAnnotation(label(items[0]!.id, 'bob', 'faithfulness', '1', { comment: 'bob only' }));
        store.addAnnotation(label(items[0]!.id, 'bob', 'tone', 'fail'));
        const annView = store.getAssignments('rev1', 'ann');
        expect(annView.flatMap((v) => v.mine)).toEqual([]);
        expect(annView[0]!.status).toBe('todo');
        const bobView = store.getAssignments('rev1', 'bob');
        expect(bobView[0]!.mine.map((a) => a.annotatorId)).toEqual(['bob', 'bob']);
        expect(bobView[0]!.status).toBe('done');
      });

      it('a skip or flag keeps the earlier label current and sets the item status', () => {
        const { items } = seedReview(store);
        const [i0, i1, i2] = items.map((i) => i.id) as [number, number, number];
        store.addAnnotation(label(i0, 'ann', 'faithfulness', '4'));
        store.addAnnotation(label(i0, 'ann', 'faithfulness', null, { skipped: true }));
        store.addAnnotation(label(i1, 'ann', 'faithfulness', null, { flagged: true, comment: 'broken output' }));
        store.addAnnotations([label(i2, 'ann', 'faithfulness', '5'), label(i2, 'ann', 'tone', 'pass', { flagged: true })]);
        expect(store.getAssignments('rev1', 'ann').map((v) => v.status)).toEqual(['skipped', 'flagged', 'done']);
        expect(store.getCurrentLabels('rev1', 'faithfulness').map((l) => [l.itemId, l.label])).toEqual([[i0, '4'], [i2, '5']]);
        expect(store.getReviewProgress('rev1')).toEqual([
          { annotatorId: 'ann', annotatorName: 'Ann', assigned: 3, done: 1, skipped: 1, flagged: 1 },
          { annotatorId: 'bob', annotatorName: 'Bob', assigned: 3, done: 0, skipped: 0, flagged: 0 },
        ]);
        expect(store.getReviewProgress('rev1', 'ann')).toEqual([
          { annotatorId: 'ann', annotatorName: 'Ann', assigned: 3, done: 1, skipped: 1, flagged: 1 },
        ]);
        expect(store.getReviewProgress('rev1', 'cat')).toEqual([]);
        // labelling the rest of the skipped item makes it done; a later skip-only row does not undo a full set
        store.addAnnotation(label(i0, 'ann', 'tone', 'fail'));
        expect(store.getAssignment('rev1', i0, 'ann')!.status).toBe('done');
        store.addAnnotation(label(i0, 'ann', 'tone', null, { skipped: true }));
        expect(store.getAssignment('rev1', i0, 'ann')!.status).toBe('done');
        expect(store.getReviewProgress('rev1', 'ann')[0]).toMatchObject({ done: 2, skipped: 0, flagged: 1 });
      });

      it('counts latest labels per item and label for agreement', () => {
        const { items } = seedReview(store, { assign: () => ['ann', 'bob', 'cat'] });
        const [i0, i1] = items.map((i) => i.id) as [number, number];
        store.addAnnotations([
          label(i0, 'ann', 'faithfulness', '4'), label(i0, 'bob', 'faithfulness', '4'), label(i0, 'cat', 'faithfulness', '2'),
          label(i1, 'ann', 'faithfulness', '5'), label(i1, 'bob', 'faithfulness', '3'),
          label(i1, 'ann', 'tone', 'pass'),
        ]);
        store.addAnnotation(label(i1, 'bob', 'faithfulness', '5')); // bob changes his mind: only the latest counts
        expect(store.labelCountsByItem('rev1', 'faithfulness')).toEqual([
          { itemId: i0, label: '2', count: 1 }, { itemId: i0, label: '4', count: 2 }, { itemId: i1, label: '5', count: 2 },
        ]);
        expect(store.labelCountsByItem('rev1', 'tone')).toEqual([{ itemId: i1, label: 'pass', count: 1 }]);
        expect(store.getCurrentLabels('rev1')).toHaveLength(6);
        expect(store.getCurrentLabels('rev1', 'tone').map((l) => l.annotatorName)).toEqual(['Ann']);
        expect(store.getReviewProgress('rev1').map((p) => [p.annotatorId, p.done])).toEqual([['ann', 1], ['bob', 0], ['cat', 0]]);
      });

      it('groups items into distinct label patterns, ids ascending with labels aligned', () => {
        const { items } = seedReview(store, { n: 4, assign: () => ['ann', 'bob', 'cat'] });
        const [i0, i1, i2, i3] = items.map((i) => i.id) as [number, number, number, number];
        // cat is created last but sorts after bob by id; ann < bob < cat
        store.addAnnotations([
          label(i0, 'cat', 'faithfulness', '1'), label(i0, 'ann', 'faithfulness', '5'), label(i0, 'bob', 'faithfulness', '3'),
          label(i1, 'bob', 'faithfulness', '3'), label(i1, 'ann', 'faithfulness', '5'), label(i1, 'cat', 'faithfulness', '1'),
          label(i2, 'ann', 'faithfulness', '2'), label(i2, 'cat', 'faithfulness', '2'),
          label(i3, 'ann', 'tone', 'fail'),
        ]);
        store.addAnnotation(label(i2, 'cat', 'faithfulness', '4')); // an edit: only the latest counts
        store.addAnnotation(label(i2, 'cat', 'faithfulness', null, { skipped: true })); // keeps the label
        const sortKey = (p: { annotatorIds: string[]; labels: string[] }) => `${p.annotatorIds.join()}|${p.labels.join()}`;
        expect(store.labelPatterns('rev1', 'faithfulness').sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual([
          { annotatorIds: ['ann', 'bob', 'cat'], labels: ['5', '3', '1'], items: 2 },
          { annotatorIds: ['ann', 'cat'], labels: ['2', '4'], items: 1 },
        ]);
        expect(store.labelPatterns('rev1', 'tone')).toEqual([{ annotatorIds: ['ann'], labels: ['fail'], items: 1 }]);
        expect(store.labelPatterns('rev1', 'no-such-criterion')).toEqual([]);
      });

      it('throws NotFoundError for queues and progress of an unknown review', () => {
        expect(() => store.getAssignments('nope', 'ann')).toThrow(NotFoundError);
        expect(() => store.getReviewProgress('nope')).toThrow(NotFoundError);
        expect(store.getReview('nope')).toBeUndefined();
        expect(store.getCurrentLabels('nope')).toEqual([]);
        expect(store.labelCountsByItem('nope', 'x')).toEqual([]);
        expect(() => store.labelPatterns('nope', 'x')).toThrow(NotFoundError);
      });
    });
  });
}
