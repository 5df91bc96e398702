import type { MockAnswer, MockMessage, MockRequest } from './mock-model.js';
import { WireError, asObject, chunks, contentText, usageFor, type RenderContext, type WireResponse } from './wire-common.js';

/** Anthropic `POST /v1/messages`, including the real streaming event sequence. */

export function parseAnthropic(body: Record<string, unknown>, expected: MockRequest['expected']): MockRequest {
  if (typeof body.model !== 'string' || body.model === '') throw new WireError(400, 'model: Field required');
  if (typeof body.max_tokens !== 'number') throw new WireError(400, 'max_tokens: Field required');
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw new WireError(400, 'messages: at least one message is required');
  const messages: MockMessage[] = [];
  const system = contentText(body.system);
  if (system) messages.push({ role: 'system', content: system });
  for (const m of body.messages) {
    const msg = asObject(m);
    messages.push({ role: String(msg?.role ?? 'user'), content: contentText(msg?.content) });
  }
  return { model: body.model, messages, schema: requestedSchema(body), expected };
}

function requestedSchema(body: Record<string, unknown>): MockRequest['schema'] {
  const format = asObject(asObject(body.output_config)?.format);
  if (format?.type === 'json_schema') return { name: 'output', schema: format.schema ?? {} };
  const tools = Array.isArray(body.tools) ? body.tools.map(asObject).filter((t) => t !== undefined) : [];
  const choice = asObject(body.tool_choice);
  if (tools.length === 0 || choice?.type === 'none') return undefined;
  const tool = tools.find((t) => choice?.type === 'tool' && t.name === choice.name) ?? tools[0]!;
  return { name: String(tool.name ?? 'tool'), schema: tool.input_schema ?? {} };
}

export function renderAnthropic(
  body: Record<string, unknown>,
  req: MockRequest,
  answer: MockAnswer,
  ctx: RenderContext,
): WireResponse {
  const usage = usageFor(req.messages, answer);
  const asTool = answer.kind === 'structured' && asObject(asObject(body.output_config)?.format) === undefined;
  const stopReason = asTool ? 'tool_use' : 'end_turn';
  const toolBlock = asTool ? { type: 'tool_use', id: `toolu_mock_${ctx.seq}`, name: answer.name, input: answer.value } : undefined;
  const message = (content: unknown[], stop: string | null, outputTokens: number) => ({
    id: `msg_mock_${ctx.seq}`,
    type: 'message',
    role: 'assistant',
    model: req.model,
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: {
      input_tokens: usage.input,
      output_tokens: outputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      service_tier: 'standard',
    },
  });

  if (body.stream !== true) {
    const block = toolBlock ?? { type: 'text', text: answer.text, citations: null };
    return { stream: false, body: message([block], stopReason, usage.output) };
  }

  const frame = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const frames = [frame('message_start', { message: message([], null, 1) })];
  if (toolBlock) {
    frames.push(frame('content_block_start', { index: 0, content_block: { ...toolBlock, input: {} } }));
    frames.push(frame('ping', {}));
    for (const piece of chunks(answer.text, 2)) {
      frames.push(frame('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: piece } }));
    }
  } else {
    frames.push(frame('content_block_start', { index: 0, content_block: { type: 'text', text: '', citations: null } }));
    frames.push(frame('ping', {}));
    for (const piece of chunks(answer.text)) {
      frames.push(frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } }));
    }
  }
  frames.push(frame('content_block_stop', { index: 0 }));
  frames.push(
    frame('message_delta', {
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: usage.output },
    }),
  );
  frames.push(frame('message_stop', {}));
  return { stream: true, frames };
}

export function anthropicError(status: number, message: string, type?: string): unknown {
  const kind =
    type && type !== 'invalid_request_error'
      ? type
      : status === 401
        ? 'authentication_error'
        : status === 429
          ? 'rate_limit_error'
          : status === 503 || status === 529
            ? 'overloaded_error'
            : status >= 500
              ? 'api_error'
              : status === 404
                ? 'not_found_error'
                : 'invalid_request_error';
  return { type: 'error', error: { type: kind, message } };
}
