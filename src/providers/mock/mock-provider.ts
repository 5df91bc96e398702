import type { CallOptions, CompletionRequest, CompletionResult, Provider } from '../provider.js';
import { EXPECTED_HEADER, SCRIPT_HEADER, createMockHandler, type MockHandler, type MockHandlerOptions, type MockStats } from './mock-handler.js';
import { mockFetch } from './mock-fetch.js';

/**
 * Spec `mock`, `mock:MODEL`, `mock:anthropic[:MODEL]`: the built-in mock model, reached through
 * the real SDK adapters, so the whole provider path (SDK request building, retries, streaming,
 * usage, error mapping) runs in tests and demos without a key.
 *
 * Transport: by default the SDK gets an in-memory `fetch` that calls the mock handler directly
 * (no socket: about half the CPU of a loopback HTTP call). `mock+http[:...]` puts a real
 * node:http server in between instead, for when the socket itself is under test.
 * One handler (and server) is shared by every mock provider with the same options and
 * transport, so scripted faults and stats span the system under test and the judge.
 */

export interface MockProviderOptions {
  /** Latency and fault injection for the in-process mock. */
  server?: Omit<MockHandlerOptions, 'onRequest'>;
  timeoutMs?: number;
}

export type MockTransport = 'memory' | 'http';

interface Backend {
  handler: MockHandler;
  /** Base URL the SDK is given (a placeholder for the in-memory transport). */
  url: string;
  fetch?: ReturnType<typeof mockFetch>;
  close(): Promise<void>;
}

interface Shared {
  backend: Promise<Backend>;
  users: number;
}

const shared = new Map<string, Shared>();
const MEMORY_URL = 'http://juror-mock.invalid';

async function startBackend(transport: MockTransport, options: MockProviderOptions['server'] = {}): Promise<Backend> {
  const handler = createMockHandler({ ...options, countKeys: false });
  if (transport === 'memory') return { handler, url: MEMORY_URL, fetch: mockFetch(handler), close: async () => {} };
  const { startMockServer } = await import('./mock-server.js');
  const server = await startMockServer(options, handler);
  // unref: a forgotten close() must not keep a finished CLI command alive.
  server.unref();
  return { handler, url: server.url, close: () => server.close() };
}

async function acquire(transport: MockTransport, options: MockProviderOptions['server'] = {}): Promise<{ backend: Backend; release: () => Promise<void> }> {
  const key = `${transport}\n${JSON.stringify(options)}`;
  let entry = shared.get(key);
  if (!entry) {
    entry = { backend: startBackend(transport, options), users: 0 };
    shared.set(key, entry);
    entry.backend.catch(() => shared.delete(key));
  }
  const held = entry;
  held.users += 1;
  const backend = await held.backend;
  let released = false;
  return {
    backend,
    release: async () => {
      if (released) return;
      released = true;
      held.users -= 1;
      if (held.users === 0) {
        if (shared.get(key) === held) shared.delete(key);
        await backend.close();
      }
    },
  };
}

export function parseMockSpec(spec: string): { dialect: 'openai' | 'anthropic'; model: string; transport: MockTransport } {
  const transport: MockTransport = spec === 'mock+http' || spec.startsWith('mock+http:') ? 'http' : 'memory';
  const head = transport === 'http' ? 'mock+http' : 'mock';
  const rest = spec === head ? '' : spec.slice(head.length + 1);
  if (rest === 'anthropic' || rest.startsWith('anthropic:')) {
    return { dialect: 'anthropic', model: rest.slice('anthropic:'.length) || 'mock', transport };
  }
  return { dialect: 'openai', model: rest || 'mock', transport };
}

/** The golden answer and a case's script travel as base64url JSON; real providers never get them. */
export function expectedHeaders(request: CompletionRequest): Record<string, string> | undefined {
  const { expected, script } = request.meta ?? {};
  if (expected === undefined && script === undefined) return undefined;
  const headers: Record<string, string> = {};
  if (expected !== undefined) headers[EXPECTED_HEADER] = Buffer.from(JSON.stringify(expected), 'utf8').toString('base64url');
  if (script !== undefined) headers[SCRIPT_HEADER] = Buffer.from(JSON.stringify(script), 'utf8').toString('base64url');
  return headers;
}

/** A mock provider also tells how it is reached and what its mock has seen (for tests). */
export type MockProvider = Provider & {
  readonly transport: MockTransport;
  /** Where the SDK sends requests (a placeholder host for the in-memory transport). */
  readonly url: string;
  /** Requests seen by the shared mock (`byKey` stays empty: not counted in-process). */
  stats(): MockStats;
};

export async function createMockProvider(spec: string, opts: MockProviderOptions = {}): Promise<MockProvider> {
  const { dialect, model, transport } = parseMockSpec(spec);
  const { backend, release } = await acquire(transport, opts.server);
  const common = { model, apiKey: 'mock-key', id: spec, timeoutMs: opts.timeoutMs, headersFor: expectedHeaders, fetch: backend.fetch };
  let inner: Provider;
  try {
    // Load only the SDK this spec needs: each one costs startup time.
    inner =
      dialect === 'anthropic'
        ? new (await import('../anthropic/anthropic-provider.js')).AnthropicProvider({ ...common, baseURL: backend.url })
        : new (await import('../openai/openai-provider.js')).OpenAIProvider({ ...common, baseURL: `${backend.url}/v1` });
  } catch (err) {
    await release();
    throw err;
  }
  return {
    id: spec,
    model,
    transport,
    url: backend.url,
    stats: backend.handler.stats,
    // Both batch protocols are in the mock handler, so `mock --batch` runs the real SDK batch path.
    batch: inner.batch,
    complete: (request: CompletionRequest, options?: CallOptions): Promise<CompletionResult> => inner.complete(request, options),
    close: release,
  };
}
