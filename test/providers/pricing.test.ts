import { describe, expect, it } from 'vitest';
import { BATCH_DISCOUNT, atBatchPrices, estimateCost, priceFor } from '../../src/providers/pricing.js';

describe('pricing', () => {
  it('prices known models per million tokens', () => {
    expect(estimateCost('gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBeCloseTo(0.75, 10);
    expect(estimateCost('claude-sonnet-4-5', { inputTokens: 2000, outputTokens: 1000 })).toBeCloseTo(0.006 + 0.015, 10);
  });
  it('maps dated snapshots and specs to their family', () => {
    expect(priceFor('gpt-4o-2024-08-06')).toEqual(priceFor('gpt-4o'));
    expect(priceFor('claude-haiku-4-5-20251001')).toEqual({ inputPerMTok: 1, outputPerMTok: 5 });
    expect(priceFor('openai:gpt-4.1-mini')).toEqual({ inputPerMTok: 0.4, outputPerMTok: 1.6 });
  });
  it('the mock is free and unknown models are null, not 0', () => {
    expect(estimateCost('mock', { inputTokens: 5000, outputTokens: 5000 })).toBe(0);
    expect(estimateCost('mock:anthropic', { inputTokens: 1, outputTokens: 1 })).toBe(0);
    expect(estimateCost('llama3.1:8b', { inputTokens: 1, outputTokens: 1 })).toBeNull();
    expect(priceFor('gpt-4o-audio-preview')).toBeNull();
  });
  it('batch prices are half the list price (OpenAI Batch API, Anthropic Message Batches); unknown stays unknown', () => {
    expect(BATCH_DISCOUNT).toBe(0.5);
    const batch = atBatchPrices(estimateCost);
    // gpt-4o-mini: 0.15 + 0.60 per million in/out at list → 0.375 at batch prices
    expect(batch('gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBeCloseTo(0.375, 10);
    // claude-sonnet-4-5: 2,000 in × $3/M + 1,000 out × $15/M = $0.021 at list → $0.0105
    expect(batch('claude-sonnet-4-5', { inputTokens: 2000, outputTokens: 1000 })).toBeCloseTo(0.0105, 10);
    expect(batch('llama3.1:8b', { inputTokens: 1, outputTokens: 1 })).toBeNull();
  });
});
