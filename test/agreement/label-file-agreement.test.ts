import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VECTOR_DIR } from '../stats/vectors.js';
import { computeLabelFileAgreement } from '../../src/agreement/compute.js';
import { formatAgreement } from '../../src/agreement/format.js';
import { ConfigError } from '../../src/core/errors.js';
import { cohenKappa } from '../../src/stats/index.js';
import { matrixToLabels, rounded, tempDir } from './support.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

// Two raters, five items; hand-computed:
// table (rows ann, cols bob; order no, yes) = [[2, 0], [1, 2]], po = 0.8, pe = 0.4*0.6 + 0.6*0.4 = 0.48,
// kappa = 0.32 / 0.52 = 0.615385; FCE se = 0.317548 (see the derivation in the test name below);
// Fleiss/Scott: pi = (0.5, 0.5), pe = 0.5 -> 0.6; alpha nominal = 1 - 9 * 2 / 50 = 0.64;
// AC1: pe = 0.25 + 0.25 = 0.5 -> 0.6, linearised se = 0.4.
const SMALL = 'item,rater,label\nq1,ann,yes\nq1,bob,yes\nq2,ann,yes\nq2,bob,no\nq3,ann,no\nq3,bob,no\nq4,ann,no\nq4,bob,no\nq5,ann,yes\nq5,bob,yes\n';

