import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, MissingCredentialError, ProviderError } from '../../src/core/errors.js';
import { parseProviderSpec, resolveProvider } from '../../src/providers/resolve.js';
import { startMockServer, type MockServer } from '../../src/providers/mock/mock-server.js';
import type { MockProvider } from '../../src/providers/mock/mock-provider.js';
import { RAG_ANSWER, RAG_MESSAGES, rejection } from './support.js';

describe('resolveProvider', () => {
  let server: MockServer;
  let dir: string;
  beforeAll(async () => {
    server = await startMockServer();
    dir = await mkdtemp(join(tmpdir(), 'juror-resolve-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('rejects unknown prefixes with the list of valid forms', async () => {
    const err = await rejection(() => resolveProvider('gemini:pro', { env: {} }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe('unknown provider "gemini:pro" (expected openai:MODEL, anthropic:MODEL, mock, mock+http, replay:FILE)');
    expect(() => parseProviderSpec('')).toThrow('unknown provider ""');
  });

  it('needs a model / file after the prefix', () => {
    expect(() => parseProviderSpec('openai:')).toThrow('provider "openai:" needs a model, e.g. openai:gpt-4o-mini');
    expect(() => parseProviderSpec('replay:')).toThrow('needs a file');
    expect(parseProviderSpec('openai:llama3.1:8b')).toEqual({ kind: 'openai', rest: 'llama3.1:8b' });
  });

  it('names the environment variable when a key is missing', async () => {
    const o = await rejection(() => resolveProvider('openai:gpt-4o', { env: {} }));
    expect(o).toBeInstanceOf(MissingCredentialError);
    expect(o.message).toBe('openai:gpt-4o needs an API key: set OPENAI_API_KEY');
    const a = await rejection(() => resolveProvider('anthropic:claude-sonnet-4-5', { env: { OPENAI_API_KEY: 'x' } }));
    expect(a.message).toBe('anthropic:claude-sonnet-4-5 needs an API key: set ANTHROPIC_API_KEY');
  });

  it('uses the base URLs and keys from env (OpenAI-compatible servers need no key)', async () => {
    const o = await resolveProvider('openai:llama3', { env: { OPENAI_BASE_URL: `${server.url}/v1` } });
    expect((await o.complete({ messages: RAG_MESSAGES })).text).toBe(RAG_ANSWER);
    const a = await resolveProvider('anthropic:claude-x', { env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: 'k' } });
    const r = await a.complete({ messages: RAG_MESSAGES });
    expect([a.id, r.model, r.text]).toEqual(['anthropic:claude-x', 'claude-x', RAG_ANSWER]);
  });

  it('a bad key says which variable to check', async () => {
    const p = await resolveProvider('openai:m', { env: { OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_API_KEY: 'bad-key' } });
    const err = await rejection(() => p.complete({ messages: RAG_MESSAGES }));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.message).toBe('openai:m: authentication failed (HTTP 401): Incorrect API key provided: bad-key. (check OPENAI_API_KEY)');
  });

  it('resolves mock and replay specs (replay relative to cwd)', async () => {
    for (const [spec, transport] of [['mock', 'memory'], ['mock+http:anthropic', 'http']] as const) {
      const m = await resolveProvider(spec, { env: {} });
      try {
        expect((m as MockProvider).transport).toBe(transport);
        expect((await m.complete({ messages: RAG_MESSAGES })).text).toBe(RAG_ANSWER);
      } finally {
        await m.close!();
      }
    }
    expect(() => parseProviderSpec('mock+http:')).toThrow('provider "mock+http:" needs a model after "mock+http:" (or use plain "mock+http")');
    await writeFile(join(dir, 'out.jsonl'), '{"id":"c1","output":"recorded"}\n');
    const r = await resolveProvider('replay:out.jsonl', { env: {}, cwd: dir });
    expect((await r.complete({ messages: RAG_MESSAGES, meta: { caseId: 'c1' } })).text).toBe('recorded');
  });
});
