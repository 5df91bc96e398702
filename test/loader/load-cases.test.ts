import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/core/errors.js';
import { loadCases } from '../../src/loader/load-cases.js';
import { loadSuite } from '../../src/loader/load-suite.js';
import { messageOf } from './config-error.js';

describe('loadCases', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const file = (name: string, text: string) => {
    dir ??= mkdtempSync(join(tmpdir(), 'juror-cases-'));
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const fails = (p: string, msg: string) => {
    let err: unknown;
    try {
      loadCases(p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(msg);
  };

  it('reads JSONL, skipping blank and // lines, with defaults and numeric ids as strings', () => {
    const p = file('c.jsonl', '// header\n{"id":1,"vars":{"q":"a"}}\n\n{"id":"b","expected":["x","y"],"context":"ctx","tags":["t"]}\n');
    expect(loadCases(p)).toEqual([
      { id: '1', vars: { q: 'a' }, tags: [] },
      { id: 'b', vars: {}, expected: ['x', 'y'], context: [{ text: 'ctx' }], tags: ['t'] },
    ]);
  });

  it('reads context as chunks: a string, strings, and { text, id, score } objects mixed, in order', () => {
    const p = file(
      'k.jsonl',
      '{"id":"a","context":["p1",{"text":"p2","id":"doc-7","score":0.82},{"text":"p3","id":12}]}\n{"id":"b","context":[]}\n',
    );
    const [a, b] = loadCases(p);
    expect(a!.context).toEqual([{ text: 'p1' }, { text: 'p2', id: 'doc-7', score: 0.82 }, { text: 'p3', id: '12' }]);
    expect(b!.context).toEqual([]);
  });

  it('names the line and the field of a malformed chunk', () => {
    const noText = file('nt.jsonl', '{"id":"a"}\n{"id":"b","context":[{"id":"d1"}]}\n');
    fails(noText, `${noText}:2: context[0].text is required`);
    const typo = file('ty.jsonl', '{"id":"a","context":[{"text":"x","scroe":1}]}\n');
    fails(typo, `${typo}:1: context[0]: unknown key "scroe"; did you mean "score"?`);
    const badScore = file('bs.jsonl', '{"id":"a","context":[{"text":"x","score":"high"}]}\n');
    fails(badScore, `${badScore}:1: context[0].score: expected number, got string`);
  });

  it('reads a YAML list', () => {
    const p = file('c.yaml', '- id: a\n  vars: { q: 1 }\n- id: b\n');
    expect(loadCases(p).map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('names the line of a malformed JSON line, a non-object line, a missing id and an unknown key', () => {
    fails(file('m.jsonl', '{"id":"a"}\n{"id":"b",}\n'), `${file('m.jsonl', '{"id":"a"}\n{"id":"b",}\n')}:2: malformed JSON line: Expected double-quoted property name in JSON at position 10`);
    const arr = file('a.jsonl', '{"id":"a"}\n[1,2]\n');
    fails(arr, `${arr}:2: each line must be a JSON object (a case)`);
    const noId = file('n.jsonl', '{"id":"a"}\n{"id":"b"}\n{"vars":{}}\n');
    fails(noId, `${noId}:3: id is required`);
    const typo = file('t.jsonl', '{"id":"a","expeted":"x"}\n');
    fails(typo, `${typo}:1: unknown key "expeted"; did you mean "expected"?`);
  });

  it('reports a duplicate id with the line of its first use', () => {
    const p = file('d.jsonl', '{"id":"c1"}\n{"id":"c3"}\n{"id":"c4"}\n{"id":"c3"}\n');
    fails(p, `${p}:4: duplicate case id "c3" (first on line 2)`);
  });

  it('a missing file names the file', () => {
    dir ??= mkdtempSync(join(tmpdir(), 'juror-cases-'));
    const p = join(dir, 'none.jsonl');
    fails(p, `cases file ${p}: not found`);
  });

  it('streams JSONL: CRLF endings, a BOM, lines across 64 KiB chunks with multi-byte text', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `c${i}`, vars: { q: `naïve ${'€'.repeat(i % 5)}` } }));
    const p = file('big.jsonl', `\uFEFF${lines.join('\r\n')}\r\n`);
    const cases = loadCases(p);
    expect(cases.length).toBe(3000);
    expect(cases[2999]).toEqual({ id: 'c2999', vars: { q: `naïve ${'€'.repeat(2999 % 5)}` }, tags: [] });
    const bad = file('bad.jsonl', `${lines.slice(0, 2500).join('\n')}\n{"id": }\n`);
    fails(bad, `${bad}:2501: malformed JSON line: Unexpected token '}', "{"id": }" is not valid JSON`);
  });
});

describe('cases: a glob or a list of files (through loadSuite)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const setup = (files: Record<string, string>, cases: string) => {
    dir = mkdtempSync(join(tmpdir(), 'juror-glob-'));
    mkdirSync(join(dir, 'data', 'more'), { recursive: true });
    writeFileSync(join(dir, 'p.hbs'), '{{q}}');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 's.yaml'), `name: s\nprompt: p.hbs\ncases: ${cases}\n`);
    return join(dir, 's.yaml');
  };

  it('a glob loads every matching file in sorted order, CSV and JSONL alike', () => {
    const s = setup({ 'data/b.jsonl': '{"id":"b1"}\n', 'data/a.csv': 'id,q\na1,x\n', 'data/more/c.yaml': '- id: c1\n', 'data/notes.txt': 'x' }, '"data/**/*.{csv,jsonl,yaml}"');
    const suite = loadSuite(s);
    expect(suite.cases.map((c) => c.id)).toEqual(['a1', 'b1', 'c1']);
    expect(suite.casesPath).toBeNull();
  });

  it('a list of files and globs; ids are unique across files (the message names the first file)', () => {
    const s = setup({ 'data/a.csv': 'id,q\nx,1\n', 'data/b.jsonl': '{"id":"y"}\n{"id":"x"}\n' }, '[data/a.csv, "data/*.jsonl"]');
    expect(messageOf(() => loadSuite(s))).toBe(`${join(dir, 'data/b.jsonl')}:2: duplicate case id "x" (first on ${join(dir, 'data/a.csv')}:2)`);
  });

  it('a glob that matches nothing, or a missing listed file, names the suite line', () => {
    expect(messageOf(() => loadSuite(setup({}, '"data/*.csv"')))).toMatch(/s\.yaml:3: cases: no files match "data\/\*\.csv"/);
    expect(messageOf(() => loadSuite(setup({}, '[data/none.csv]')))).toBe(`${join(dir, 's.yaml')}:3: cases file ${join(dir, 'data/none.csv')}: not found`);
  });
});
