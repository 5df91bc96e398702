// Writes a RAG suite with N cases (judge rubric from the repo) into a directory, for the benches.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;

/**
 * @param {string} dir
 * @param {{ n: number, provider?: string, judge?: string | null }} o
 */
export function writeBenchSuite(dir, o) {
  const lines = [];
  for (let i = 0; i < o.n; i++) {
    lines.push(JSON.stringify({
      id: `q${i}`,
      vars: { question: `Where is setting number ${i}?` },
      context: [`Setting number ${i} is under Preferences > Panel ${i}.`, `Panel ${i} also has a reset button.`],
      expected: `under Preferences > Panel ${i}`,
    }));
  }
  writeFileSync(join(dir, 'cases.jsonl'), lines.join('\n') + '\n');
  writeFileSync(join(dir, 'answer.hbs'), 'Context:\n{{numbered context}}\n\nQuestion: {{question}}\nAnswer:');
  const judge = o.judge === undefined ? 'mock' : o.judge;
  const yaml = [
    'name: bench',
    'prompt: answer.hbs',
    'cases: cases.jsonl',
    `provider: ${o.provider ?? 'mock'}`,
    ...(judge ? ['judge:', `  provider: ${judge}`, `  rubric: ${join(ROOT, 'rubrics/faithfulness.yaml')}`] : []),
    'scorers:',
    '  - contains: { value: "{{expected}}" }',
    ...(judge ? ['  - rubric: faithfulness'] : []),
  ];
  const path = join(dir, 'suite.yaml');
  writeFileSync(path, yaml.join('\n') + '\n');
  return path;
}
