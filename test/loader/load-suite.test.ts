import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TemplateError } from '../../src/core/errors.js';
import { loadSuite } from '../../src/loader/load-suite.js';

import { messageOf } from './config-error.js';

const F = 'test/fixtures/loader';

describe('loadSuite: a valid suite', () => {
  it('resolves paths, reads the rubric and cases, and parses scorers and pass rules', () => {
    const s = loadSuite(`${F}/ok-suite.yaml`);
    expect(s.name).toBe('ok');
    expect(s.path).toBe(resolve(F, 'ok-suite.yaml'));
    expect(s.casesPath).toBe(resolve(F, 'ok.cases.jsonl'));
    expect(s.cases.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(s.prompt.user.source).toBe('Q: {{question}}\n');
    expect(s.prompt.system).toBeUndefined();
    expect(s.provider).toBe('mock');
    expect(s.judge?.provider).toBe('mock');
    expect(s.judge?.rubric?.criteria.map((c) => c.name)).toEqual(['accuracy', 'verdict']);
    // scale shorthand [fail, pass] became a nominal scale
    expect(s.judge?.rubric?.criteria[1]!.scale).toEqual({ type: 'nominal', choices: ['fail', 'pass'] });
    expect(s.scorers.map((x) => [x.name, x.criteria])).toEqual([
      ['contains', ['contains']],
      ['rubric', ['rubric.accuracy', 'rubric.verdict']],
    ]);
    expect(s.pass.map((r) => [r.criterion, r.op, r.target])).toEqual([
      ['rubric.accuracy', '>=', 4],
      ['rubric.verdict', '==', 'pass'],
      ['contains', '==', 1],
    ]);
    expect(s.pass[0]!.where).toBe(`${F}/ok-suite.yaml:12`);
  });

  it('accepts inline system/user templates', () => {
    const err = messageOf(() => loadSuite(`${F}/inline-cases.yaml`));
    // (this fixture's only problem is the duplicate id; the templates themselves were accepted)
    expect(err).toMatch(/duplicate case id/);
  });
});

describe('loadSuite: every mistake is one line naming file and line', () => {
  const cases: Array<[string, string]> = [
    ['yaml-syntax.yaml', `${F}/yaml-syntax.yaml:6: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }`],
    [
      'unknown-scorer.yaml',
      `${F}/unknown-scorer.yaml:7: unknown scorer "exactt" (known: exact, contains, icontains, starts-with, regex, json-valid, is-json, json-schema, numeric, levenshtein, token-f1, rouge-n, rouge-l, bleu, precision-at-k, recall-at-k, mrr, ndcg-at-k, rubric, choice, file, faithfulness, answer-relevancy, context-precision, context-recall, hallucination; not-NAME negates a deterministic one); did you mean "exact"?`,
    ],
    ['missing-template.yaml', `${F}/missing-template.yaml:3: template file ${F}/prompts/nope.hbs: not found`],
    ['dup-cases.yaml', `${F}/dup.cases.jsonl:7: duplicate case id "c3" (first on line 2)`],
    ['inline-cases.yaml', `${F}/inline-cases.yaml:11: duplicate case id "a" (first on line 6)`],
    [
      'malformed-cases.yaml',
      `${F}/malformed.cases.jsonl:3: malformed JSON line: Expected ',' or '}' after property value in JSON at position 22`,
    ],
    [
      'pass-unknown.yaml',
      `${F}/pass-unknown.yaml:11: pass: unknown criterion "rubric.acuracy" (known: rubric.accuracy, rubric.verdict, cost, latency_ms); did you mean "rubric.accuracy"?`,
    ],
    ['bad-regex.yaml', `${F}/bad-regex.yaml:5: regex: bad pattern /(unclosed/: Invalid regular expression: /(unclosed/: Unterminated group`],
    ['typo-key.yaml', `${F}/typo-key.yaml:2: unknown key "promt"; did you mean "prompt"?`],
    ['bad-scale-suite.yaml', `${F}/bad-scale-order.rubric.yaml:9: bad scale: levels must be distinct and ascending (worst first), got 5, 4, 3`],
    ['inline-bad-type.yaml', `${F}/inline-bad-type.yaml:7: vars: expected a mapping, got string`],
    ['missing-rubric.yaml', `${F}/missing-rubric.yaml:6: rubric file ${F}/rubrics/none.yaml: not found`],
    ['bad-option.yaml', `${F}/bad-option.yaml:5: contains.mode: must be one of "all", "any"`],
    ['template-syntax.yaml', `${F}/template-syntax.yaml:5: invalid user prompt template: if doesn't match iff`],
  ];
  for (const [file, expected] of cases) {
    it(file, () => {
      const msg = messageOf(() => loadSuite(`${F}/${file}`));
      expect(msg).toBe(expected);
      expect(msg).not.toContain('\n');
    });
  }

  it('a template syntax error is a TemplateError', () => {
    expect(() => loadSuite(`${F}/template-syntax.yaml`)).toThrow(TemplateError);
  });
});

describe('loadSuite: temp-dir suites', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const write = (rel: string, text: string) => {
    mkdirSync(join(dir!, rel, '..'), { recursive: true });
    writeFileSync(join(dir!, rel), text);
    return join(dir!, rel);
  };

  it('finds prompts/ and rubrics/ in an ancestor of the suite directory, suite-relative first', () => {
    dir = mkdtempSync(join(tmpdir(), 'juror-loader-'));
    write('prompts/p.hbs', 'top {{q}}');
    write('rubrics/r.yaml', 'name: r\ncriteria:\n  - { name: c, question: q?, scale: [1, 2, 3] }\n');
    write('suites/cases.jsonl', '{"id":"1","vars":{"q":"x"}}\n');
    const suitePath = write('suites/s.yaml', 'name: s\nprompt: prompts/p.hbs\ncases: cases.jsonl\njudge: { rubric: rubrics/r.yaml }\nscorers: [rubric]\n');
    expect(loadSuite(suitePath).prompt.user.source).toBe('top {{q}}');
    write('suites/prompts/p.hbs', 'near {{q}}');
    const s = loadSuite(suitePath);
    expect(s.prompt.user.source).toBe('near {{q}}');
    expect(s.judge?.rubricPath).toBe(join(dir, 'rubrics/r.yaml'));
  });

  it('json-schema scorer reads a schema file relative to the suite; a missing one names the line', () => {
    dir = mkdtempSync(join(tmpdir(), 'juror-loader-'));
    write('p.hbs', 'x');
    write('schema.json', '{"type":"object","required":["a"]}');
    const ok = write('ok.yaml', 'name: s\nprompt: p.hbs\ncases: [{ id: 1 }]\nscorers:\n  - json-schema: { schema: schema.json }\n');
    expect(loadSuite(ok).scorers[0]!.criteria).toEqual(['json-schema']);
    const bad = write('bad.yaml', 'name: s\nprompt: p.hbs\ncases: [{ id: 1 }]\nscorers:\n  - json-schema: { schema: nope.json }\n');
    expect(messageOf(() => loadSuite(bad))).toBe(`${bad}:5: json-schema: schema file nope.json: not found`);
  });

  it('reduce: how repeats become a verdict; majority by default, an unknown one names its line', () => {
    dir = mkdtempSync(join(tmpdir(), 'juror-loader-'));
    write('p.hbs', 'x');
    expect(loadSuite(write('d.yaml', 'name: s\nprompt: p.hbs\ncases: [{ id: 1 }]\n')).reduce).toBe('majority');
    expect(loadSuite(write('a.yaml', 'name: s\nprompt: p.hbs\ncases: [{ id: 1 }]\nreduce: all\n')).reduce).toBe('all');
    const bad = write('b.yaml', 'name: s\nprompt: p.hbs\ncases: [{ id: 1 }]\nreduce: median\n');
    expect(messageOf(() => loadSuite(bad))).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:4: reduce: .*mean.*majority.*all.*any`));
  });

  it('two scorers with the same criterion need `as:`', () => {
    dir = mkdtempSync(join(tmpdir(), 'juror-loader-'));
    write('p.hbs', 'x');
    const s = write('s.yaml', 'name: s\nprompt: p.hbs\ncases: [{ id: 1 }]\nscorers:\n  - contains: a\n  - contains: b\n');
    expect(messageOf(() => loadSuite(s))).toBe(
      `${s}:6: two scorers produce the criterion "contains" (first at ${s}:5); name one with \`as: other-name\``,
    );
    const ok = write('ok.yaml', 'name: s\nprompt: p.hbs\ncases: [{ id: 1 }]\nscorers:\n  - contains: a\n  - contains: { value: b, as: has-b }\npass: { has-b: passed }\n');
    expect(loadSuite(ok).scorers.map((x) => x.criteria[0])).toEqual(['contains', 'has-b']);
  });

  it('rejects a pass rule with a label that is not on the scale, and a bad operator', () => {
    dir = mkdtempSync(join(tmpdir(), 'juror-loader-'));
    write('p.hbs', 'x');
    write('r.yaml', 'name: r\ncriteria:\n  - { name: v, question: q?, scale: [yes, no], pass: yes }\n');
    const s = write('s.yaml', 'name: s\nprompt: p.hbs\ncases: [{ id: 1 }]\njudge: { rubric: r.yaml }\nscorers: [rubric]\npass:\n  rubric.v: "== maybe"\n');
    expect(messageOf(() => loadSuite(s))).toBe(`${s}:7: pass: rubric.v "== maybe": "maybe" is not on the scale (yes, no)`);
    const t = write('t.yaml', 'name: s\nprompt: p.hbs\ncases: [{ id: 1 }]\nscorers: [exact]\npass:\n  exact: "about 1"\n');
    expect(messageOf(() => loadSuite(t))).toBe(
      `${t}:6: pass: exact: expected an operator and a value like ">= 4", "== 1" or "== pass", got "about 1"`,
    );
  });

  it('a rubric scorer without judge.rubric, and a missing required key, are errors with lines', () => {
    dir = mkdtempSync(join(tmpdir(), 'juror-loader-'));
    write('p.hbs', 'x');
    const s = write('s.yaml', 'name: s\nprompt: p.hbs\ncases: [{ id: 1 }]\nscorers:\n  - rubric\n');
    expect(messageOf(() => loadSuite(s))).toBe(`${s}:5: the rubric scorer needs judge.rubric (a rubric file) in the suite`);
    const m = write('m.yaml', 'name: s\ncases: [{ id: 1 }]\n');
    expect(messageOf(() => loadSuite(m))).toBe(`${m}:1: prompt is required`);
    const e = write('e.yaml', 'name: s\nprompt: p.hbs\ncases: []\n');
    expect(messageOf(() => loadSuite(e))).toBe(`${e}:3: the suite has no cases`);
  });

  it('a missing suite file is a ConfigError naming it', () => {
    expect(messageOf(() => loadSuite('test/fixtures/loader/nope.yaml'))).toBe('suite file test/fixtures/loader/nope.yaml: not found');
  });
});

