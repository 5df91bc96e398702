import type { MockAnswer, MockMessage, MockRequest } from './mock-model.js';
import { WireError, asObject, chunks, contentText, usageFor, type RenderContext, type WireResponse } from './wire-common.js';

/** OpenAI `POST /v1/chat/completions`, as much of it as clients of juror use. */

export function parseOpenAI(body: Record<string, unknown>, expected: MockRequest['expected']): MockRequest {
  if (typeof body.model !== 'string' || body.model === '') throw new WireError(400, 'you must provide a model parameter');
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw new WireError(400, "'messages' must be a non-empty array");
  const messages: MockMessage[] = body.messages.map((m) => {
    const msg = asObject(m);
    return { role: String(msg?.role ?? 'user'), content: contentText(msg?.content) };
  });
  return { model: body.model, messages, schema: requestedSchema(body), expected };
}

/** response_format json_schema, or a tool the client forces/allows. */
function requestedSchema(body: Record<string, unknown>): MockRequest['schema'] {
  const format = asObject(body.response_format);
  if (format?.type === 'json_schema') {
    const js = asObject(format.json_schema);
    return { name: String(js?.name ?? 'response'), schema: js?.schema ?? {} };
  }
  if (format?.type === 'json_object') {
    return { name: 'response', schema: { type: 'object', properties: { answer: { type: 'string' } } } };
  }
  const tools = Array.isArray(body.tools) ? body.tools.map(asObject).filter((t) => t !== undefined) : [];
  if (tools.length === 0 || body.tool_choice === 'none') return undefined;
  const forced = asObject(asObject(body.tool_choice)?.function)?.name;
  const tool = tools.find((t) => asObject(t.function)?.name === forced) ?? tools[0]!;
  const fn = asObject(tool.function);
  return { name: String(fn?.name ?? 'tool'), schema: fn?.parameters ?? {} };
}

export function renderOpenAI(
  body: Record<string, unknown>,
  req: MockRequest,
  answer: MockAnswer,
  ctx: RenderContext,
): WireResponse {
  const id = `chatcmpl-mock-${ctx.seq}`;
  const usage = usageFor(req.messages, answer);
  const usageBody = { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output };
  const asTool = answer.kind === 'structured' && asObject(body.response_format)?.type === undefined;
  const finish = asTool ? 'tool_calls' : 'stop';
  const base = { id, created: ctx.created, model: req.model, system_fingerprint: 'fp_mock' };

  if (body.stream !== true) {
    const message = asTool
      ? { role: 'assistant', content: null, refusal: null, tool_calls: [toolCall(ctx.seq, answer, answer.text)] }
      : { role: 'assistant', content: answer.text, refusal: null };
    return {
      stream: false,
      body: { ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish, logprobs: null }], usage: usageBody },
    };
  }

  const frame = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices, ...extra })}\n\n`;
  const delta = (d: Record<string, unknown>, finishReason: string | null = null) => ({ index: 0, delta: d, finish_reason: finishReason, logprobs: null });
  const frames: string[] = [];
  if (asTool) {
    frames.push(frame([delta({ role: 'assistant', content: null, tool_calls: [toolCall(ctx.seq, answer, '', 0)] })]));
    for (const piece of chunks(answer.text, 2)) frames.push(frame([delta({ tool_calls: [{ index: 0, function: { arguments: piece } }] })]));
  } else {
    frames.push(frame([delta({ role: 'assistant', content: '', refusal: null })]));
    for (const piece of chunks(answer.text)) frames.push(frame([delta({ content: piece })]));
  }
  frames.push(frame([delta({}, finish)]));
  if (asObject(body.stream_options)?.include_usage === true) frames.push(frame([], { usage: usageBody }));
  frames.push('data: [DONE]\n\n');
  return { stream: true, frames };
}

function toolCall(seq: number, answer: MockAnswer, args: string, index?: number) {
  const name = answer.kind === 'structured' ? answer.name : 'tool';
  return { ...(index !== undefined ? { index } : {}), id: `call_mock_${seq}`, type: 'function', function: { name, arguments: args } };
}

export function openAIError(status: number, message: string, type?: string): unknown {
  const kind = type ?? (status === 401 ? 'invalid_request_error' : status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error');
  const code = status === 401 ? 'invalid_api_key' : status === 429 ? 'rate_limit_exceeded' : null;
  return { error: { message, type: kind, param: null, code } };
}
