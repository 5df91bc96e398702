import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCases } from '../../src/loader/load-cases.js';
import { messageOf } from './config-error.js';

describe('CSV cases', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const file = (name: string, text: string) => {
    dir ??= mkdtempSync(join(tmpdir(), 'juror-csv-'));
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('header → vars; id, expected, tags, context, gold_ids recognised (any case); quoted cells with commas and newlines', () => {
    const p = file(
      'c.csv',
      '\uFEFFID,question,Expected,tags,context,gold_ids\n' +
        'q1,"How long, exactly?",30 days,billing;hard,"[""Notes stay 30 days."", {""text"": ""Trash"", ""id"": ""d2""}]","d2, d7"\n' +
        '\n' +
        'q2,"Two\nlines",,,A single passage,\n',
    );
    expect(loadCases(p)).toEqual([
      {
        id: 'q1',
        vars: { question: 'How long, exactly?' },
        expected: '30 days',
        tags: ['billing', 'hard'],
        context: [{ text: 'Notes stay 30 days.' }, { text: 'Trash', id: 'd2' }],
        gold_ids: ['d2', 'd7'],
      },
      { id: 'q2', vars: { question: 'Two\nlines' }, tags: [], context: [{ text: 'A single passage' }] },
    ]);
  });

  it('without an id column, ids are <file stem>-<row>; a .tsv splits on tabs; tags may be a JSON list', () => {
    const p = file('faq.tsv', 'question\ttags\nA?\t["x","y"]\nB?\t\n');
    expect(loadCases(p).map((c) => [c.id, c.vars, c.tags])).toEqual([
      ['faq-1', { question: 'A?' }, ['x', 'y']],
      ['faq-2', { question: 'B?' }, []],
    ]);
  });

  it('every error names file:line', () => {
    const empty = file('empty.csv', '');
    expect(messageOf(() => loadCases(empty))).toBe(`${empty}:1: empty CSV file (expected a header row: id, vars..., expected)`);
    const noName = file('h.csv', 'id,,q\n1,2,3\n');
    expect(messageOf(() => loadCases(noName))).toBe(`${noName}:1: CSV header: column 2 has no name`);
    const twice = file('t.csv', 'id,q,ID\n1,2,3\n');
    expect(messageOf(() => loadCases(twice))).toBe(`${twice}:1: CSV header: column "ID" appears twice`);
    const cells = file('n.csv', 'id,q\na,1\nb,2,extra\n');
    expect(messageOf(() => loadCases(cells))).toBe(`${cells}:3: CSV row has 3 cells, the header has 2`);
    const quote = file('qt.csv', 'id,q\na,1\nb,"never closed\nc,3\n');
    expect(messageOf(() => loadCases(quote))).toMatch(new RegExp(`^${quote}:\\d: CSV: a quoted cell is never closed$`));
    const noId = file('i.csv', 'id,q\na,1\n ,2\n');
    expect(messageOf(() => loadCases(noId))).toBe(`${noId}:3: empty id (every row needs one when the CSV has an id column)`);
    const dup = file('d.csv', 'id,q\na,1\nb,2\na,3\n');
    expect(messageOf(() => loadCases(dup))).toBe(`${dup}:4: duplicate case id "a" (first on line 2)`);
    const ctx = file('x.csv', 'id,context\na,"[not json"\n');
    expect(messageOf(() => loadCases(ctx))).toMatch(new RegExp(`^${ctx}:2: context: the cell starts with "\\[" but is not valid JSON \\(`));
    const tags = file('tg.csv', 'id,tags\na,"[1, {""x"": 2}]"\n');
    expect(messageOf(() => loadCases(tags))).toBe(`${tags}:2: tags: expected a JSON list of strings, got [1, {"x": 2}]`);
    const chunk = file('ch.csv', 'id,context\na,"[{""txt"": ""x""}]"\n');
    expect(messageOf(() => loadCases(chunk))).toMatch(new RegExp(`^${chunk}:2: context`));
  });

  it('streams: a file many chunks long, with multi-byte characters across chunk boundaries, loads every row', () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `c${i},"Größe ${'é'.repeat(i % 7)} ${i}",ok`);
    const p = file('big.csv', `id,q,expected\n${rows.join('\n')}\n`);
    const cases = loadCases(p);
    expect(cases.length).toBe(6000);
    expect(cases[5999]).toEqual({ id: 'c5999', vars: { q: `Größe ${'é'.repeat(5999 % 7)} 5999` }, expected: 'ok', tags: [] });
    const bad = file('bad.csv', `id,q\n${rows.slice(0, 5000).map((r) => r.replace(/,ok$/, '')).join('\n')}\nlast,1,2\n`);
    expect(messageOf(() => loadCases(bad))).toBe(`${bad}:5002: CSV row has 3 cells, the header has 2`);
  });
});