describe('computeLabelFileAgreement', () => {
  it('gives exactly the DESIGN.md document for a small two-rater file (values checked by hand)', () => {
    const doc = computeLabelFileAgreement(tmp.file('small.csv', SMALL));
    expect(rounded(doc)).toEqual({
      criteria: [
        {
          criterion: 'default',
          items: 5,
          raters: 2,
          labels: 10,
          scale: 'nominal',
          weights: 'none',
          weights_over: 'observed',
          paired_items: 5,
          percent_agreement: { value: 0.8 },
          cohen_kappa: { value: 0.615385, se: 0.317548, ci95: [-0.00701, 1.237779], weights: 'none', weights_over: 'observed', n: 5 },
          fleiss_kappa: { value: 0.6 },
          krippendorff_alpha: { value: 0.64 },
          gwet_ac1: { value: 0.6, se: 0.4 },
          pairwise: [{ raters: ['ann', 'bob'], n: 5, cohen_kappa: 0.615385, percent_agreement: 0.8 }],
          pairwise_total: 1,
          pairwise_capped: false,
        },
      ],
    });
  });

  it('CSV and JSONL of the same labels give identical reports', () => {
    const jsonl = SMALL.trim().split('\n').slice(1).map((l) => {
      const [item, rater, label] = l.split(',');
      return JSON.stringify({ item, rater, label });
    });
    const a = computeLabelFileAgreement(tmp.file('s.csv', SMALL));
    const b = computeLabelFileAgreement(tmp.file('s.jsonl', jsonl.join('\n') + '\n'));
    expect(b).toEqual(a);
  });

  it('reproduces the irrCAC raw 4-raters vector (Fleiss generalised, alpha, AC1 with se, percent agreement)', () => {
    const v = JSON.parse(readFileSync(join(VECTOR_DIR, 'irrcac_raw4raters_gwet_fleiss_bp_alpha.json'), 'utf8'));
    const { csv, jsonl } = matrixToLabels(v.data.ratings_subject_by_rater, ['r1', 'r2', 'r3', 'r4']);
    for (const path of [tmp.file('raw4.csv', csv), tmp.file('raw4.jsonl', jsonl)]) {
      const [c] = computeLabelFileAgreement(path).criteria;
      const d = v.expected;
      expect(c!.items).toBe(12);
      expect(c!.raters).toBe(4);
      expect(c!.labels).toBe(41); // 48 cells, 7 missing
      expect(c!.fleiss_kappa.value).toBeCloseTo(d.fleiss_generalized.doctest_5dp.coefficient, 5);
      expect(c!.gwet_ac1.value).toBeCloseTo(d.gwet_ac1.doctest_5dp.coefficient, 5);
      expect(c!.gwet_ac1.value !== null && c!.gwet_ac1.se).toBeCloseTo(d.gwet_ac1.doctest_5dp.se, 5);
      expect(c!.percent_agreement.value).toBeCloseTo(d.gwet_ac1.doctest_5dp.pa, 5);
      expect(c!.krippendorff_alpha.value).toBeCloseTo(0.743421052631579, 10);
      // four raters: Cohen's kappa is undefined, with a reason, and all six pairs are listed
      expect(c!.cohen_kappa).toEqual({ value: null, reason: expect.stringContaining('exactly two raters; there are 4') });
      expect(c!.pairwise.map((p) => p.raters.join('-'))).toEqual(['r1-r2', 'r1-r3', 'r1-r4', 'r2-r3', 'r2-r4', 'r3-r4']);
      // r1 and r2 both rated items 1-9: agree on all but item 6 (1 vs 2)
      expect(c!.pairwise[0]).toMatchObject({ n: 9, percent_agreement: 8 / 9 });
    }
  });

  it('Krippendorff (2011) data at every --scale level', () => {
    const v = JSON.parse(readFileSync(join(VECTOR_DIR, 'krippendorff2011_reliability_data.json'), 'utf8'));
    const byUnit = v.data.reliability_data_coders_by_units[0].map((_: unknown, u: number) =>
      v.data.reliability_data_coders_by_units.map((coder: Array<number | null>) => coder[u]),
    );
    const path = tmp.file('k2011.csv', matrixToLabels(byUnit, ['A', 'B', 'C', 'D']).csv);
    const exact = { nominal: 0.743421052631579, ordinal: 0.8153875037548814, interval: 0.8491071428571428, ratio: 0.7974027747116121 };
    for (const [scale, value] of Object.entries(exact)) {
      const [c] = computeLabelFileAgreement(path, { scale: scale as 'nominal' }).criteria;
      expect(c!.scale).toBe(scale);
      expect(c!.krippendorff_alpha.value).toBeCloseTo(value, 10);
    }
    // the string version with --order gives the ordinal value too
    const strings = v.data.string_version[0].map((_: unknown, u: number) =>
      v.data.string_version.map((coder: Array<string | null>) => coder[u]),
    );
    const spath = tmp.file('k2011s.jsonl', matrixToLabels(strings, ['A', 'B', 'C', 'D']).jsonl);
    const [s] = computeLabelFileAgreement(spath, { scale: 'ordinal', order: v.data.string_value_domain_ordered }).criteria;
    expect(s!.krippendorff_alpha.value).toBeCloseTo(exact.ordinal, 10);
    // interval on words is undefined, not a crash
    const [w] = computeLabelFileAgreement(spath, { scale: 'interval' }).criteria;
    expect(w!.krippendorff_alpha).toEqual({ value: null, reason: expect.stringContaining('numeric labels') });
  });

  it('weighted Cohen with SAS standard error (statsmodels table10, linear)', () => {
    // rebuild the 3x3 table [[0,4,1],[0,8,0],[0,1,5]] as label rows
    const table = [[0, 4, 1], [0, 8, 0], [0, 1, 5]];
    const lines = ['item,rater,label'];
    let item = 0;
    table.forEach((row, i) => row.forEach((n, j) => {
      for (let t = 0; t < n; t++) {
        item += 1;
        lines.push(`${item},A,${i}`, `${item},B,${j}`);
      }
    }));
    const [c] = computeLabelFileAgreement(tmp.file('sas.csv', lines.join('\n')), { weights: 'linear' }).criteria;
    expect(c!.cohen_kappa.value).toBeCloseTo(0.4701, 4);
    const ck = c!.cohen_kappa as { se: number; ci95: [number, number]; weights: string };
    expect(ck.se).toBeCloseTo(0.1457, 4);
    expect(ck.ci95[0]).toBeCloseTo(0.1845, 4);
    expect(ck.ci95[1]).toBeCloseTo(0.7558, 4);
    expect(ck.weights).toBe('linear');
  });

  it('undefined statistics are { value: null, reason } and the JSON has no NaN', () => {
    // every label the same: kappa-type statistics are 0/0
    const path = tmp.file('one.csv', 'item,rater,label\n1,a,x\n1,b,x\n2,a,x\n2,b,x\n');
    const doc = computeLabelFileAgreement(path);
    const [c] = doc.criteria;
    expect(c!.percent_agreement).toEqual({ value: 1 });
    for (const s of [c!.cohen_kappa, c!.fleiss_kappa, c!.krippendorff_alpha]) {
      expect(s.value).toBeNull();
      expect((s as { reason: string }).reason.length).toBeGreaterThan(5);
    }
    expect(JSON.stringify(doc)).not.toMatch(/NaN|Infinity/);
    // a single rater: nothing is pairable
    const [solo] = computeLabelFileAgreement(tmp.file('solo.csv', 'item,rater,label\n1,a,x\n2,a,y\n')).criteria;
    expect(solo!.raters).toBe(1);
    expect(solo!.percent_agreement.value).toBeNull();
    expect(solo!.cohen_kappa).toEqual({ value: null, reason: "Cohen's kappa needs two raters; there is only one" });
    expect(solo!.pairwise).toEqual([]);
    expect(JSON.stringify(solo)).not.toMatch(/NaN|Infinity/);
  });

  it('one entry per criterion in file order; --criterion filters', () => {
    const path = tmp.file('multi.csv', 'item,rater,label,criterion\n1,a,1,fluency\n1,b,1,fluency\n1,a,2,accuracy\n1,b,3,accuracy\n');
    expect(computeLabelFileAgreement(path).criteria.map((c) => c.criterion)).toEqual(['fluency', 'accuracy']);
    expect(computeLabelFileAgreement(path, { criterion: 'accuracy' }).criteria.map((c) => c.criterion)).toEqual(['accuracy']);
  });

  it('weights go by position in numeric order for numbers (not by value), and by the --order positions for words', () => {
    // labels 1, 2, 10 (sorted as strings 10 would come before 2); table rows a, cols b
    const csv = 'item,rater,label\n1,a,1\n1,b,2\n2,a,2\n2,b,10\n3,a,10\n3,b,10\n4,a,1\n4,b,1\n';
    const [numeric] = computeLabelFileAgreement(tmp.file('num.csv', csv), { weights: 'quadratic' }).criteria;
    const table = [[1, 1, 0], [0, 0, 1], [0, 0, 1]];
    expect(numeric!.cohen_kappa.value).toBeCloseTo(cohenKappa(table, { weights: 'quadratic' }).value!, 12);
    expect(numeric!.cohen_kappa.value).not.toBeCloseTo(cohenKappa(table, { weights: 'quadratic', scores: [1, 2, 10] }).value!, 3);
    const words = 'item,rater,label\n1,a,low\n1,b,mid\n2,a,mid\n2,b,high\n3,a,high\n3,b,high\n4,a,low\n4,b,low\n';
    const path = tmp.file('words.csv', words);
    const [ordered] = computeLabelFileAgreement(path, { weights: 'quadratic', order: ['low', 'mid', 'high'] }).criteria;
    const [shuffled] = computeLabelFileAgreement(path, { weights: 'quadratic', order: ['mid', 'low', 'high'] }).criteria;
    expect(ordered!.cohen_kappa.value).toBeCloseTo(cohenKappa(table, { weights: 'quadratic' }).value!, 12);
    expect(shuffled!.cohen_kappa.value).not.toBeCloseTo(ordered!.cohen_kappa.value!, 3);
  });

  it('a bad file throws ConfigError naming FILE:LINE', () => {
    const path = tmp.file('bad.csv', 'item,rater,label\n1,a,x\n1,a,y\n');
    expect(() => computeLabelFileAgreement(path, { displayName: 'bad.csv' })).toThrow(ConfigError);
    expect(() => computeLabelFileAgreement(path, { displayName: 'bad.csv' })).toThrow(/^bad\.csv:3: /);
  });

  it('read in chunks into rating patterns: duplicates warn at FILE:LINE and are dropped, the figures are those of the plain file', () => {
    // SMALL with \r\n breaks, every cell quoted, blank lines, a two-line note column, and two exact
    // duplicates (one on another criterion's rows would be no duplicate: the rater may label both)
    const rows = SMALL.trim().split('\n').slice(1);
    const lines = ['"item","rater","label","note"', ...rows.map((r, i) => `${r.split(',').map((c) => `"${c}"`).join(',')},"n${i}\r\nmore"`), '', 'q2,ann,yes,', 'q5,bob,yes,'];
    const warnings: string[] = [];
    const path = tmp.file('dups.csv', lines.join('\r\n') + '\r\n');
    const doc = computeLabelFileAgreement(path, { displayName: 'dups.csv', onWarning: (w) => warnings.push(`${w.where}: ${w.message}`) });
    expect(doc).toEqual(computeLabelFileAgreement(tmp.file('plain.csv', SMALL)));
    expect(warnings).toEqual([
      'dups.csv:23: duplicate of line 7 (same item "q2", rater "ann" and label "yes"): dropped',
      'dups.csv:24: duplicate of line 21 (same item "q5", rater "bob" and label "yes"): dropped',
    ]);
    // a different label from the same rater is an error at the second row, naming the first
    const conflict = tmp.file('conflict.csv', SMALL + 'q3,bob,yes\n');
    expect(() => computeLabelFileAgreement(conflict, { displayName: 'c.csv' })).toThrow('c.csv:12: rater "bob" labelled item "q3" twice with different labels: "no" (line 7) and "yes"');
  });

  it('the human table shows each number with its Landis & Koch reading', () => {
    const text = formatAgreement(computeLabelFileAgreement(tmp.file('small2.csv', SMALL)));
    expect(text).toContain('default: 5 items (5 rated by 2+ raters), 2 raters, 10 labels (scale nominal)');
    expect(text).toMatch(/Cohen's kappa\s+0\.615\s+5\s+95% CI -0\.007\.\.1\.238\s+substantial/);
    expect(text).toMatch(/Fleiss' kappa\s+0\.600\s+5\s+moderate/);
    expect(text).toMatch(/Gwet's AC1\s+0\.600\s+5\s+se 0\.400\s+moderate/);
    expect(text).toContain(
      'reading for a team lead:\n  default: humans agree substantially (Cohen\'s kappa 0.615 over 5 items); good enough to serve as the reference for a judge; ' +
        'with 5 items the 95% CI runs -0.007 to 1.238, so the figure can still move a lot: label more items before deciding.\n',
    );
  });
});

describe('weights follow positions: observed categories, or the declared levels', () => {
  // Two raters on 12 items, labels 1, 2, 3, 4, 6 (no 5). Reference values from scikit-learn 1.2.1
  // (Debian python3-sklearn), computed with:
  //   from sklearn.metrics import cohen_kappa_score
  //   a = [1,2,3,4,6,1,2,3,4,6,2,3]; b = [1,2,4,4,6,2,2,3,6,4,3,3]
  //   cohen_kappa_score(a, b, weights=w)                          # observed: 6 is one step from 4
  //   cohen_kappa_score(a, b, weights=w, labels=[1,2,3,4,5,6])    # declared 1..6: 6 is two steps from 4
  const A = [1, 2, 3, 4, 6, 1, 2, 3, 4, 6, 2, 3];
  const B = [1, 2, 4, 4, 6, 2, 2, 3, 6, 4, 3, 3];
  const csv = 'item,rater,label\n' + A.flatMap((a, i) => [`i${i},a,${a}`, `i${i},b,${B[i]}`]).join('\n') + '\n';
  const SKLEARN = {
    observed: { none: 0.4736842105263158, linear: 0.7115384615384616, quadratic: 0.8728813559322034 },
    declared: { linear: 0.6612903225806452, quadratic: 0.8114285714285714 },
  };

  it('with no declared scale, matches sklearn (and R irr::kappa2, statsmodels): weights over the observed 1,2,3,4,6', () => {
    const path = tmp.file('no5.csv', csv);
    for (const w of ['none', 'linear', 'quadratic'] as const) {
      const [c] = computeLabelFileAgreement(path, { weights: w }).criteria;
      expect(c!.weights_over).toBe('observed');
      expect(c!.cohen_kappa).toMatchObject({ weights: w, weights_over: 'observed', n: 12 });
      expect(c!.cohen_kappa.value).toBeCloseTo(SKLEARN.observed[w], 12);
    }
  });

  it('with --levels 1..6, matches sklearn with labels=[1..6]: weights over the declared levels, 5 included', () => {
    const path = tmp.file('no5-levels.csv', csv);
    for (const w of ['linear', 'quadratic'] as const) {
      const [c] = computeLabelFileAgreement(path, { weights: w, levels: ['1', '2', '3', '4', '5', '6'] }).criteria;
      expect(c!.weights_over).toBe('declared');
      expect(c!.cohen_kappa.value).toBeCloseTo(SKLEARN.declared[w], 12);
    }
    // --levels declares an ordinal scale: quadratic weights and ordinal alpha unless told otherwise
    const [d] = computeLabelFileAgreement(path, { levels: ['1', '2', '3', '4', '5', '6'] }).criteria;
    expect(d).toMatchObject({ scale: 'ordinal', weights: 'quadratic', weights_over: 'declared' });
    expect(d!.cohen_kappa.value).toBeCloseTo(SKLEARN.declared.quadratic, 12);
    // Gwet's AC2 counts categories the same way: q = 6 declared against q = 5 observed
    const [obs] = computeLabelFileAgreement(path, { weights: 'quadratic' }).criteria;
    expect(d!.gwet_ac1.value).not.toBeCloseTo(obs!.gwet_ac1.value!, 3);
  });

  it('a review (rubric levels) weights over its declared levels, the default for an ordinal criterion is quadratic', () => {
    const rubric = { name: 'r', criteria: [{ name: 'default', question: 'q', scale: { type: 'ordinal' as const, levels: [1, 2, 3, 4, 5, 6] }, anchors: {} }] };
    const [c] = computeLabelFileAgreement(tmp.file('no5-rubric.csv', csv), { rubric }).criteria;
    expect(c).toMatchObject({ weights: 'quadratic', weights_over: 'declared', scale: 'ordinal' });
    expect(c!.cohen_kappa.value).toBeCloseTo(SKLEARN.declared.quadratic, 12);
  });
});

describe('label spellings', () => {
  it('"1" and "1.0" (and "01") are one category; "0x10", "5e0", "+5" are words, with a warning naming the line', () => {
    const warnings: string[] = [];
    const path = tmp.file('spell.csv', 'item,rater,label\nq1,a,1\nq1,b,1.0\nq2,a,2\nq2,b,02\nq3,a,0x10\nq3,b,16\n');
    const [c] = computeLabelFileAgreement(path, { displayName: 'spell.csv', onWarning: (w) => warnings.push(`${w.where}: ${w.message}`) }).criteria;
    expect(c!.pairwise[0]!.percent_agreement).toBeCloseTo(2 / 3, 12);
    // "0x10" is not 16: the file has the categories 1, 16, 2, 0x10 sorted as words
    expect(c!.cohen_kappa).toMatchObject({ n: 3 });
    expect(warnings).toEqual([
      'spell.csv:6: label "0x10" is not a plain decimal number, so it counts as a category of its own (numbers are written like 3, -2 or 4.5 (no +, exponent, hex or thousands separator))',
    ]);
  });

  it('labels are NFC-normalised: the composed and decomposed "café" are one category', () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    const path = tmp.file('nfc.csv', `item,rater,label\nq1,a,${composed}\nq1,b,${decomposed}\nq2,a,tea\nq2,b,tea\n`);
    const [c] = computeLabelFileAgreement(path).criteria;
    expect(c!.percent_agreement).toEqual({ value: 1 });
  });
});
