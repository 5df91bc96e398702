import type { ChatMessage, CompletionRequest } from '../../src/providers/provider.js';

/** A RAG-style prompt whose best answer is one known sentence of the context. */
export const RAG_MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'You answer questions using only the given context.' },
  {
    role: 'user',
    content:
      'Context:\nThe museum opens at 9 am on weekdays. Tickets cost 12 euros for adults. Children under six enter free.\n' +
      'Question: How much do adult tickets cost?',
  },
];
export const RAG_ANSWER = 'Tickets cost 12 euros for adults.';

export function chars(messages: ChatMessage[]): number {
  return messages.reduce((n, m) => n + m.content.length, 0);
}

/** A judge-style request: a 5-level enum ordered worst → best and a reasoning string. */
export function judgeRequest(output: string, reference: string): CompletionRequest {
  return {
    messages: [
      {
        role: 'user',
        content:
          'Score the text inside <output> and </output> against the reference.\n' +
          `<reference>\n${reference}\n</reference>\n<output>\n${output}\n</output>\nAnswer with JSON.`,
      },
    ],
    structured: {
      name: 'verdict',
      schema: {
        type: 'object',
        properties: {
          correctness: {
            type: 'object',
            properties: { reasoning: { type: 'string' }, score: { type: 'integer', enum: [1, 2, 3, 4, 5] } },
            required: ['reasoning', 'score'],
            additionalProperties: false,
          },
        },
        required: ['correctness'],
        additionalProperties: false,
      },
    },
  };
}

/** Sleep that records the wait and returns at once: retry tests assert the delay, not wall time. */
export function recordingSleep(): { delays: number[]; sleep: (ms: number, signal?: AbortSignal) => Promise<void> } {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      delays.push(ms);
    },
  };
}

/** Run `fn`, expecting it to reject; return the error for assertions. */
export async function rejection(fn: () => Promise<unknown>): Promise<any> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection, got a result');
}
