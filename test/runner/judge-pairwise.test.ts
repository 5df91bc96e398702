import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../src/core/case.js';
import type { Rubric } from '../../src/core/rubric.js';
import { createMockProvider } from '../../src/providers/mock/mock-provider.js';
import { startMockServer, type MockServer } from '../../src/providers/mock/mock-server.js';
import type { Provider } from '../../src/providers/provider.js';
import { resolveProvider } from '../../src/providers/resolve.js';
import { judgePairwise } from '../../src/runner/judge-pairwise.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';
import { newOutput, newRun } from '../storage/store-fixtures.js';

const RUBRIC: Rubric = {
  name: 'pairwise',
  criteria: [{ name: 'better', question: 'Which answer is better?', scale: { type: 'nominal', choices: ['A', 'tie', 'B'] }, anchors: {}, mode: 'pairwise' }],
};

const GOLD = (i: number) => `the reset button is under panel ${i}`;
const BAD = 'I do not know.';

/** The judge's prompts as the mock server received them, with the two outputs in shown order. */
interface Seen {
  first: string;
  second: string;
}

let server: MockServer;
const seen: Seen[] = [];
let judge: Provider;
let dir: string;
let store: Store;

function block(text: string, tag: string): string {
  const close = text.lastIndexOf(`</${tag}>`);
  return text.slice(text.lastIndexOf(`<${tag}>`, close) + tag.length + 2, close).trim();
}

beforeAll(async () => {
  server = await startMockServer({
    onRequest: ({ body }) => {
      const content = (body as { messages: Array<{ content: string }> }).messages.map((m) => m.content).join('\n');
      seen.push({ first: block(content, 'output_a'), second: block(content, 'output_b') });
    },
  });
  judge = await resolveProvider('openai:mock-judge', { env: { OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_API_KEY: 'k' }, cwd: process.cwd() });
});
afterAll(async () => {
  await judge.close?.();
  await server.close();
});
beforeEach(() => {
  seen.length = 0;
  dir = mkdtempSync(join(tmpdir(), 'juror-pairwise-'));
  store = openSqliteStore(join(dir, 'juror.db'));
  return () => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  };
});

/** Runs whose output per case is the golden answer where `good` says so, else a non-answer. */
function seedRuns(good: Record<string, number[]>, cases: Case[]): void {
  for (const [id, goodOn] of Object.entries(good)) {
    store.createRun(newRun(id));
    store.saveCases(id, cases);
    store.saveResults(cases.map((c, i) => ({ output: newOutput(id, c.id, 0, { output: goodOn.includes(i) ? GOLD(i) : BAD }), scores: [] })));
  }
}

