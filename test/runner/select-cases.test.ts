import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Case } from '../../src/core/case.js';
import { selectCases, splitList } from '../../src/runner/select-cases.js';
import { cli, ragCases, tempDir, writeSuite } from '../cli/support.js';

const c = (id: string, ...tags: string[]): Case => ({ id, vars: {}, tags });
const CASES = [c('a1', 'billing'), c('a2', 'billing', 'hard'), c('b1', 'sharing'), c('b2', 'sharing', 'hard'), c('n1')];
const ids = (sel: Parameters<typeof selectCases>[1]) => selectCases(CASES, sel).map((x) => x.id);

describe('selectCases', () => {
  it('--filter a,b keeps cases with any of the tags; --exclude drops; --case keeps only those ids', () => {
    expect(ids({})).toEqual(['a1', 'a2', 'b1', 'b2', 'n1']);
    expect(ids({ tags: 'billing' })).toEqual(['a1', 'a2']);
    expect(ids({ tags: 'billing,sharing' })).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(ids({ exclude: ['hard'] })).toEqual(['a1', 'b1', 'n1']);
    expect(ids({ tags: 'sharing', exclude: ['hard'] })).toEqual(['b1']);
    expect(ids({ ids: ['b2', 'a1'] })).toEqual(['a1', 'b2']);
    expect(ids({ tags: 'billing', ids: ['a2', 'b1'] })).toEqual(['a2']);
  });

  it('a tag no case has is an error listing the suite tags, with did-you-mean', () => {
    expect(() => ids({ tags: 'biling' })).toThrow('--filter biling: no case has the tag "biling" (the suite\'s tags: billing, hard, sharing); did you mean "billing"?');
    expect(() => ids({ tags: 'billing,nosuchtag' })).toThrow(/^--filter nosuchtag: no case has the tag "nosuchtag" \(the suite's tags: billing, hard, sharing\)$/);
    expect(() => ids({ exclude: ['hrad'] })).toThrow('did you mean "hard"?');
    expect(() => ids({ ids: ['a3'] })).toThrow('--case a3: no case has the id "a3"; did you mean "a1"?');
    expect(() => ids({ tags: 'billing', ids: ['b1'] })).toThrow('no case matches the selection');
  });

  it('splitList takes commas and repeats', () => {
    expect(splitList(['a,b', ' c '])).toEqual(['a', 'b', 'c']);
    expect(splitList(null)).toEqual([]);
  });
});

describe('juror run --filter / --exclude / --case', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it('an unknown tag exits 2 before anything runs; the flags select as documented', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const suite = writeSuite(t.dir, { cases: ragCases(6), judge: null, scorers: ['- contains: { value: "{{expected}}" }'] });
    const db = join(t.dir, 'j.db');
    const bad = await cli(['run', suite, '--db', db, '--filter', 'od'], { cwd: t.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('error: --filter od: no case has the tag "od" (the suite\'s tags: even, odd); did you mean "odd"?');
    const r = await cli(['run', suite, '--db', db, '--filter', 'odd,even', '--exclude', 'even', '--case', 'q1', '--case', 'q3', '--json'], { cwd: t.dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).cases.map((x: { caseId: string }) => x.caseId)).toEqual(['q1', 'q3']);
  });
});
