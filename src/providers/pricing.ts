import { noiseRate } from './mock/noisy.js';
import type { Usage } from '../core/score.js';
import type { Pricing } from './provider.js';

/**
 * List prices in USD per million tokens (input, output), for cost estimates in reports. Prices
 * change: an unknown model gives `null` (cost unknown), never a made-up number or 0.
 */
const PRICES: Record<string, Pricing> = {
  // OpenAI
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  'gpt-5': { inputPerMTok: 1.25, outputPerMTok: 10 },
  'gpt-5-mini': { inputPerMTok: 0.25, outputPerMTok: 2 },
  'gpt-5-nano': { inputPerMTok: 0.05, outputPerMTok: 0.4 },
  o3: { inputPerMTok: 2, outputPerMTok: 8 },
  'o4-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  'gpt-3.5-turbo': { inputPerMTok: 0.5, outputPerMTok: 1.5 },
  // Anthropic
  'claude-opus-4-1': { inputPerMTok: 15, outputPerMTok: 75 },
  'claude-opus-4': { inputPerMTok: 15, outputPerMTok: 75 },
  'claude-opus-4-5': { inputPerMTok: 5, outputPerMTok: 25 },
  'claude-sonnet-4-5': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-sonnet-4': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-haiku-4-5': { inputPerMTok: 1, outputPerMTok: 5 },
  'claude-3-5-haiku': { inputPerMTok: 0.8, outputPerMTok: 4 },
  'claude-3-7-sonnet': { inputPerMTok: 3, outputPerMTok: 15 },
};

const FREE: Pricing = { inputPerMTok: 0, outputPerMTok: 0 };

/**
 * Price for a model name or spec (`gpt-4o`, `openai:gpt-4o-2024-08-06`, `claude-sonnet-4-5-20250929`).
 * Dated snapshots fall back to their family; the built-in mock (also `mock:noisy`, whose model is
 * `noisy`) and replays cost nothing.
 */
export function priceFor(model: string, extra: Readonly<Record<string, Pricing>> = {}): Pricing | null {
  let name = model.trim().toLowerCase();
  const own = lookup(extra, name) ?? lookup(extra, name.replace(/^(openai|anthropic):/, ''));
  if (own) return own;
  if (name === 'mock' || name.startsWith('mock:') || name.startsWith('mock-') || name.startsWith('replay:') || noiseRate(name) !== undefined) return FREE;
  name = name.replace(/^(openai|anthropic):/, '');
  return lookup(PRICES, name);
}

/** Exact name first, then the family of a dated snapshot (-2024-08-06 OpenAI, -20250929 Anthropic, -latest). */
function lookup(table: Readonly<Record<string, Pricing>>, name: string): Pricing | null {
  const key = Object.keys(table).find((k) => k.toLowerCase() === name);
  if (key) return table[key]!;
  const family = name.replace(/-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$/, '');
  const fam = Object.keys(table).find((k) => k.toLowerCase() === family);
  return fam ? table[fam]! : null;
}

/**
 * Share off list prices for calls through a provider's batch API: OpenAI's Batch API and
 * Anthropic's Message Batches both bill at 50% of the standard rate. The built-in mock is free anyway.
 */
export const BATCH_DISCOUNT = 0.5;

/** `estimate` at batch prices: what the same usage costs when it went through a batch. */
export function atBatchPrices(estimate: (model: string, usage: Usage) => number | null, discount = BATCH_DISCOUNT): (model: string, usage: Usage) => number | null {
  return (model, usage) => {
    const cost = estimate(model, usage);
    return cost === null ? null : cost * (1 - discount);
  };
}

/** Estimated USD for one call, or null when the model's price is unknown. */
export function estimateCost(model: string, usage: Usage): number | null {
  return pricedBy({})(model, usage);
}

/** estimateCost with `extra` prices (from `--prices FILE`) extending and overriding the built-in table. */
export function pricedBy(extra: Readonly<Record<string, Pricing>>): (model: string, usage: Usage) => number | null {
  return (model, usage) => {
    const price = priceFor(model, extra);
    if (!price) return null;
    return (usage.inputTokens * price.inputPerMTok + usage.outputTokens * price.outputPerMTok) / 1_000_000;
  };
}
