import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/core/errors.js';
import { loadSuite } from '../../src/loader/load-suite.js';
import type { CompletionRequest, Provider } from '../../src/providers/provider.js';
import { buildScorers, SCORER_NAMES } from '../../src/scorers/registry.js';
import { kase } from './helpers.js';

function recordingJudge(): Provider & { requests: CompletionRequest[] } {
  const requests: CompletionRequest[] = [];
  return {
    id: 'rec',
    model: 'rec',
    requests,
    async complete(req) {
      requests.push(req);
      const props = (req.structured!.schema as { properties: Record<string, unknown> }).properties;
      const v = Object.fromEntries(Object.keys(props).map((k) => [k, { reasoning: 'r', score: 3 }]));
      return { text: JSON.stringify(v), structured: v, usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, model: 'rec' };
    },
  };
}

describe('buildScorers', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const setup = (suiteYaml: string) => {
    dir = mkdtempSync(join(tmpdir(), 'juror-registry-'));
    writeFileSync(join(dir, 'p.hbs'), '{{q}}');
    writeFileSync(join(dir, 'r.yaml'), 'name: r\ncriteria:\n  - { name: clarity, question: Clear?, scale: [1, 2, 3], pass: 2 }\n');
    writeFileSync(join(dir, 'judge.hbs'), 'CUSTOM for {{rubric.name}}: {{input}} => <output>{{output}}</output>');
    writeFileSync(join(dir, 's.yaml'), `name: s\nprompt: p.hbs\ncases: [{ id: 1, vars: { q: hi, topic: Mars } }]\n${suiteYaml}`);
    return loadSuite(join(dir, 's.yaml'));
  };

  it('knows every scorer kind', () => {
    const base = ['exact', 'contains', 'icontains', 'starts-with', 'regex', 'json-valid', 'is-json', 'json-schema', 'numeric', 'levenshtein', 'token-f1', 'rouge-n', 'rouge-l', 'bleu', 'precision-at-k', 'recall-at-k', 'mrr', 'ndcg-at-k'];
    const rag = ['faithfulness', 'answer-relevancy', 'context-precision', 'context-recall', 'hallucination'];
    expect(SCORER_NAMES).toEqual([...base, 'rubric', 'choice', 'file', ...rag, ...base.map((n) => `not-${n}`)]);
  });

  it('builds scorers in suite order with their criteria', () => {
    const suite = setup('judge: { rubric: r.yaml }\nscorers:\n  - json-valid\n  - rubric\n  - contains: { value: x, as: has-x }\n');
    const scorers = buildScorers(suite, { judge: recordingJudge() });
    expect(scorers.map((s) => [s.name, s.criteria])).toEqual([
      ['json-valid', ['json-valid']],
      ['rubric', ['rubric.clarity']],
      ['contains', ['has-x']],
    ]);
  });

  it('a renamed scorer reports under its new criterion', async () => {
    const suite = setup('scorers:\n  - contains: { value: x, as: has-x }\n');
    const [s] = buildScorers(suite);
    expect((await s!.score('x', kase({ id: 1 })))[0]).toMatchObject({ scorer: 'contains', criterion: 'has-x', value: 1 });
  });

  it('the rubric scorer without a judge provider is a ConfigError naming the scorer line', () => {
    const suite = setup('judge: { rubric: r.yaml }\nscorers:\n  - rubric\n');
    let err: unknown;
    try {
      buildScorers(suite, {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(
      `${join(dir!, 's.yaml')}:6: suite "s" uses the rubric scorer but no judge provider is set (judge.provider in the suite, or --judge)`,
    );
  });

  it('uses judge.input and a custom judge.prompt template', async () => {
    const suite = setup('judge: { rubric: r.yaml, input: "Tell me about {{topic}}", prompt: judge.hbs }\nscorers: [rubric]\n');
    const judge = recordingJudge();
    const [s] = buildScorers(suite, { judge });
    const scores = await s!.score('It is red.', suite.cases[0]!);
    expect(judge.requests[0]!.messages[0]!.content).toBe('CUSTOM for r: Tell me about Mars => <output>It is red.</output>');
    expect(scores[0]).toMatchObject({ criterion: 'rubric.clarity', value: 3, passed: true });
  });

  it('a rubric scorer can name a rubric file instead of the judge rubric', async () => {
    const suite = setup('scorers:\n  - rubric: r.yaml\n');
    expect(suite.scorers[0]!.criteria).toEqual(['rubric.clarity']);
    const [s] = buildScorers(suite, { judge: recordingJudge() });
    expect((await s!.score('x', suite.cases[0]!))[0]!.value).toBe(3);
  });

  it('a rubric name that is not the judge rubric is an error', () => {
    expect(() => setup('judge: { rubric: r.yaml }\nscorers:\n  - rubric: other\n')).toThrow(
      /s\.yaml:6: unknown rubric "other" \(the judge rubric is "r"\)$/,
    );
  });
});

describe('criterion bounds (the range an interval of the mean stays inside)', () => {
  it('checks, similarities and their not- forms are [0, 1]; a rubric criterion spans its scale; a choice judge its scores', async () => {
    const { suiteWith, scripted } = await import('./helpers.js');
    const rubric = join(import.meta.dirname, '../../rubrics/faithfulness.yaml');
    const { scorers } = suiteWith(
      [
        '  - contains: { value: "x" }',
        '  - not-levenshtein: { value: "x" }',
        '  - faithfulness',
        `  - rubric: ${rubric}`,
        '  - choice: { name: grade, prompt: "Grade {{output}}", choices: { A: 1, B: 0.4, C: -0.5 } }',
      ].join('\n'),
      '',
      { judge: scripted({ text: '{}' }) },
    );
    expect(scorers.map((s) => s.bounds)).toEqual([
      { contains: [0, 1] },
      { 'not-levenshtein': [0, 1] },
      { faithfulness: [0, 1] },
      { 'rubric.faithfulness': [1, 5], 'rubric.relevance': [1, 5] },
      { grade: [-0.5, 1] },
    ]);
  });
});
