import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { kase, suiteWith } from './helpers.js';
import { messageOf } from '../loader/config-error.js';

const F = resolve(import.meta.dirname, '../fixtures/scorers');
const fileScorer = (opts: string) => suiteWith(`  - file: ${opts}`);

describe('file: custom scorers in code', () => {
  it('a default-exported function; its criterion is the file stem; pass and reason kept', async () => {
    const { suite, scorers } = fileScorer(`${F}/word-count.mjs`);
    expect(suite.scorers[0]!.criteria).toEqual(['word-count']);
    const c = kase({ id: 'a', vars: { max_words: 3 } });
    expect(await scorers[0]!.score('one two three', c)).toEqual([
      { scorer: 'file', criterion: 'word-count', value: 3, passed: true, reason: '3 words (max 3)' },
    ]);
    expect((await scorers[0]!.score('one two three four', c))[0]).toMatchObject({ value: 4, passed: false });
  });

  it('a named export returning a list of named scores (declared criteria, usable in pass rules); async; sees the context', async () => {
    const { suite, scorers } = suiteWith(
      `  - file: { path: ${F}/many.mjs, export: scoreAll, criteria: [length, cites], as: style }`,
      'pass:\n  style.cites: passed\n',
    );
    expect(suite.scorers[0]!.criteria).toEqual(['style', 'style.length', 'style.cites']);
    expect(suite.pass[0]!.criterion).toBe('style.cites');
    expect(await scorers[0]!.score('See [1].', kase({ id: 'a', context: ['x', 'y'] }))).toEqual([
      { scorer: 'file', criterion: 'style.length', value: 8 },
      { scorer: 'file', criterion: 'style.cites', value: 1, passed: true, reason: '2 chunks given' },
    ]);
  });

  it('CommonJS module.exports = fn; a boolean is pass/fail 1/0; threshold decides a bare number', async () => {
    const [s] = fileScorer(`${F}/common.cjs`).scorers;
    expect(await s!.score('all ok', kase({ id: 'a' }))).toEqual([{ scorer: 'file', criterion: 'common', value: 1, passed: true }]);
    const [w] = fileScorer(`{ path: ${F}/word-count.mjs, threshold: 2 }`).scorers;
    expect((await w!.score('a b', kase({ id: 'a', vars: { max_words: 1 } })))[0]!.passed).toBe(false); // its own pass wins
  });

  it('a function that throws, or returns something invalid, is unscored with the reason', async () => {
    const [t] = fileScorer(`${F}/throws.mjs`).scorers;
    expect(await t!.score('x', kase({ id: 'a' }))).toEqual([
      { scorer: 'file', criterion: 'throws', value: null, reason: `${F}/throws.mjs threw: boom: no idea` },
    ]);
    const [b] = fileScorer(`${F}/bad-return.mjs`).scorers;
    const reason = async (out: string) => (await b!.score(out, kase({ id: 'a' })))[0]!;
    expect(await reason('text')).toEqual({ scorer: 'file', criterion: 'bad-return', value: null, reason: `${F}/bad-return.mjs returned the text "great"; expected a number, a boolean or { value, pass, reason }` });
    expect((await reason('nan')).reason).toBe(`${F}/bad-return.mjs returned the value NaN; a score must be a finite number`);
    expect((await reason('pass')).reason).toBe(`${F}/bad-return.mjs "pass" must be true or false, got the text "yes"`);
    expect((await reason('other')).reason).toBe(`${F}/bad-return.mjs returned nothing (undefined); expected a number, a boolean or { value, pass, reason }`);
  });

  it('load errors name the suite line: missing file, missing export, syntax error, top-level await, TypeScript', () => {
    const at = /^.*s\.yaml:5: file: /;
    expect(messageOf(() => fileScorer(`${F}/nope.mjs`))).toMatch(new RegExp(`${at.source}${F}/nope.mjs: not found$`));
    expect(messageOf(() => fileScorer(`${F}/no-default.mjs`))).toMatch(/s\.yaml:5: file: .*no-default\.mjs has no function as a default export \(it exports: helper, other\)$/);
    expect(messageOf(() => fileScorer(`{ path: ${F}/many.mjs, export: missing }`))).toMatch(/many\.mjs has no function as an export named "missing" \(it exports: scoreAll\)$/);
    expect(messageOf(() => fileScorer(`${F}/syntax-error.mjs`))).toMatch(/s\.yaml:5: file: .*syntax-error\.mjs failed to load: /);
    expect(messageOf(() => fileScorer(`${F}/top-level-await.mjs`))).toMatch(/top-level-await\.mjs uses top-level await/);
    expect(messageOf(() => fileScorer(`${F}/typed.ts`))).toMatch(/s\.yaml:5: file: .*typed\.ts: Node [\d.]+ cannot load TypeScript; compile it to \.mjs/);
  });
});
