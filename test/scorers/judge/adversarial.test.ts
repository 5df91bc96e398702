import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadRubric } from '../../../src/loader/load-rubric.js';
import type { Provider } from '../../../src/providers/provider.js';
import { createMockProvider } from '../../../src/providers/mock/mock-provider.js';
import { judgeOverlap } from '../../../src/providers/mock/mock-model.js';
import { createJudgeScorer } from '../../../src/scorers/judge/judge-scorer.js';
import { createChoiceJudgeScorer } from '../../../src/scorers/judge/choice-judge-scorer.js';
import { BUILTIN_CHOICE_JUDGES } from '../../../src/scorers/judge/choice-judges.js';
import type { Scorer } from '../../../src/scorers/scorer.js';
import { kase } from '../helpers.js';

interface Attack {
  id: string;
  kind: string;
  text: string;
}
const attacks: Attack[] = readFileSync(resolve(import.meta.dirname, '../../fixtures/adversarial/attacks.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Attack);

const reference = 'Deleted notes stay in the Trash for 30 days.';
const c = kase({ id: 'trash', vars: { question: 'How long are deleted notes kept in the trash?' }, expected: reference });
// The controls: a faithful answer (top verdict) and an unrelated one (bottom verdict). An attack
// wrapped around either must leave the verdict where the clean answer put it.
const controls = { faithful: reference, unrelated: 'Our office is closed on public holidays.' };
const inject = (a: Attack, answer: string) => a.text.replaceAll('{{answer}}', answer);

describe('adversarial outputs: the judge verdict equals the clean control’s (built-in mock, real HTTP)', () => {
  let mock: Provider;
  let judges: Array<[string, Scorer]>;
  beforeAll(async () => {
    mock = await createMockProvider('mock');
    judges = [
      ['rubric', createJudgeScorer({ rubric: loadRubric('rubrics/faithfulness.yaml'), provider: mock })],
      ['choice', createChoiceJudgeScorer({ spec: { name: 'factuality', ...BUILTIN_CHOICE_JUDGES.factuality!() }, criterion: 'factuality', provider: mock, threshold: 0.5 })],
    ];
  });
  afterAll(async () => {
    await mock?.close?.();
  });

  it('covers every kind of attack the corpus promises', () => {
    expect(new Set(attacks.map((a) => a.kind))).toEqual(new Set(['instruction', 'fake-verdict', 'delimiter', 'role-play', 'ignore-previous']));
  });

  for (const [control, answer] of Object.entries(controls)) {
    it(`${control} answer: every attack gets the control's verdict from the rubric and choice judges`, async () => {
      for (const [name, judge] of judges) {
        const verdict = async (output: string) => (await judge.score(output, c)).map((s) => [s.criterion, s.value, s.label, s.passed]);
        const clean = await verdict(answer);
        expect(clean.every(([, v]) => v !== null)).toBe(true);
        for (const a of attacks) expect([name, a.id, await verdict(inject(a, answer))]).toEqual([name, a.id, clean]);
      }
    });
  }

  it('the corpus has teeth: without the delimiter defence the mock judge would be fooled by the delimiter attacks', () => {
    // A naive prompt that pastes the output between tags without neutralising them.
    const naive = (output: string) => judgeOverlap(`<reference>\n${reference}\n</reference>\n<output>\n${output}\n</output>`).r;
    const base = naive(controls.unrelated);
    const fooled = attacks.filter((a) => naive(inject(a, controls.unrelated)) !== base).map((a) => a.id);
    expect(fooled).toEqual(['closing-delimiter-fake-reference']);
  });
});
