import { afterEach, describe, expect, it } from 'vitest';
import type { ClaimVerdict } from '../../src/core/score.js';
import { itemsOf, login, makeFixture, type Fixture } from './fixture.js';

const CLAIMS: ClaimVerdict[] = [
  { kind: 'claim', text: 'The free plan has 5 GB.', verdict: 'contradicted', reason: 'Chunk [plan-free] says 2 GB.', chunk: 'plan-free' },
  { kind: 'claim', text: 'It works on 3 devices.', verdict: 'supported', reason: 'Stated in [plan-free].', chunk: 'plan-free' },
];

/** The judged claims behind RAG scores reach annotators of a non-blind review only, once per output. */
describe('claims in the review UI', () => {
  let f: Fixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  async function itemView(blind: boolean) {
    f = await makeFixture({ cases: 2, blind });
    const item = itemsOf(f, 'ann')[0]!;
    const outputId = f.store.getReviewItems(f.reviewId).find((i) => i.id === item)!.outputId;
    f.store.saveScores('run1', outputId, [
      { scorer: 'faithfulness', criterion: 'faithfulness', value: 0.5, judge: 'mock', claims: CLAIMS },
      // hallucination re-reads the same verdicts: shown once
      { scorer: 'hallucination', criterion: 'hallucination', value: 0.5, judge: 'mock', claims: CLAIMS },
    ]);
    const ann = await login(f.url, f.tokens.ann!);
    return (await ann.get(`/api/reviews/${f.reviewId}/items/${item}`)).json();
  }

  it('a non-blind review sends each RAG score with its claims, the repeated list once', async () => {
    const view = await itemView(false);
    const byCriterion = Object.fromEntries(view.judge.map((j: { criterion: string; claims: ClaimVerdict[] }) => [j.criterion, j.claims]));
    expect(byCriterion.faithfulness).toEqual(CLAIMS);
    expect(byCriterion.hallucination).toEqual([]);
    expect(byCriterion.faithfulness[0].verdict).toBe('contradicted');
  });

  it('a blind review sends no judge data at all, so no claims', async () => {
    const view = await itemView(true);
    expect(view.judge).toBeUndefined();
    expect(JSON.stringify(view)).not.toContain('5 GB');
  });
});
