import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MissingCredentialError } from '../../../src/core/errors.js';
import { AnthropicProvider, DEFAULT_MAX_TOKENS } from '../../../src/providers/anthropic/anthropic-provider.js';
import { startMockServer, type MockServer } from '../../../src/providers/mock/mock-server.js';
import { describeAdapterContract } from '../adapter-contract.js';
import { RAG_MESSAGES, judgeRequest } from '../support.js';

describeAdapterContract('anthropic', (opts) => new AnthropicProvider(opts), (url) => url);

describe('Anthropic request shape', () => {
  let server: MockServer;
  const bodies: any[] = [];
  beforeAll(async () => {
    server = await startMockServer({ onRequest: (r) => bodies.push(r.body) });
  });
  afterAll(() => server.close());
  beforeEach(() => void (bodies.length = 0));

  it('puts system prompts in `system`, defaults max_tokens, and sends no temperature', async () => {
    const p = new AnthropicProvider({ model: 'claude-x', apiKey: 'k', baseURL: server.url });
    await p.complete({ messages: RAG_MESSAGES, temperature: 0 });
    expect(bodies[0]).toEqual({
      model: 'claude-x',
      max_tokens: DEFAULT_MAX_TOKENS,
      system: RAG_MESSAGES[0]!.content,
      messages: [RAG_MESSAGES[1]],
    });
  });

  it('asks for structured output as a forced tool call', async () => {
    const p = new AnthropicProvider({ model: 'claude-x', apiKey: 'k', baseURL: server.url });
    const req = judgeRequest('a', 'b');
    const r = await p.complete({ ...req, maxTokens: 300 });
    expect(bodies[0].tools).toEqual([{ name: 'verdict', description: 'Record your answer.', input_schema: req.structured!.schema }]);
    expect(bodies[0].tool_choice).toEqual({ type: 'tool', name: 'verdict' });
    expect(bodies[0].max_tokens).toBe(300);
    expect(Object.keys(r.structured as object)).toEqual(['correctness']);
  });

  it('refuses to start without a key', () => {
    expect(() => new AnthropicProvider({ model: 'm', apiKey: '' })).toThrow(MissingCredentialError);
  });
});