const cases = (n: number, mock?: (i: number) => Record<string, unknown> | undefined): Case[] =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i}`, vars: { question: `Where is the reset button ${i}?` }, expected: GOLD(i), tags: [], ...(mock?.(i) ? { mock: mock(i) } : {}) }));

describe('judgePairwise', () => {
  it('judges every pair in both orders at the mock server and stores the verdicts; three runs get Bradley–Terry', async () => {
    seedRuns({ r_a: [0, 1, 2, 3, 4], r_b: [0, 1, 5], r_c: [2] }, cases(6));
    const sources = ['r_a', 'r_b', 'r_c'].map((id) => ({ label: id, runId: id }));
    const result = await judgePairwise({ sources, rubric: RUBRIC, judges: [judge] }, { store });

    // 3 pairs of runs × 6 cases, each judged twice: 36 prompts, and each pair's two prompts show
    // the outputs in opposite orders.
    expect(seen).toHaveLength(36);
    const outputs = new Map(['r_a', 'r_b', 'r_c'].flatMap((r) => store.getOutputs(r).map((o) => [o.id, o.output!] as const)));
    const verdicts = store.getPairwiseVerdicts(result.comparisonId);
    expect(verdicts).toHaveLength(18);
    const count = (a: string, b: string) => seen.filter((s) => s.first === a && s.second === b).length;
    for (const v of verdicts) {
      const a = outputs.get(v.outputA)!;
      const b = outputs.get(v.outputB)!;
      if (a === b) expect(count(a, b)).toBeGreaterThanOrEqual(2);
      else {
        expect(count(a, b)).toBeGreaterThanOrEqual(1);
        expect(count(b, a)).toBeGreaterThanOrEqual(1);
      }
    }
    // The mock judge prefers the golden answer whichever side it is on: never inconsistent.
    const s = result.summary.criteria[0]!.judges[0]!;
    expect(s.judge).toBe('openai:mock-judge');
    expect(s.position).toMatchObject({ judged: 18, inconsistent: 0 });
    const rec = (a: string, b: string) => s.pairs.find((p) => p.a === a && p.b === b)!;
    // a vs b: c0, c1 both good (tie); c2-c4 only a; c5 only b. a vs c: c2 tie, c5 both bad (tie).
    expect(rec('r_a', 'r_b')).toMatchObject({ wins: 3, ties: 2, losses: 1, unscored: 0 });
    expect(rec('r_a', 'r_c')).toMatchObject({ wins: 4, ties: 2, losses: 0 });
    expect(rec('r_b', 'r_c')).toMatchObject({ wins: 3, ties: 2, losses: 1 });
    expect(rec('r_a', 'r_b').win_rate).toMatchObject({ value: 0.75, n: 4, method: 'wilson' });

    // Bradley–Terry on the same counts, ties as half wins: W = [[0, 4, 5], [2, 0, 4], [1, 2, 0]].
    const bt = s.bradley_terry!;
    if (bt.value === null) throw new Error(bt.reason);
    expect(bt.value.map((x) => x.source)).toEqual(['r_a', 'r_b', 'r_c']);
    const { bradleyTerry } = await import('../../src/stats/bradley-terry.js');
    const direct = bradleyTerry([[0, 4, 5], [2, 0, 4], [1, 2, 0]]);
    if (direct.value === null) throw new Error(direct.reason);
    expect(bt.value[0]!.log_strength).toBeCloseTo(direct.value[0]!.logStrength, 10);
    expect(bt.value[2]!.se).toBeCloseTo(direct.value[2]!.se, 10);

    const stored = store.getComparison(result.comparisonId)!;
    expect(stored).toMatchObject({ status: 'finished', judges: ['openai:mock-judge'], sources });
    expect(stored.summary).toEqual(JSON.parse(JSON.stringify(result.summary)));
  });

  it('a position-biased judge (scripted per case) is caught: disagreeing orders count as ties and as inconsistencies', async () => {
    // c0-c2: the script answers "A" in both orders (always the first shown). c3: a list, one answer
    // per order, that prefers output B both times. c4-c5: unscripted (the mock's own judgement).
    const biased = { better: { reasoning: 'The first one.', verdict: 'A' } };
    const mock = (i: number) =>
      i < 3 ? { pairwise_verdict: biased }
      : i === 3 ? { pairwise_verdict: [{ better: { reasoning: 'second', verdict: 'B' } }, { better: { reasoning: 'first', verdict: 'A' } }] }
      : undefined;
    seedRuns({ r_a: [0, 1, 2, 3, 4, 5], r_b: [] }, cases(6, mock));
    // Scripts reach the mock through the `mock` adapter (real providers never see them), here over
    // a real socket: two judges sharing one mock server.
    const first = await createMockProvider('mock+http:judge-1');
    const second = await createMockProvider('mock+http:judge-2');
    try {
      const before = first.stats().requests;
      const result = await judgePairwise(
        { sources: [{ label: 'A', runId: 'r_a' }, { label: 'B', runId: 'r_b' }], rubric: RUBRIC, judges: [first, second] },
        { store },
      );
      expect(first.stats().requests - before).toBe(6 * 2 * 2);
      const figures = result.summary.criteria[0]!.judges;
      expect(figures.map((j) => j.judge)).toEqual(['mock+http:judge-1', 'mock+http:judge-2']);
      for (const j of figures) {
        expect(j.position).toMatchObject({ judged: 6, inconsistent: 3 });
        expect(j.position.rate).toMatchObject({ value: 0.5, n: 6 });
        // c0-c2 ties (inconsistent), c3 B wins, c4-c5 A wins (gold vs non-answer)
        expect(j.pairs[0]).toMatchObject({ a: 'A', b: 'B', wins: 2, ties: 3, losses: 1 });
        expect(j.bradley_terry).toBeUndefined();
      }
      const rows = store.getPairwiseVerdicts(result.comparisonId).filter((v) => v.judge === 'mock+http:judge-1');
      expect(rows.map((v) => [v.caseId, v.saidAB, v.saidBA, v.verdict, v.consistent])).toEqual([
        ['c0', 'A', 'A', 'tie', false],
        ['c1', 'A', 'A', 'tie', false],
        ['c2', 'A', 'A', 'tie', false],
        ['c3', 'B', 'A', 'B', true],
        ['c4', 'A', 'B', 'A', true],
        ['c5', 'A', 'B', 'A', true],
      ]);
      expect(rows[0]!.reasonAB).toBe('The first one.');
    } finally {
      await first.close?.();
      await second.close?.();
    }
  });

  it('columns of one matrix run: each column pairs with its own outputs only, sources named by provider and prompt, Bradley–Terry as R glm', async () => {
    // One run, three columns over the same 8 cases, the golden answer where `good` says so. Column 1
    // vs 2: c0, c1 tie (both good), c2-c6 column 1 only, c7 column 2 only. 1 vs 3: c2, c3 both
    // good, c7 both bad: 5 wins, 3 ties. 2 vs 3: c0, c1, c7 column 2 only, c2, c3 column 3 only,
    // c4-c6 both bad.
    const good = [[0, 1, 2, 3, 4, 5, 6], [0, 1, 7], [2, 3]];
    const columns = [
      { provider: 'openai:gpt-4o-mini', prompt: 'a.hbs' },
      { provider: 'openai:gpt-4o-mini', prompt: 'b.hbs' },
      { provider: 'anthropic:claude-sonnet-4-5', prompt: 'a.hbs' },
    ];
    const cs = cases(8);
    store.createRun(newRun('r_m', { config: { columns } }));
    store.saveCases('r_m', cs);
    store.saveResults(good.flatMap((on, col) => cs.map((c, i) => ({
      output: newOutput('r_m', c.id, 0, { col, ...columns[col]!, promptLabel: columns[col]!.prompt, output: on.includes(i) ? GOLD(i) : BAD }),
      scores: [],
    }))));
    const { pairwiseSource } = await import('../../src/storage/run-columns.js');
    const run = store.getRun('r_m')!;
    const sources = [1, 2, 3].map((n) => pairwiseSource(run, n));
    expect(sources[2]).toEqual({ label: 'r_m:3', runId: 'r_m', column: 3, provider: 'anthropic:claude-sonnet-4-5', prompt: 'a.hbs' });
    const result = await judgePairwise({ sources, rubric: RUBRIC, judges: [judge] }, { store });

    // 3 pairs of columns × 8 cases × 2 orders, each prompt with two outputs of the same column pair.
    expect(seen).toHaveLength(48);
    const verdicts = store.getPairwiseVerdicts(result.comparisonId);
    expect(verdicts).toHaveLength(24);
    const colOf = new Map(store.getOutputs('r_m').map((o) => [o.id, o.col]));
    expect(new Set(verdicts.map((v) => `${colOf.get(v.outputA)}-${colOf.get(v.outputB)}`))).toEqual(new Set(['0-1', '0-2', '1-2']));
    const s = result.summary.criteria[0]!.judges[0]!;
    const rec = (a: number, b: number) => s.pairs.find((p) => p.a === `r_m:${a}` && p.b === `r_m:${b}`)!;
    expect(rec(1, 2)).toMatchObject({ wins: 5, ties: 2, losses: 1, unscored: 0 });
    expect(rec(1, 3)).toMatchObject({ wins: 5, ties: 3, losses: 0 });
    expect(rec(2, 3)).toMatchObject({ wins: 3, ties: 3, losses: 2 });

    // W (ties half a win each) = [[0, 6, 6.5], [2, 0, 4.5], [1.5, 3.5, 0]], fitted in R 4.2.2 as in
    // test/stats/bradley-terry.test.ts: glm(cbind(w_ij, w_ji) ~ X - 1, binomial, epsilon 1e-15),
    // column 1 as reference, mapped to sum-to-zero by C = I − J/3.
    const bt = s.bradley_terry!;
    if (bt.value === null) throw new Error(bt.reason);
    const R = { 'r_m:1': [0.852347307570451, 0.4041657166428], 'r_m:2': [-0.285636965393367, 0.361398886387993], 'r_m:3': [-0.566710342177084, 0.374965800946287] };
    expect(bt.value.map((x) => x.source)).toEqual(['r_m:1', 'r_m:2', 'r_m:3']);
    for (const x of bt.value) {
      const [beta, se] = R[x.source as keyof typeof R];
      expect(x.log_strength).toBeCloseTo(beta!, 8);
      expect(x.se).toBeCloseTo(se!, 8);
    }
    // the stored comparison says which column is which
    expect(store.getComparison(result.comparisonId)!.sources.map((x) => [x.column, x.provider, x.prompt])).toEqual([
      [1, 'openai:gpt-4o-mini', 'a.hbs'],
      [2, 'openai:gpt-4o-mini', 'b.hbs'],
      [3, 'anthropic:claude-sonnet-4-5', 'a.hbs'],
    ]);
    expect(() => pairwiseSource(run)).toThrow('run "r_m" is a matrix of 3 columns: name one (r_m:1, r_m:2, ...)');
    expect(() => pairwiseSource(run, 4)).toThrow('run "r_m" has no column 4 (1 = openai:gpt-4o-mini × a.hbs; 2 = openai:gpt-4o-mini × b.hbs; 3 = anthropic:claude-sonnet-4-5 × a.hbs)');
  });

  it('refuses a rubric without pairwise criteria and runs with nothing in common', async () => {
    seedRuns({ r_a: [0], r_b: [0] }, cases(1));
    const pointwise: Rubric = { name: 'p', criteria: [{ name: 'q', question: '?', scale: { type: 'ordinal', levels: [1, 2] }, anchors: {} }] };
    await expect(judgePairwise({ sources: [{ label: 'a', runId: 'r_a' }, { label: 'b', runId: 'r_b' }], rubric: pointwise, judges: [judge] }, { store }))
      .rejects.toThrow('rubric "p" has no criterion with mode: pairwise');
    store.createRun(newRun('r_x'));
    await expect(judgePairwise({ sources: [{ label: 'a', runId: 'r_a' }, { label: 'x', runId: 'r_x' }], rubric: RUBRIC, judges: [judge] }, { store }))
      .rejects.toThrow('runs r_a, r_x have no case with an output in both');
    expect(seen).toHaveLength(0);
  });
});
