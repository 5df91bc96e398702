/**
 * A fresh clone with nothing beside it must pass `npm test`: nothing in src/, test/, the README or
 * docs/ may read or link outside the repository, and every fixture folder says where its data is from.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('the repository is self-contained', () => {
  it('no source, test or doc refers to the folder beside the repo', () => {
    // Built from parts so this file does not match itself.
    const outside = new RegExp(['\\.\\./', 'shared', '|/work/', 'shared'].join(''));
    const texts = [...files(join(ROOT, 'src')), ...files(join(ROOT, 'test')), ...files(join(ROOT, 'docs')), join(ROOT, 'README.md')]
      .filter((f) => /\.(ts|mjs|js|md|yaml|json|jsonl|hbs)$/.test(f));
    const offenders = texts.filter((f) => outside.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('every test fixture data folder has a README naming its source and licence', () => {
    for (const name of ['agreement-vectors', 'squality']) {
      const readme = readFileSync(join(ROOT, 'test/fixtures', name, 'README.md'), 'utf8');
      expect(readme, name).toMatch(/Source|source/);
      expect(readme, name).toMatch(/Licen[cs]e/);
    }
  });

  it('the reference vectors the statistics tests load are in test/fixtures', () => {
    const vectors = readdirSync(join(ROOT, 'test/fixtures/agreement-vectors')).filter((f) => f.endsWith('.json'));
    expect(vectors).toHaveLength(12);
    for (const f of vectors) expect(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/agreement-vectors', f), 'utf8')).source).toBeTruthy();
    expect(readFileSync(join(ROOT, 'test/fixtures/squality/ratings.jsonl'), 'utf8').trim().split('\n')).toHaveLength(300);
  });
});
