import { isAbsolute, resolve as resolvePath } from 'node:path';
import { ConfigError, MissingCredentialError } from '../core/errors.js';
import type { AdapterOptions } from './adapter-options.js';
import type { Provider } from './provider.js';
import type { MockProviderOptions } from './mock/mock-provider.js';

/**
 * Provider specs → providers. The only file that knows the environment variable names
 * (the CLI passes `env` in; nothing under providers/ reads the environment itself).
 * Adapters are imported lazily so a run loads only the SDK it uses.
 */

export type ProviderKind = 'openai' | 'anthropic' | 'mock' | 'replay';

export interface ResolveOptions {
  /** OPENAI_API_KEY, ANTHROPIC_API_KEY, OPENAI_BASE_URL, ANTHROPIC_BASE_URL are read from here. */
  env: Record<string, string | undefined>;
  /** Base for relative replay files (default: process working directory). */
  cwd?: string;
  /** SDK timeout per HTTP request, ms. */
  timeoutMs?: number;
  /** Latency / fault injection for the in-process mock server (bench, tests). */
  mock?: MockProviderOptions['server'];
}

const EXPECTED = 'expected openai:MODEL, anthropic:MODEL, mock, mock+http, replay:FILE';

/** Check a spec's shape without creating anything (for validating suite files early). */
export function parseProviderSpec(spec: string): { kind: ProviderKind; rest: string } {
  const trimmed = spec.trim();
  // `mock+http`: the same mock behind a real loopback HTTP server instead of the in-memory transport.
  if (trimmed === 'mock' || trimmed === 'mock+http') return { kind: 'mock', rest: '' };
  const colon = trimmed.indexOf(':');
  const prefix = colon < 0 ? trimmed : trimmed.slice(0, colon);
  // Only the first colon separates: model names may contain colons (ollama's `llama3.1:8b`).
  const rest = colon < 0 ? '' : trimmed.slice(colon + 1).trim();
  switch (prefix) {
    case 'openai':
    case 'anthropic':
      if (!rest) throw new ConfigError(`provider "${trimmed}" needs a model, e.g. ${prefix === 'openai' ? 'openai:gpt-4o-mini' : 'anthropic:claude-sonnet-4-5'}`);
      return { kind: prefix, rest };
    case 'mock':
    case 'mock+http':
      if (!rest) throw new ConfigError(`provider "${trimmed}" needs a model after "${prefix}:" (or use plain "${prefix}")`);
      return { kind: 'mock', rest };
    case 'replay':
      if (!rest) throw new ConfigError(`provider "${trimmed}" needs a file, e.g. replay:outputs.jsonl`);
      return { kind: 'replay', rest };
    default:
      throw new ConfigError(`unknown provider "${trimmed}" (${EXPECTED})`);
  }
}

export async function resolveProvider(spec: string, opts: ResolveOptions): Promise<Provider> {
  const { kind, rest } = parseProviderSpec(spec);
  const id = spec.trim();
  const env = opts.env;
  switch (kind) {
    case 'openai': {
      const baseURL = nonEmpty(env.OPENAI_BASE_URL);
      const apiKey = apiKeyFor(id, nonEmpty(env.OPENAI_API_KEY), 'OPENAI_API_KEY', baseURL, /^https:\/\/api\.openai\.com\b/);
      const { OpenAIProvider } = await import('./openai/openai-provider.js');
      return withTransport(env, (fetch) => new OpenAIProvider({ id, model: rest, apiKey, baseURL, timeoutMs: opts.timeoutMs, credentialHint: 'check OPENAI_API_KEY', endpointHint: endpointHint('OPENAI_BASE_URL', baseURL), fetch }));
    }
    case 'anthropic': {
      const baseURL = nonEmpty(env.ANTHROPIC_BASE_URL);
      const apiKey = apiKeyFor(id, nonEmpty(env.ANTHROPIC_API_KEY), 'ANTHROPIC_API_KEY', baseURL, /^https:\/\/api\.anthropic\.com\b/);
      const { AnthropicProvider } = await import('./anthropic/anthropic-provider.js');
      return withTransport(env, (fetch) => new AnthropicProvider({ id, model: rest, apiKey, baseURL, timeoutMs: opts.timeoutMs, credentialHint: 'check ANTHROPIC_API_KEY', endpointHint: endpointHint('ANTHROPIC_BASE_URL', baseURL), fetch }));
    }
    case 'mock': {
      const { createMockProvider } = await import('./mock/mock-provider.js');
      return createMockProvider(id, { server: opts.mock, timeoutMs: opts.timeoutMs });
    }
    case 'replay': {
      const { createReplayProvider } = await import('./replay/replay-provider.js');
      const path = isAbsolute(rest) ? rest : resolvePath(opts.cwd ?? '.', rest);
      return createReplayProvider(path, rest);
    }
  }
}

/**
 * The key, or a clear error naming the variable. A self-hosted OpenAI-compatible server (Ollama,
 * vLLM, LM Studio) usually ignores keys, so with a non-official base URL a placeholder is fine.
 */
function apiKeyFor(id: string, key: string | undefined, variable: string, baseURL: string | undefined, official: RegExp): string {
  if (key) return key;
  if (baseURL && !official.test(baseURL)) return 'no-key';
  throw new MissingCredentialError(`${id} needs an API key: set ${variable}`);
}

/** Which setting decides where requests go, and its value (what to look at when nothing answers). */
function endpointHint(variable: string, baseURL: string | undefined): string {
  return baseURL ? `check ${variable}=${baseURL}` : `check ${variable} (not set: the provider's public API)`;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v && v.trim() !== '' ? v.trim() : undefined;
}

/**
 * The SDK's transport: the process's keep-alive node:http pool (http-fetch.ts), shared by every
 * provider (a judge on the generation model's server reuses its sockets); each provider lets go of
 * it on close.
 * JUROR_FETCH=global hands the SDK Node's own fetch instead (to compare, or to rule us out).
 */
async function withTransport(env: ResolveOptions['env'], make: (fetch: AdapterOptions['fetch']) => Provider): Promise<Provider> {
  const mode = env.JUROR_FETCH?.trim();
  if (mode === 'global') return make(undefined);
  if (mode && mode !== 'pooled') throw new ConfigError(`JUROR_FETCH must be "pooled" (default) or "global", got "${mode}"`);
  const { sharedHttpFetch } = await import('./http-fetch.js'); // node:http, https and zlib only when used
  const http = sharedHttpFetch();
  const provider = make(http.fetch);
  const own = provider.close?.bind(provider);
  provider.close = async () => {
    await own?.();
    http.close();
  };
  return provider;
}
