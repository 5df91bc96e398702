import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, NotFoundError } from '../../src/core/errors.js';
import type { Store } from '../../src/storage/store.js';
import type { Rubric } from '../../src/core/rubric.js';
import { RUBRIC, label, newOutput, newRun, seedReview } from './store-fixtures.js';

/** Contract part 2: reviews, assignments, annotation history, current labels, progress, agreement reads. */
export function reviewsContract(current: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe('reviews and annotations', () => {
    it('creates a review with items in order and its assignments', () => {
      const { review, items, outputs } = seedReview(store, { assign: (i) => (i === 2 ? ['cat'] : ['ann', 'bob']) });
      expect(review).toEqual({
        id: 'rev1', name: 'first pass', runId: 'run1', rubric: RUBRIC, overlap: 2, blind: true, showExpected: false,
        createdAt: '2026-01-02T00:00:00.000Z', sampling: null, kind: 'pointwise', pair: null,
      });
      expect(store.getReview('rev1')).toEqual(review);
      expect(store.listReviews().map((r) => r.id)).toEqual(['rev1']);
      expect(items.map((i) => [i.outputId, i.position, i.reviewId])).toEqual(outputs.map((o, i) => [o.id, i, 'rev1']));
      expect(store.getItemAssignees(items[0]!.id)).toEqual(['ann', 'bob']);
      expect(store.isAssigned(items[2]!.id, 'cat')).toBe(true);
      expect(store.isAssigned(items[2]!.id, 'ann')).toBe(false);
      expect(store.getAssignments('rev1', 'cat').map((v) => v.itemId)).toEqual([items[2]!.id]);
    });

    it('a pairwise review keeps output B per item and the order each label was seen in', () => {
      const { outputs } = seedReview(store);
      store.createRun(newRun('run2'));
      const others = store.saveResults(outputs.map((o) => ({ output: newOutput('run2', o.caseId), scores: [] })));
      const pair = { a: { label: 'A', runId: 'run1' }, b: { label: 'B', runId: 'run2' } };
      const pw: Rubric = { name: 'pw', criteria: [{ name: 'better', mode: 'pairwise', question: '?', scale: { type: 'nominal', choices: ['A', 'tie', 'B'] }, anchors: {} }] };
      const review = store.createReview({
        id: 'rev2', name: 'pairs', runId: 'run1', rubric: pw, overlap: 1, blind: true, showExpected: false, createdAt: '2026-01-03T00:00:00.000Z',
        outputIds: outputs.map((o) => o.id), outputBIds: others.map((o) => o.id), assignments: outputs.map(() => ['ann']), kind: 'pairwise', pair,
      });
      expect([review.kind, review.pair]).toEqual(['pairwise', pair]);
      const items = store.getReviewItems('rev2');
      expect(items.map((i) => [i.outputId, i.outputBId])).toEqual(outputs.map((o, i) => [o.id, others[i]!.id]));
      expect(store.getAssignments('rev2', 'ann').map((v) => [v.output, v.outputB])).toEqual(outputs.map((o, i) => [o.output, others[i]!.output]));
      const saved = store.addAnnotation({ reviewId: 'rev2', itemId: items[0]!.id, annotatorId: 'ann', criterion: 'better', label: 'B', value: null, shown: 'BA' });
      expect([saved.label, saved.value, saved.shown]).toEqual(['B', 2, 'BA']);
      expect(store.getAnnotationHistory('rev2')[0]!.shown).toBe('BA');
      expect(() => store.addAnnotation({ reviewId: 'rev2', itemId: items[1]!.id, annotatorId: 'ann', criterion: 'better', label: 'A', value: null }))
        .toThrow('a label must record the left/right order the annotator saw');
      expect(() => store.createReview({
        id: 'rev3', name: 'x', runId: 'run1', rubric: pw, overlap: 1, blind: true, showExpected: false, createdAt: '2026-01-03T00:00:00.000Z',
        outputIds: [outputs[0]!.id], assignments: [['ann']], kind: 'pairwise',
      })).toThrow('a pairwise review needs an output B for each of its 1 items');
    });

    it('stores a pairwise comparison and its verdicts; the same pair again replaces its row', () => {
      const { outputs } = seedReview(store);
      store.createRun(newRun('run2'));
      const other = store.saveResults([{ output: newOutput('run2', 'c0'), scores: [] }])[0]!;
      const pw: Rubric = { name: 'pw', criteria: [{ name: 'better', mode: 'pairwise', question: '?', scale: { type: 'nominal', choices: ['A', 'tie', 'B'] }, anchors: {} }] };
      const sources = [{ label: 'a', runId: 'run1' }, { label: 'b', runId: 'run2' }];
      expect(store.createComparison({ id: 'pw1', rubric: pw, judges: ['mock'], sources, createdAt: '2026-01-04T00:00:00.000Z' }))
        .toMatchObject({ id: 'pw1', status: 'running', summary: null, finishedAt: null, sources, judges: ['mock'] });
      const row = { outputA: outputs[0]!.id, outputB: other.id, judge: 'mock', criterion: 'better', caseId: 'c0', verdict: 'tie' as const, consistent: false, saidAB: 'A' as const, saidBA: 'A' as const, reasonAB: 'first', reasonBA: 'first' };
      store.savePairwiseVerdicts('pw1', [row]);
      store.savePairwiseVerdicts('pw1', [{ ...row, verdict: 'A', consistent: true, saidBA: 'B' }]);
      expect(store.getPairwiseVerdicts('pw1')).toEqual([{ ...row, verdict: 'A', consistent: true, saidBA: 'B', comparisonId: 'pw1', createdAt: expect.any(String) }]);
      store.setComparisonStatus('pw1', 'finished', { pairs: 1 }, '2026-01-04T00:01:00.000Z');
      expect(store.getComparison('pw1')).toMatchObject({ status: 'finished', summary: { pairs: 1 }, finishedAt: '2026-01-04T00:01:00.000Z' });
      expect(store.listComparisons().map((c) => c.id)).toEqual(['pw1']);
      expect(() => store.createComparison({ id: 'pw2', rubric: pw, judges: [], sources: [{ label: 'x', runId: 'nope' }], createdAt: 'x' })).toThrow('run nope not found');
    });

    it('keeps how a review sampled its items', () => {
      const { outputs } = seedReview(store);
      const sampling = { method: 'uniform' as const, population: 3, seed: 42 };
      store.createReview({
        id: 'rev2', name: 'sampled', runId: 'run1', rubric: RUBRIC, overlap: 1, blind: true, showExpected: false,
        createdAt: '2026-01-03T00:00:00.000Z', outputIds: [outputs[1]!.id], assignments: [['ann']], sampling,
      });
      expect(store.getReview('rev2')!.sampling).toEqual(sampling);
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
}
