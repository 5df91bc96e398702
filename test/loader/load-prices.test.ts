import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPrices } from '../../src/loader/load-prices.js';
import { pricedBy, priceFor } from '../../src/providers/pricing.js';
import { startMockServer } from '../../src/providers/mock/mock-server.js';
import { cli, ragCases, writeSuite, useCleanups } from '../cli/support.js';

const { tmp, defer } = useCleanups();

describe('--prices FILE', () => {
  it('reads YAML or JSON per million input/output tokens; extends and overrides the table', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'p.yaml'), 'llama3.1: { input: 0.2, output: 0.6 }\ngpt-4o: { input: 1, output: 2 }\n');
    const prices = loadPrices(join(dir, 'p.yaml'));
    expect(prices).toEqual({ 'llama3.1': { inputPerMTok: 0.2, outputPerMTok: 0.6 }, 'gpt-4o': { inputPerMTok: 1, outputPerMTok: 2 } });
    const cost = pricedBy(prices);
    // 1M in + 1M out: 0.2 + 0.6 for llama3.1 (absent from the table), 1 + 2 for gpt-4o (overridden from 2.5 + 10)
    expect(cost('llama3.1', { inputTokens: 1e6, outputTokens: 1e6 })).toBeCloseTo(0.8, 12);
    expect(cost('openai:gpt-4o', { inputTokens: 1e6, outputTokens: 1e6 })).toBeCloseTo(3, 12);
    expect(cost('gpt-4o-mini', { inputTokens: 1e6, outputTokens: 0 })).toBeCloseTo(0.15, 12); // the table still applies
    expect(priceFor('llama3.1')).toBeNull();
    writeFileSync(join(dir, 'p.json'), '{"m": {"input": 1, "output": 1}}');
    expect(loadPrices(join(dir, 'p.json'))).toEqual({ m: { inputPerMTok: 1, outputPerMTok: 1 } });
  });

  it('a mistake names the file and line', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.yaml'), 'llama3.1: { input: 0.2 }\n');
    expect(() => loadPrices(join(dir, 'bad.yaml'))).toThrow(/bad\.yaml:1: .*output/);
  });

  it('a model without a price makes the cost unknown (not the judge\'s cost alone), and the summary names it', async () => {
    const dir = tmp();
    const s = await startMockServer();
    defer(() => s.close());
    const suite = writeSuite(dir, { cases: ragCases(3), provider: 'openai:llama3.1', judge: 'openai:gpt-4o' });
    const env = { OPENAI_BASE_URL: `${s.url}/v1`, OPENAI_API_KEY: 'k' };
    const r = await cli(['run', suite, '--db', join(dir, 'a.db'), '--json'], { cwd: dir, env });
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.costUsd).toBeNull();
    expect(doc.summary.unpricedModels).toEqual(['llama3.1']);
    expect(r.stderr).toMatch(/est\. cost\s+unknown: no price for llama3\.1 \(add one with --prices FILE\)/);
    writeFileSync(join(dir, 'prices.yaml'), 'llama3.1: { input: 0.2, output: 0.2 }\n');
    const priced = await cli(['run', suite, '--db', join(dir, 'b.db'), '--json', '--prices', 'prices.yaml'], { cwd: dir, env });
    const d2 = JSON.parse(priced.stdout);
    expect(d2.summary.unpricedModels).toBeUndefined();
    const u = d2.summary.usage;
    const j = d2.summary.judgeUsage;
    expect(d2.summary.costUsd).toBeCloseTo((u.inputTokens * 0.2 + u.outputTokens * 0.2 + j.inputTokens * 2.5 + j.outputTokens * 10) / 1e6, 6);
  });
});
