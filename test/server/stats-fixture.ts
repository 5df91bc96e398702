import { key, login, makeFixture, type Fixture } from './fixture.js';

/**
 * A review with known labels for the agreement and calibration tests: 6 items, ann and bob label
 * every one (overlap 2), and two judges: the review's run `run1` (says 4 and "yes" on every item)
 * and a re-judge run `judge2`. Labels are listed in review order (item position).
 *
 * faithfulness, ann vs bob: 4 of 6 agree, unweighted Cohen's kappa = (4/6 - 7/36) / (1 - 7/36) = 17/29,
 * quadratic (the default for an ordinal criterion) 16/21.
 * helpful: 4 of 6 agree, every marginal 3/3, kappa = 1/3.
 * Human consensus (lower median of two = the smaller level): 5, 4, 3, 2, 1, 2.
 */
export const ANN = { faithfulness: [5, 4, 3, 2, 1, 4], helpful: ['yes', 'yes', 'no', 'no', 'yes', 'no'] };
export const BOB = { faithfulness: [5, 4, 3, 3, 1, 2], helpful: ['yes', 'no', 'no', 'no', 'yes', 'yes'] };
export const RUN1 = { faithfulness: [4, 4, 4, 4, 4, 4], helpful: ['yes', 'yes', 'yes', 'yes', 'yes', 'yes'] };
export const JUDGE2 = { faithfulness: [5, 4, 3, 2, 2, 4], helpful: ['yes', 'yes', 'no', 'no', 'yes', 'yes'] };

export async function makeStatsFixture(): Promise<Fixture> {
  const f = await makeFixture({ cases: 6, overlap: 2, annotators: ['ann', 'bob'] });
  try {
    const items = f.store.getReviewItems(f.reviewId).sort((a, b) => a.position - b.position);
    for (const [name, labels] of [['ann', ANN], ['bob', BOB]] as const) {
      const client = await login(f.url, f.tokens[name]!);
      for (const [i, item] of items.entries()) {
        const res = await client.post(`/api/reviews/${f.reviewId}/items/${item.id}/annotations`, {
          clientKey: key(),
          labels: { faithfulness: labels.faithfulness[i], helpful: labels.helpful[i] },
        });
        if (res.status !== 200) throw new Error(`saving a label failed: ${res.status} ${await res.text()}`);
      }
    }
    f.store.createRun({ id: 'judge2', kind: 'judge', suiteName: 'rag-faq', provider: 'mock', judge: 'openai:judge-2', config: {}, parentRunId: 'run1', startedAt: new Date().toISOString() });
    // calibration reads the judge scores `rubric.<criterion>`
    for (const [run, judge, labels] of [['run1', 'mock', RUN1], ['judge2', 'openai:judge-2', JUDGE2]] as const) {
      for (const [i, item] of items.entries()) {
        f.store.saveScores(run, item.outputId, [
          { scorer: 'rubric', criterion: 'rubric.faithfulness', value: labels.faithfulness[i]!, label: String(labels.faithfulness[i]), judge },
          { scorer: 'rubric', criterion: 'rubric.helpful', value: labels.helpful[i] === 'yes' ? 0 : 1, label: labels.helpful[i]!, judge },
        ]);
      }
    }
  } catch (err) {
    await f.close();
    throw err;
  }
  return f;
}
