import type { CompletionRequest } from './provider.js';

/** What both SDK adapters (openai/, anthropic/) are built from. resolve.ts fills it from the spec and env. */
export interface AdapterOptions {
  model: string;
  /** The key itself; the CLI reads it from the environment, adapters never do. */
  apiKey: string;
  /** OpenAI-compatible servers (vLLM, Ollama, LM Studio), proxies, the mock server. */
  baseURL?: string;
  /** SDK-level timeout for one HTTP request, ms (withRetry also bounds each call). */
  timeoutMs?: number;
  /** Provider id used in messages; defaults to `openai:MODEL` / `anthropic:MODEL`. */
  id?: string;
  /** Extra headers per request (the mock adapter sends the golden answer this way). */
  headersFor?: (request: CompletionRequest) => Record<string, string> | undefined;
  /** Appended to authentication errors, e.g. `check OPENAI_API_KEY`. */
  credentialHint?: string;
  /** Appended to connection failures and 404s, e.g. `check OPENAI_BASE_URL (http://localhost:11434/v1)`. */
  endpointHint?: string;
  /** Replaces the global fetch (the in-process mock's in-memory transport); the SDK code path is unchanged. */
  fetch?: (url: string | URL | Request, init?: RequestInit) => Promise<Response>;
}
