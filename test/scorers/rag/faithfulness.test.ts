import { describe, expect, it } from 'vitest';
import { CancelledError, ProviderError } from '../../../src/core/errors.js';
import type { ScorerCall } from '../../../src/scorers/scorer.js';
import { scripted, suiteWith } from '../helpers.js';
import { refundCase, withMockJudge } from './support.js';

describe('faithfulness (the mock judge through the OpenAI SDK)', () => {
  const judge = withMockJudge();

  it('splits the answer into claims and scores supported / claims, each verdict with its chunk', async () => {
    const output = 'Annual plans can be refunded in full within 14 days of purchase. Monthly plans can be cancelled at any time. Refunds are paid by cheque.';
    const { score, calls } = await judge.score('  - faithfulness', output, refundCase());
    expect(score).toMatchObject({ scorer: 'faithfulness', criterion: 'faithfulness', value: 0.6667, passed: true, judge: 'mock' });
    expect(score.reason).toBe('2 of 3 claims supported by the context; not found: "Refunds are paid by cheque."');
    expect(score.claims!.map((c) => [c.kind, c.text, c.verdict, c.chunk])).toEqual([
      ['claim', 'Annual plans can be refunded in full within 14 days of purchase.', 'supported', 'kb-1'],
      ['claim', 'Monthly plans can be cancelled at any time.', 'supported', 'kb-2'],
      ['claim', 'Refunds are paid by cheque.', 'not_found', null],
    ]);
    expect(score.claims![0]!.reason).toBe("Mock judge: 100% of the claim's words are in chunk [kb-1].");
    // two judge calls (split, then verify), both reported and summed into meta
    expect(calls).toHaveLength(2);
    expect(score.meta).toMatchObject({ calls: 2, usage: { inputTokens: calls[0]!.usage.inputTokens + calls[1]!.usage.inputTokens } });
  });

  it('a figure that differs from its chunk is contradicted; the threshold option decides the pass', async () => {
    const output = 'Annual plans can be refunded in full within 30 days of purchase. Monthly plans can be cancelled at any time.';
    const { score } = await judge.score('  - faithfulness: { threshold: 0.8 }', output, refundCase());
    expect(score.value).toBe(0.5);
    expect(score.passed).toBe(false);
    expect(score.claims![0]).toEqual({
      kind: 'claim',
      text: 'Annual plans can be refunded in full within 30 days of purchase.',
      verdict: 'contradicted',
      reason: 'Mock judge: chunk [kb-1] says 14, the claim says 30.',
      chunk: 'kb-1',
    });
    expect(score.reason).toContain('contradicted: "Annual plans can be refunded in full within 30 days of purchase."');
  });

  it('follows a case script exactly: claims and verdicts as the judge gave them, chunks cited by label or rank', async () => {
    const c = refundCase({
      mock: {
        answer_claims: { claims: ['Refunds are possible.', 'They take 14 days.', 'Monthly plans too.', 'It is free.'] },
        claim_verdicts: {
          verdicts: [
            { claim: 1, reason: 'kb-1 allows refunds.', verdict: 'supported', chunk: 'kb-1' },
            { claim: 2, reason: 'Within 14 days.', verdict: 'supported', chunk: '[kb-1]' },
            { claim: 3, reason: 'kb-2 says monthly plans are not refundable.', verdict: 'contradicted', chunk: '1' },
            { claim: 4, reason: 'Nothing about price.', verdict: 'not found', chunk: '' },
          ],
        },
      },
    });
    const { score } = await judge.score('  - faithfulness', 'anything', c);
    expect(score.value).toBe(0.5);
    expect(score.claims!.map((x) => [x.verdict, x.chunk, x.reason])).toEqual([
      ['supported', 'kb-1', 'kb-1 allows refunds.'],
      ['supported', 'kb-1', 'Within 14 days.'],
      ['contradicted', 'kb-2', 'kb-2 says monthly plans are not refundable.'],
      ['not_found', null, 'Nothing about price.'],
    ]);
  });

  it('is unscored, not 1, when the judge finds no claims', async () => {
    const { score } = await judge.score('  - faithfulness', "I don't know.", refundCase({ mock: { answer_claims: { claims: [] } } }));
    expect(score.value).toBeNull();
    expect(score.passed).toBeUndefined();
    expect(score.reason).toBe('the judge found no claims in the answer');
    expect(score.claims).toBeUndefined();
  });

  it('is unscored when the judge answers nonsense, with what it said', async () => {
    const nonsense = await judge.score('  - faithfulness', 'x', refundCase({ mock: { answer_claims: 'Sure! The answer looks great to me.' } }));
    expect(nonsense.score.value).toBeNull();
    expect(nonsense.score.reason).toBe('judge answer to answer_claims is not a JSON object: "Sure! The answer looks great to me."');
    expect(nonsense.score.meta?.raw).toBe('Sure! The answer looks great to me.');
    const offScale = await judge.score(
      '  - faithfulness',
      'Refunds are possible.',
      refundCase({ mock: { claim_verdicts: { verdicts: [{ claim: 1, reason: 'hmm', verdict: 'probably', chunk: '' }] } } }),
    );
    expect(offScale.score.value).toBeNull();
    expect(offScale.score.reason).toBe('judge answered "probably" for claim 1, not one of supported, contradicted, not_found');
    const missing = await judge.score(
      '  - faithfulness',
      'Annual plans can be refunded. Monthly plans cannot.',
      refundCase({ mock: { claim_verdicts: { verdicts: [{ claim: 1, reason: 'ok', verdict: 'supported', chunk: 'kb-1' }] } } }),
    );
    expect(missing.score.value).toBeNull();
    expect(missing.score.reason).toBe('judge gave no verdict for claim 2 of 2 ("Monthly plans cannot.")');
    const noList = await judge.score('  - faithfulness', 'x', refundCase({ mock: { answer_claims: { statements: ['a'] } } }));
    expect(noList.score.reason).toBe('judge answer has no "claims" list for the answer: {"statements":["a"]}');
  });

  it('is unscored without context, and makes no judge call', async () => {
    const c = refundCase();
    delete c.context;
    const { score, calls } = await judge.score('  - faithfulness', 'Refunds are possible.', c);
    expect(score.value).toBeNull();
    expect(score.reason).toBe('case "refund" has no context to check claims against');
    expect(calls).toHaveLength(0);
  });
});

