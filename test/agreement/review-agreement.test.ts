import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { computeLabelFileAgreement, computeReviewAgreement } from '../../src/agreement/compute.js';
import { ConfigError, NotFoundError } from '../../src/core/errors.js';
import type { Rubric } from '../../src/core/rubric.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { NewAnnotation, Store } from '../../src/storage/store.js';
import { rounded, tempDir } from './support.js';

const tmp = tempDir();
let store: Store;

const RUBRIC: Rubric = {
  name: 'quality',
  criteria: [
    { name: 'faithfulness', question: 'Supported?', scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] }, anchors: {} },
    { name: 'tone', question: 'Polite?', scale: { type: 'nominal', choices: ['pass', 'fail'] }, anchors: {} },
  ],
};

// item -> [ann, bob, cat] labels (null = not labelled); cat only sees items 0-3
const FAITH: Array<Array<number | null>> = [
  [5, 5, 4], [4, 4, 4], [2, 3, 2], [1, 1, null], [3, 3, null], [5, 4, null], [2, 2, null], [4, 5, null],
];
const TONE: Array<Array<string | null>> = [
  ['pass', 'pass', 'pass'], ['pass', 'fail', 'fail'], ['fail', 'fail', null], ['pass', 'pass', 'pass'],
  ['pass', 'pass', null], ['pass', null, null], ['fail', 'fail', null], ['pass', 'pass', null],
];
const PEOPLE = [['ann', 'Ann'], ['bob', 'Bob'], ['cat', 'Cat']] as const;

beforeAll(() => {
  store = openSqliteStore(join(tmp.dir, 'juror.db'));
  const t = '2026-01-01T00:00:00.000Z';
  store.createRun({ id: 'run1', kind: 'run', suiteName: 's', provider: 'mock', config: {}, startedAt: t });
  const outputs = store.saveResults(FAITH.map((_, i) => ({
    output: {
      runId: 'run1', caseId: `c${i}`, repeat: 0, prompt: 'p', output: 'o', error: null,
      usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: null, costUsd: null, cached: false, attempts: 1,
    },
    scores: [],
  })));
  for (const [id, name] of PEOPLE) store.createAnnotator({ id, name, role: 'annotator', tokenHash: `h-${id}`, createdAt: t });
  store.createReview({
    id: 'rev1', name: 'r', runId: 'run1', rubric: RUBRIC, overlap: 3, blind: true, showExpected: false, createdAt: t,
    outputIds: outputs.map((o) => o.id), assignments: outputs.map((_, i) => (i < 4 ? ['ann', 'bob', 'cat'] : ['ann', 'bob'])),
  });
  const items = store.getReviewItems('rev1');
  const notes: NewAnnotation[] = [];
  const add = (i: number, who: string, criterion: string, label: string) =>
    notes.push({ reviewId: 'rev1', itemId: items[i]!.id, annotatorId: who, criterion, label, value: null });
  // a first opinion that is later changed: only the latest label may count
  add(0, 'ann', 'faithfulness', '1');
  add(2, 'bob', 'tone', 'pass');
  FAITH.forEach((row, i) => row.forEach((v, j) => v !== null && add(i, PEOPLE[j]![0], 'faithfulness', String(v))));
  TONE.forEach((row, i) => row.forEach((v, j) => v !== null && add(i, PEOPLE[j]![0], 'tone', v)));
  store.addAnnotations(notes);
});
afterAll(() => {
  store.close();
  tmp.cleanup();
});

function labelFile(): string {
  const lines = ['item,rater,label,criterion'];
  FAITH.forEach((row, i) => row.forEach((v, j) => v !== null && lines.push(`c${i},${PEOPLE[j]![1]},${v},faithfulness`)));
  TONE.forEach((row, i) => row.forEach((v, j) => v !== null && lines.push(`c${i},${PEOPLE[j]![1]},${v},tone`)));
  return tmp.file('same.csv', lines.join('\n') + '\n');
}

describe('computeReviewAgreement', () => {
  it('equals the label-file report of the same current labels (rubric order and scale)', () => {
    for (const weights of ['none', 'quadratic'] as const) {
      const fromDb = computeReviewAgreement(store, 'rev1', { weights });
      const fromFile = computeLabelFileAgreement(labelFile(), { weights, rubric: RUBRIC });
      // item order differs (SQL patterns vs file order), so sums differ in the last bits only
      expect(rounded(fromDb, 12)).toEqual(rounded(fromFile, 12));
    }
  });

  it('counts only current labels, uses annotator names, and takes the scale level from the rubric', () => {
    const { criteria } = computeReviewAgreement(store, 'rev1');
    const [faith, tone] = criteria;
    expect(faith).toMatchObject({ criterion: 'faithfulness', items: 8, raters: 3, labels: 19, scale: 'ordinal' });
    expect(tone).toMatchObject({ criterion: 'tone', items: 8, raters: 3, labels: 18, scale: 'nominal' });
    expect(faith!.pairwise.map((p) => [p.raters.join('-'), p.n])).toEqual([['Ann-Bob', 8], ['Ann-Cat', 3], ['Bob-Cat', 3]]);
    // Ann-Bob agree on items 1,3,4,6 and 0 (5=5): 5 of 8 (the superseded "1" on item 0 is gone)
    expect(faith!.pairwise[0]!.percent_agreement).toBeCloseTo(5 / 8, 12);
    // --scale overrides the rubric's level
    expect(computeReviewAgreement(store, 'rev1', { scale: 'interval' }).criteria[0]!.scale).toBe('interval');
  });

  it('--criterion filters; an unknown review is NotFoundError; a stored label outside --order is a ConfigError', () => {
    expect(computeReviewAgreement(store, 'rev1', { criterion: 'tone' }).criteria.map((c) => c.criterion)).toEqual(['tone']);
    expect(() => computeReviewAgreement(store, 'nope')).toThrow(NotFoundError);
    expect(() => computeReviewAgreement(store, 'rev1', { order: ['1', '2', '3'], criterion: 'faithfulness' })).toThrow(ConfigError);
  });

  it('a label file checked against the review rubric names unknown criteria by line', () => {
    const path = tmp.file('bad.csv', 'item,rater,label,criterion\nc1,Ann,3,faithfulness\nc1,Ann,3,clarity\n');
    expect(() => computeLabelFileAgreement(path, { rubric: RUBRIC, displayName: 'bad.csv' })).toThrow(
      'bad.csv:3: unknown criterion "clarity" (the rubric has: faithfulness, tone)',
    );
  });
});
