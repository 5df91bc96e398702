import { describe, expect, it } from 'vitest';
import { pairwiseSource, resolveColumn, runColumns, sameSource, sourceRef, splitRunRef } from '../../src/storage/run-columns.js';
import type { RunRecord, RunSummary } from '../../src/storage/store.js';

const COLUMNS = [
  { provider: 'openai:gpt-4o-mini', prompt: 'a.hbs' },
  { provider: 'mock', prompt: 'a.hbs' },
  { provider: 'openai:gpt-4o-mini', prompt: 'b.hbs' },
];

function run(over: Partial<RunRecord> = {}): Pick<RunRecord, 'id' | 'summary' | 'config'> {
  return { id: 'r1', summary: null, config: {}, ...over };
}

describe('run columns', () => {
  it('reads the columns from the summary, else from the config a run started with', () => {
    const summary = { columns: COLUMNS.map((c) => ({ ...c, summary: {} as RunSummary })) } as unknown as RunSummary;
    expect(runColumns(run({ summary }))).toEqual(COLUMNS);
    expect(runColumns(run({ config: { columns: COLUMNS.map((c) => ({ ...c, promptPath: '/x' })) } }))).toEqual(COLUMNS);
    expect(runColumns(run())).toBeNull();
  });

  it('a column by number, provider, prompt or provider × prompt, exactly one', () => {
    const m = run({ config: { columns: COLUMNS } });
    expect(resolveColumn(m, '3')).toBe(3);
    expect(resolveColumn(m, 'mock')).toBe(2);
    expect(resolveColumn(m, 'b.hbs')).toBe(3);
    expect(resolveColumn(m, 'openai:gpt-4o-mini × a.hbs')).toBe(1);
    const list = '(1 = openai:gpt-4o-mini × a.hbs; 2 = mock × a.hbs; 3 = openai:gpt-4o-mini × b.hbs)';
    expect(() => resolveColumn(m, 'a.hbs')).toThrow(`run "r1": "a.hbs" names 2 columns ${list}`);
    expect(() => resolveColumn(m, '0')).toThrow(`run "r1": no column "0" ${list}`);
    expect(() => resolveColumn(m, '4')).toThrow(`run "r1": no column "4" ${list}`);
    expect(() => resolveColumn(run(), '1')).toThrow('run "r1" has one column; name it as r1');
  });

  it('refs split at the first colon; sources compare by run and column', () => {
    expect(splitRunRef('latest~1:openai:gpt-4o × a.hbs')).toEqual({ run: 'latest~1', column: 'openai:gpt-4o × a.hbs' });
    expect(splitRunRef('r1')).toEqual({ run: 'r1' });
    const m = run({ config: { columns: COLUMNS } });
    const a = pairwiseSource(m, 1);
    expect(a).toEqual({ label: 'r1:1', runId: 'r1', column: 1, provider: 'openai:gpt-4o-mini', prompt: 'a.hbs' });
    expect(sourceRef(a)).toBe('r1:1');
    expect(sameSource(a, { ...pairwiseSource(m, 1), label: 'A' })).toBe(true);
    expect(sameSource(a, pairwiseSource(m, 2))).toBe(false);
    expect(pairwiseSource(run({ id: 'r2' }), undefined, 'B')).toEqual({ label: 'B', runId: 'r2' });
    expect(() => pairwiseSource(m)).toThrow('run "r1" is a matrix of 3 columns: name one (r1:1, r1:2, ...)');
    expect(() => pairwiseSource(run(), 1)).toThrow('run "r1" has one column; name it as r1');
  });
});