describe('faithfulness through the Anthropic SDK (forced tool call)', () => {
  const judge = withMockJudge('mock:anthropic');
  it('gives the same verdicts as through the OpenAI SDK', async () => {
    const output = 'Annual plans can be refunded in full within 14 days of purchase. Refunds are paid by cheque.';
    const { score } = await judge.score('  - faithfulness', output, refundCase());
    expect(score.value).toBe(0.5);
    expect(score.claims!.map((c) => c.verdict)).toEqual(['supported', 'not_found']);
  });
});

describe('faithfulness when the judge call fails', () => {
  it('is unscored with the step that failed and the provider error, and nothing is counted as a call', async () => {
    const judge = scripted(new ProviderError('429 rate limited (after 4 attempts)', { retryable: true, status: 429 }));
    const { scorers } = suiteWith('  - faithfulness', '', { judge });
    const calls: ScorerCall[] = [];
    const [score] = await scorers[0]!.score('Annual plans can be refunded.', refundCase(), { onCall: (c) => void calls.push(c) });
    expect(score).toMatchObject({ value: null, reason: 'judge call failed (answer_claims): 429 rate limited (after 4 attempts)' });
    expect(calls).toHaveLength(0);
  });

  it('a cancelled judge call is re-thrown, not turned into an unscored metric', async () => {
    const controller = new AbortController();
    controller.abort();
    const judge = scripted(new CancelledError('cancelled'));
    const { scorers } = suiteWith('  - faithfulness', '', { judge });
    await expect(scorers[0]!.score('Annual plans can be refunded.', refundCase(), { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });
});
