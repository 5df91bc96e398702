import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MissingCredentialError } from '../../../src/core/errors.js';
import { OpenAIProvider } from '../../../src/providers/openai/openai-provider.js';
import { startMockServer, type MockServer } from '../../../src/providers/mock/mock-server.js';
import { describeAdapterContract } from '../adapter-contract.js';
import { RAG_MESSAGES, judgeRequest } from '../support.js';

describeAdapterContract('openai', (opts) => new OpenAIProvider(opts), (url) => `${url}/v1`);

describe('OpenAI request shape', () => {
  let server: MockServer;
  const bodies: any[] = [];
  const headers: any[] = [];
  beforeAll(async () => {
    server = await startMockServer({ onRequest: (r) => (bodies.push(r.body), headers.push(r.headers)) });
  });
  afterAll(() => server.close());
  beforeEach(() => ((bodies.length = 0), (headers.length = 0)));

  it('sends messages, temperature and max_tokens to a compatible server; no retries of its own', async () => {
    const p = new OpenAIProvider({ model: 'llama3.1:8b', apiKey: 'k', baseURL: `${server.url}/v1` });
    await p.complete({ messages: RAG_MESSAGES, temperature: 0, maxTokens: 77 });
    expect(bodies[0]).toEqual({ model: 'llama3.1:8b', messages: RAG_MESSAGES, temperature: 0, max_tokens: 77 });
    expect(headers[0]['x-stainless-retry-count']).toBe('0');
    expect(headers[0].authorization).toBe('Bearer k');
  });

  it('asks for structured output as a strict json_schema and streams with usage', async () => {
    const p = new OpenAIProvider({ model: 'm', apiKey: 'k', baseURL: `${server.url}/v1` });
    const req = judgeRequest('a', 'b');
    await p.complete({ ...req, structured: { ...req.structured!, name: 'rubric verdict!' }, stream: true });
    expect(bodies[0].response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'rubric_verdict_', schema: req.structured!.schema, strict: true },
    });
    expect(bodies[0].stream_options).toEqual({ include_usage: true });
  });

  it('refuses to start without a key', () => {
    expect(() => new OpenAIProvider({ model: 'm', apiKey: '' })).toThrow(MissingCredentialError);
  });
});
