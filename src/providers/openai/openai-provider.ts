import OpenAI from 'openai';
import { CancelledError, MissingCredentialError, ProviderError } from '../../core/errors.js';
import type { Usage } from '../../core/score.js';
import type { AdapterOptions } from '../adapter-options.js';
import { assertEventStream, safeToolName } from '../http-errors.js';
import type { BatchApi } from '../batch.js';
import type { CallOptions, CompletionRequest, CompletionResult, Provider } from '../provider.js';
import { OpenAIBatch } from './openai-batch.js';
import { toProviderError } from './openai-errors.js';

/**
 * OpenAI chat.completions through the official SDK. Also the adapter for every OpenAI-compatible
 * server (vLLM, Ollama, LM Studio, llama.cpp) and for the built-in mock, via `baseURL`.
 */

type Params = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
type Answer = Omit<CompletionResult, 'latencyMs'>;

const OPENAI_URL = 'https://api.openai.com/v1';

export class OpenAIProvider implements Provider {
  readonly id: string;
  readonly model: string;
  private readonly client: OpenAI;
  private readonly officialApi: boolean;
  private batchApi?: BatchApi;

  constructor(private readonly opts: AdapterOptions) {
    this.id = opts.id ?? `openai:${opts.model}`;
    this.model = opts.model;
    if (!opts.apiKey) throw new MissingCredentialError(`${this.id} needs an API key`);
    const baseURL = opts.baseURL || OPENAI_URL;
    this.officialApi = /^https:\/\/api\.openai\.com\b/.test(baseURL);
    this.client = new OpenAI({
      apiKey: opts.apiKey,
      baseURL, // always explicit, so the SDK never falls back to reading the environment
      organization: null,
      project: null,
      timeout: opts.timeoutMs ?? 60_000,
      maxRetries: 0, // withRetry owns retries: it counts them and honours our policy
      logLevel: 'off', // stdout belongs to --json; our errors carry what the SDK would log
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    });
  }

  async complete(request: CompletionRequest, options: CallOptions = {}): Promise<CompletionResult> {
    const started = performance.now();
    const params = this.params(request);
    const requestOptions = { signal: options.signal, headers: this.opts.headersFor?.(request) };
    try {
      const answer = request.stream
        ? await this.streamed(params, requestOptions, request, options.signal)
        : await this.whole(params, requestOptions, request);
      return { ...answer, latencyMs: performance.now() - started };
    } catch (err) {
      throw toProviderError(err, this.id, this.opts.credentialHint, this.opts.endpointHint);
    }
  }

  /** The Batch API (POST /v1/files + /v1/batches) with this client, for `juror run --batch`. */
  get batch(): BatchApi {
    return (this.batchApi ??= new OpenAIBatch({
      client: this.client,
      id: this.id,
      baseURL: this.client.baseURL,
      params: (r) => this.params(r),
      answer: (body, r) => this.answerOf(body, r),
      headersFor: this.opts.headersFor,
      credentialHint: this.opts.credentialHint,
      endpointHint: this.opts.endpointHint,
    }));
  }

  private params(request: CompletionRequest): Params {
    const params: Params = {
      model: this.model,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    };
    if (request.temperature !== undefined) params.temperature = request.temperature;
    if (request.maxTokens !== undefined) {
      // OpenAI itself wants max_completion_tokens (o-series reject max_tokens); compatible servers know max_tokens.
      if (this.officialApi) params.max_completion_tokens = request.maxTokens;
      else params.max_tokens = request.maxTokens;
    }
    if (request.structured) {
      const s = request.structured;
      params.response_format = {
        type: 'json_schema',
        json_schema: { name: safeToolName(s.name), description: s.description, schema: s.schema, strict: true },
      };
    }
    return params;
  }

  private async whole(params: Params, requestOptions: object, request: CompletionRequest): Promise<Answer> {
    return this.answerOf(await this.client.chat.completions.create(params, requestOptions), request);
  }

  /** A chat completion body (an answer, or one line of a batch's output file) → the answer. */
  private answerOf(completion: unknown, request: CompletionRequest): Answer {
    if (typeof completion !== 'object' || completion === null || !Array.isArray((completion as OpenAI.Chat.ChatCompletion).choices)) {
      throw this.malformed(completion);
    }
    const c = completion as OpenAI.Chat.ChatCompletion;
    const message = c.choices[0]?.message;
    if (!message) throw new ProviderError(`${this.id}: the response has no choices`, { retryable: true, provider: this.id });
    const text = message.content ?? message.tool_calls?.find((t) => t.type === 'function')?.function.arguments ?? message.refusal ?? '';
    return {
      text,
      ...structuredFrom(request, text),
      usage: { inputTokens: c.usage?.prompt_tokens ?? 0, outputTokens: c.usage?.completion_tokens ?? 0 },
      model: c.model || this.model,
    };
  }

  private async streamed(params: Params, requestOptions: object, request: CompletionRequest, signal?: AbortSignal): Promise<Answer> {
    const { data: stream, response } = await this.client.chat.completions
      .create({ ...params, stream: true, stream_options: { include_usage: true } }, requestOptions)
      .withResponse();
    assertEventStream(response, this.id);
    let text = '';
    let finished = false;
    let model = '';
    let usage: Usage = { inputTokens: 0, outputTokens: 0 };
    for await (const chunk of stream) {
      if (chunk.model) model = chunk.model;
      for (const choice of chunk.choices ?? []) {
        if (choice.index !== 0) continue;
        text += choice.delta?.content ?? '';
        for (const call of choice.delta?.tool_calls ?? []) text += call.function?.arguments ?? '';
        if (choice.finish_reason) finished = true;
      }
      if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens ?? 0, outputTokens: chunk.usage.completion_tokens ?? 0 };
    }
    // The SDK ends the iteration quietly when aborted or when the body simply stops; neither is an answer.
    if (signal?.aborted) throw new CancelledError(`${this.id}: request cancelled`);
    if (!finished) {
      throw new ProviderError(`${this.id}: the response stream ended before the model finished`, { retryable: true, provider: this.id });
    }
    return { text, ...structuredFrom(request, text), usage, model: model || this.model };
  }

  private malformed(body: unknown): ProviderError {
    const snippet = typeof body === 'string' ? body.replace(/\s+/g, ' ').slice(0, 80) : typeof body;
    return new ProviderError(`${this.id}: the server did not answer with a chat completion (got: ${snippet})`, {
      retryable: true,
      provider: this.id,
    });
  }
}

/** The parsed JSON for structured requests; left out when the text is not JSON (the judge marks it unscored). */
function structuredFrom(request: CompletionRequest, text: string): { structured?: unknown } {
  if (!request.structured) return {};
  try {
    return { structured: JSON.parse(text) as unknown };
  } catch {
    return {};
  }
}

export function createOpenAIProvider(opts: AdapterOptions): Provider {
  return new OpenAIProvider(opts);
}
