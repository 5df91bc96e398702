import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadSuite } from '../../src/loader/load-suite.js';
import { renderPrompt } from '../../src/templates/render-prompt.js';
import { buildScorers } from '../../src/scorers/registry.js';
import { decideCase } from '../../src/scorers/thresholds.js';
import type { Provider } from '../../src/providers/provider.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A judge that always answers the best level, as the mock does when output = reference. */
function topJudge(): Provider {
  return {
    id: 'test-judge',
    model: 'test',
    async complete(req) {
      const schema = req.structured!.schema as { properties: Record<string, { properties: { score: { enum: unknown[] } } }> };
      const verdict = Object.fromEntries(
        Object.entries(schema.properties).map(([k, v]) => [k, { reasoning: 'ok', score: v.properties.score.enum.at(-1) }]),
      );
      return { text: JSON.stringify(verdict), structured: verdict, usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, model: 'test' };
    },
  };
}

describe('example suites', () => {
  for (const [file, count] of [
    ['suites/rag-faq.yaml', 12],
    ['suites/support-reply.yaml', 10],
    ['suites/ticket-classify.yaml', 20],
  ] as const) {
    it(`${file} loads, renders every case, and passes when the output is the golden answer`, async () => {
      const suite = loadSuite(root + file);
      expect(suite.cases).toHaveLength(count);
      const scorers = buildScorers(suite, { judge: topJudge() });
      for (const c of suite.cases) {
        const messages = renderPrompt(suite.prompt, c);
        expect(messages.at(-1)!.role).toBe('user');
        const scores = (await Promise.all(scorers.map((s) => s.score(String(c.expected), c)))).flat();
        expect(scores.every((s) => s.value !== null)).toBe(true);
        expect(decideCase(suite.pass, scores)).toBe('passed');
      }
    });
  }
});
