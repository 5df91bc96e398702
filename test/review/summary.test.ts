import { describe, expect, it } from 'vitest';
import { findDisagreements, findFlagged } from '../../src/review/summary.js';
import type { AnnotationRecord } from '../../src/storage/store.js';

function row(id: number, itemId: number, annotatorId: string, criterion: string, label: string | null, extra: Partial<AnnotationRecord> = {}): AnnotationRecord {
  return { id, reviewId: 'rv', itemId, annotatorId, criterion, label, value: null, comment: null, flagged: false, skipped: false, clientKey: null, supersedes: null, createdAt: 't', ...extra };
}

describe('review summary', () => {
  it('finds disagreements on latest labels only', () => {
    const history = [
      row(1, 1, 'a', 'f', '2'), row(2, 1, 'b', 'f', '4'), row(3, 1, 'a', 'f', '4'), // a changed to agree: no disagreement
      row(4, 2, 'a', 'f', '1'), row(5, 2, 'b', 'f', '5'), row(6, 2, 'c', 'f', '5'),
      row(7, 3, 'a', 'f', '3'), // alone: nothing to disagree with
    ];
    expect(findDisagreements(history)).toEqual([
      { itemId: 2, criterion: 'f', labels: [{ annotatorId: 'a', label: '1' }, { annotatorId: 'b', label: '5' }, { annotatorId: 'c', label: '5' }] },
    ]);
  });

  it('an item is flagged while its latest submission by that annotator is flagged', () => {
    const history = [
      row(1, 1, 'a', 'f', null, { flagged: true, comment: 'broken' }),
      row(2, 2, 'a', 'f', null, { flagged: true }), row(3, 2, 'a', 'f', '4'), // flag cleared by a later label
    ];
    expect(findFlagged(history)).toEqual([{ itemId: 1, annotatorId: 'a', comment: 'broken', createdAt: 't' }]);
  });
});
