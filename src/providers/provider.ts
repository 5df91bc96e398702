import type { Usage } from '../core/score.js';
import type { BatchApi } from './batch.js';

/**
 * The one interface every model backend implements (DESIGN.md "Provider").
 * Specs are strings: `openai:gpt-4o-mini`, `anthropic:claude-sonnet-4-5`, `mock`, `replay:FILE`.
 */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A structured-output request: the provider must answer with JSON matching `schema`.
 * OpenAI adapters send it as `response_format: json_schema`; Anthropic adapters as a forced tool call. */
export interface StructuredOutput {
  name: string;
  description?: string;
  /** JSON Schema (object). */
  schema: Record<string, unknown>;
}

export interface CompletionRequest {
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Ask for a JSON answer matching a schema (judge verdicts). */
  structured?: StructuredOutput;
  /** Stream tokens (the result is still the whole text). */
  stream?: boolean;
  /**
   * Case id and repeat index, for logging, the mock and cache keys. Not sent to real providers.
   * `expected` and `script` (the case's `mock` entry for this request) steer only the built-in mock.
   */
  meta?: { caseId?: string; repeat?: number; judgeRepeat?: number; expected?: unknown; script?: unknown };
}

export interface CompletionResult {
  text: string;
  /** Parsed JSON for structured requests (tool input or JSON content), when the provider gave one. */
  structured?: unknown;
  usage: Usage;
  latencyMs: number;
  /** The model that actually answered, as reported by the provider. */
  model: string;
  /** True when served from the response cache. */
  cached?: boolean;
  /** Number of attempts it took (1 = first try). */
  attempts?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface Provider {
  /** The spec this provider was built from, e.g. `openai:gpt-4o-mini`. */
  readonly id: string;
  readonly model: string;
  /**
   * True when the answer depends on `meta.caseId` rather than on the prompt (replay files answer
   * by case id), so the response cache must key on the case id too.
   */
  readonly answersByCase?: boolean;
  /** The provider's own batch API, when it has one (`juror run --batch`); wrappers do not carry it. */
  readonly batch?: BatchApi;
  complete(request: CompletionRequest, options?: CallOptions): Promise<CompletionResult>;
  /** Release sockets, in-process servers. */
  close?(): Promise<void>;
}

/** USD per million tokens, for cost estimates. */
export interface Pricing {
  inputPerMTok: number;
  outputPerMTok: number;
}
