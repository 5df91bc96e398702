import type { CallOptions, CompletionRequest, CompletionResult, Provider } from '../provider.js';
import { EXPECTED_HEADER, startMockServer, type MockServer, type MockServerOptions } from './mock-server.js';

/**
 * Spec `mock`, `mock:MODEL`, `mock:anthropic[:MODEL]`: the built-in mock model, reached over real
 * HTTP through the real SDK adapters, so the whole provider path (SDK, retries, streaming, usage)
 * runs in tests and demos without a key. One in-process server is shared by every mock provider
 * with the same server options and stopped when the last one closes.
 */

export interface MockProviderOptions {
  /** Latency and fault injection for the in-process server. */
  server?: Omit<MockServerOptions, 'port' | 'host' | 'onRequest'>;
  timeoutMs?: number;
}

interface Shared {
  server: Promise<MockServer>;
  users: number;
}

const shared = new Map<string, Shared>();

async function acquire(options: MockProviderOptions['server'] = {}): Promise<{ server: MockServer; release: () => Promise<void> }> {
  const key = JSON.stringify(options);
  let entry = shared.get(key);
  if (!entry) {
    // unref: a forgotten close() must not keep a finished CLI command alive.
    entry = { server: startMockServer(options).then((s) => (s.unref(), s)), users: 0 };
    shared.set(key, entry);
    entry.server.catch(() => shared.delete(key));
  }
  entry.users += 1;
  const server = await entry.server;
  let released = false;
  return {
    server,
    release: async () => {
      if (released) return;
      released = true;
      entry.users -= 1;
      if (entry.users === 0) {
        shared.delete(key);
        await server.close();
      }
    },
  };
}

export function parseMockSpec(spec: string): { dialect: 'openai' | 'anthropic'; model: string } {
  const rest = spec === 'mock' ? '' : spec.slice('mock:'.length);
  if (rest === 'anthropic' || rest.startsWith('anthropic:')) {
    return { dialect: 'anthropic', model: rest.slice('anthropic:'.length) || 'mock' };
  }
  return { dialect: 'openai', model: rest || 'mock' };
}

/** The golden answer travels as base64url JSON; real providers never get it. */
export function expectedHeaders(request: CompletionRequest): Record<string, string> | undefined {
  const expected = request.meta?.expected;
  if (expected === undefined) return undefined;
  return { [EXPECTED_HEADER]: Buffer.from(JSON.stringify(expected), 'utf8').toString('base64url') };
}

/** A mock provider also tells where its server listens (for tests and `/_stats`). */
export type MockProvider = Provider & { readonly url: string };

export async function createMockProvider(spec: string, opts: MockProviderOptions = {}): Promise<MockProvider> {
  const { dialect, model } = parseMockSpec(spec);
  const { server, release } = await acquire(opts.server);
  const common = { model, apiKey: 'mock-key', id: spec, timeoutMs: opts.timeoutMs, headersFor: expectedHeaders };
  let inner: Provider;
  try {
    // Load only the SDK this spec needs: each one costs startup time.
    inner =
      dialect === 'anthropic'
        ? new (await import('../anthropic/anthropic-provider.js')).AnthropicProvider({ ...common, baseURL: server.url })
        : new (await import('../openai/openai-provider.js')).OpenAIProvider({ ...common, baseURL: `${server.url}/v1` });
  } catch (err) {
    await release();
    throw err;
  }
  return {
    id: spec,
    model,
    url: server.url,
    complete: (request: CompletionRequest, options?: CallOptions): Promise<CompletionResult> => inner.complete(request, options),
    close: release,
  };
}
