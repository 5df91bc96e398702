import Anthropic from '@anthropic-ai/sdk';
import { CancelledError, MissingCredentialError, ProviderError } from '../../core/errors.js';
import type { Usage } from '../../core/score.js';
import type { AdapterOptions } from '../adapter-options.js';
import { assertEventStream, safeToolName } from '../http-errors.js';
import type { BatchApi } from '../batch.js';
import type { CallOptions, CompletionRequest, CompletionResult, Provider } from '../provider.js';
import { AnthropicBatch } from './anthropic-batch.js';
import { toProviderError } from './anthropic-errors.js';

/**
 * Anthropic Messages API through the official SDK. System messages go to `system`; structured
 * requests become a forced tool call whose `input` is the JSON answer, so no free text is parsed.
 */

type Params = Anthropic.Messages.MessageCreateParamsNonStreaming;
type Answer = Omit<CompletionResult, 'latencyMs'>;

const ANTHROPIC_URL = 'https://api.anthropic.com';
export const DEFAULT_MAX_TOKENS = 1024;

export class AnthropicProvider implements Provider {
  readonly id: string;
  readonly model: string;
  private readonly client: Anthropic;
  private batchApi?: BatchApi;

  constructor(private readonly opts: AdapterOptions) {
    this.id = opts.id ?? `anthropic:${opts.model}`;
    this.model = opts.model;
    if (!opts.apiKey) throw new MissingCredentialError(`${this.id} needs an API key`);
    this.client = new Anthropic({
      apiKey: opts.apiKey, // explicit credential: the SDK then reads no other from the environment
      baseURL: opts.baseURL || ANTHROPIC_URL,
      timeout: opts.timeoutMs ?? 60_000,
      maxRetries: 0, // withRetry owns retries: it counts them and honours our policy
      logLevel: 'off', // stdout belongs to --json; our errors carry what the SDK would log
      openTelemetry: false,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    });
  }

  async complete(request: CompletionRequest, options: CallOptions = {}): Promise<CompletionResult> {
    const started = performance.now();
    const params = this.params(request);
    const requestOptions = { signal: options.signal, headers: this.opts.headersFor?.(request) };
    try {
      const answer = request.stream
        ? await this.streamed(params, requestOptions, options.signal)
        : await this.whole(params, requestOptions);
      return { ...answer, latencyMs: performance.now() - started };
    } catch (err) {
      throw toProviderError(err, this.id, this.opts.credentialHint, this.opts.endpointHint);
    }
  }

  /** Message Batches (POST /v1/messages/batches) with this client, for `juror run --batch`. */
  get batch(): BatchApi {
    return (this.batchApi ??= new AnthropicBatch({
      client: this.client,
      id: this.id,
      baseURL: this.client.baseURL,
      params: (r) => this.params(r),
      answer: (body, r) => this.answerOf(body, this.params(r)),
      headersFor: this.opts.headersFor,
      credentialHint: this.opts.credentialHint,
      endpointHint: this.opts.endpointHint,
    }));
  }

