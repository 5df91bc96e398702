import type { MockAnswer, MockMessage } from './mock-model.js';
import { estimateTokens } from './text-overlap.js';

/** A request the mock cannot answer; becomes an HTTP error in the client's own error format. */
export class WireError extends Error {
  constructor(readonly status: number, message: string, readonly type = 'invalid_request_error') {
    super(message);
  }
}

/** What a wire module returns: a whole JSON body, or a list of ready-to-write SSE frames. */
export type WireResponse = { stream: false; body: unknown } | { stream: true; frames: string[] };

export interface RenderContext {
  /** Per-server request number, for ids. */
  seq: number;
  created: number;
}

/** Message content is a string or a list of parts/blocks; the mock only reads the text. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part && typeof part === 'object') {
        const p = part as Record<string, unknown>;
        if (typeof p.text === 'string') return p.text;
        if (p.type === 'tool_result') return contentText(p.content);
      }
      return '';
    })
    .join('');
}

export function usageFor(messages: MockMessage[], answer: MockAnswer): { input: number; output: number } {
  let chars = 0;
  for (const m of messages) chars += m.content.length;
  return { input: Math.ceil(chars / 4), output: estimateTokens(answer.text) };
}

/** Split text into a few-words-per-chunk pieces, so streams have several deltas but stay cheap. */
export function chunks(text: string, wordsPerChunk = 4): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerChunk) out.push(words.slice(i, i + wordsPerChunk).join(''));
  return out.length > 0 ? out : [''];
}

export function asObject(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