describe('loadSuite: a matrix suite', () => {
  it('suites/matrix.yaml lists two prompts (labelled as written) and two providers; prompt and provider are the first of each', () => {
    const s = loadSuite(resolve(import.meta.dirname, '../../suites/matrix.yaml'));
    expect(s.prompts?.map((p) => p.label)).toEqual(['prompts/rag-answer.hbs', 'prompts/rag-answer-brief.hbs']);
    expect(s.prompts?.[1]!.prompt.user.source).toContain('Answer in one short sentence');
    expect(s.providers).toEqual(['mock', 'mock:noisy']);
    expect(s.provider).toBe('mock');
    expect(s.prompt).toBe(s.prompts?.[0]!.prompt);
  });

  it('prompt and prompts together, or provider and providers together, are refused with the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juror-loader-'));
    try {
      writeFileSync(join(dir, 'p.hbs'), 'x');
      const both = join(dir, 'b.yaml');
      writeFileSync(both, 'name: s\nprompt: p.hbs\nprompts: [p.hbs]\ncases: [{ id: 1 }]\n');
      expect(messageOf(() => loadSuite(both))).toBe(`${both}:3: give either prompt or prompts, not both`);
      const two = join(dir, 't.yaml');
      writeFileSync(two, 'name: s\nprompt: p.hbs\nprovider: mock\nproviders: [mock]\ncases: [{ id: 1 }]\n');
      expect(messageOf(() => loadSuite(two))).toBe(`${two}:4: give either provider or providers, not both`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