  private params(request: CompletionRequest): Params {
    const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
    const params: Params = {
      model: this.model,
      max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
      messages: request.messages
        .filter((m) => m.role !== 'system')
        .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content })),
    };
    if (system.length > 0) params.system = system.join('\n\n');
    // No temperature: API version 2026-10-21 (what SDK 1.x sends) rejects temperature/top_p/top_k
    // with a 400, even at default values, and the SDK types no longer carry them.
    if (request.structured) {
      const name = safeToolName(request.structured.name);
      params.tools = [
        {
          name,
          description: request.structured.description ?? 'Record your answer.',
          input_schema: request.structured.schema as Anthropic.Messages.Tool.InputSchema,
        },
      ];
      params.tool_choice = { type: 'tool', name };
    }
    return params;
  }

  private async whole(params: Params, requestOptions: object): Promise<Answer> {
    return this.answerOf(await this.client.messages.create(params, requestOptions), params);
  }

  /** A message body (an answer, or a succeeded batch result) → the answer. */
  private answerOf(message: unknown, params: Params): Answer {
    if (typeof message !== 'object' || message === null || !Array.isArray((message as Anthropic.Message).content)) {
      const snippet = typeof message === 'string' ? message.replace(/\s+/g, ' ').slice(0, 80) : typeof message;
      throw new ProviderError(`${this.id}: the server did not answer with a message (got: ${snippet})`, { retryable: true, provider: this.id });
    }
    const m = message as Anthropic.Message;
    let text = '';
    let structured: unknown;
    let hasTool = false;
    for (const block of m.content) {
      if (block.type === 'text') text += block.text;
      else if (block.type === 'tool_use' && !hasTool && block.name === toolName(params)) {
        hasTool = true;
        structured = block.input;
      }
    }
    return {
      text: hasTool ? JSON.stringify(structured) : text,
      ...(hasTool ? { structured } : {}),
      usage: usageOf(m.usage),
      model: m.model || this.model,
    };
  }

  private async streamed(params: Params, requestOptions: object, signal?: AbortSignal): Promise<Answer> {
    const { data: stream, response } = await this.client.messages.create({ ...params, stream: true }, requestOptions).withResponse();
    assertEventStream(response, this.id);
    let text = '';
    let toolJson = '';
    let toolIndex = -1;
    let model = '';
    let usage: Usage = { inputTokens: 0, outputTokens: 0 };
    let stopped = false;
    for await (const event of stream) {
      switch (event.type) {
        case 'message_start':
          model = event.message.model;
          usage = usageOf(event.message.usage);
          break;
        case 'content_block_start':
          if (event.content_block.type === 'tool_use' && toolIndex < 0 && event.content_block.name === toolName(params)) {
            toolIndex = event.index;
          }
          break;
        case 'content_block_delta':
          if (event.delta.type === 'text_delta') text += event.delta.text;
          else if (event.delta.type === 'input_json_delta' && event.index === toolIndex) toolJson += event.delta.partial_json;
          break;
        case 'message_delta':
          // Usage in message_delta is cumulative; input_tokens is only repeated by some servers.
          usage = {
            inputTokens: event.usage.input_tokens != null ? inputOf(event.usage) : usage.inputTokens,
            outputTokens: event.usage.output_tokens ?? usage.outputTokens,
          };
          break;
        case 'message_stop':
          stopped = true;
          break;
      }
    }
    // The SDK ends the iteration quietly when aborted or when the body simply stops; neither is an answer.
    if (signal?.aborted) throw new CancelledError(`${this.id}: request cancelled`);
    if (!stopped) {
      throw new ProviderError(`${this.id}: the response stream ended before message_stop`, { retryable: true, provider: this.id });
    }
    if (toolIndex >= 0) {
      let structured: unknown;
      try {
        structured = JSON.parse(toolJson === '' ? '{}' : toolJson);
      } catch {
        return { text: toolJson, usage, model: model || this.model };
      }
      return { text: JSON.stringify(structured), structured, usage, model: model || this.model };
    }
    return { text, usage, model: model || this.model };
  }
}

function toolName(params: Params): string | undefined {
  return params.tool_choice?.type === 'tool' ? params.tool_choice.name : undefined;
}

interface RawUsage {
  input_tokens: number | null;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/** Prompt tokens include cached ones: they were all sent, whatever the cache discount. */
function inputOf(u: RawUsage): number {
  return (u.input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
}

function usageOf(u: RawUsage | undefined): Usage {
  return u ? { inputTokens: inputOf(u), outputTokens: u.output_tokens ?? 0 } : { inputTokens: 0, outputTokens: 0 };
}

export function createAnthropicProvider(opts: AdapterOptions): Provider {
  return new AnthropicProvider(opts);
}
