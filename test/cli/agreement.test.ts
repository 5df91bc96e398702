import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { buildSqualityReview } from '../calibration/squality-review.js';
import { cli, ROOT, tempDir } from './support.js';

const tmp = tempDir('juror-cli-agreement-');
const SMALL = 'item,rater,label\nq1,ann,yes\nq1,bob,yes\nq2,ann,yes\nq2,bob,no\nq3,ann,no\nq3,bob,no\nq4,ann,no\nq4,bob,no\nq5,ann,yes\nq5,bob,yes\n';

beforeAll(() => {
  writeFileSync(join(tmp.dir, 'small.csv'), SMALL);
  const store = openSqliteStore(join(tmp.dir, 'juror.db'));
  buildSqualityReview(store);
  store.close();
});
afterAll(() => tmp.cleanup());

describe('juror agreement', () => {
  it('--labels --json prints exactly one JSON document with the DESIGN.md keys', async () => {
    const r = await cli(['agreement', '--labels', 'small.csv', '--json'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['criteria']);
    expect(Object.keys(doc.criteria[0])).toEqual([
      'criterion', 'items', 'raters', 'labels', 'scale', 'weights', 'weights_over', 'paired_items', 'percent_agreement', 'cohen_kappa',
      'fleiss_kappa', 'krippendorff_alpha', 'gwet_ac1', 'pairwise', 'pairwise_total', 'pairwise_capped',
    ]);
    expect(Object.keys(doc.criteria[0].cohen_kappa)).toEqual(['value', 'se', 'ci95', 'weights', 'weights_over', 'n']);
    expect(doc.criteria[0].cohen_kappa.value).toBeCloseTo(8 / 13, 12); // 0.32 / 0.52
  });

  it('prints a readable table by default', async () => {
    const r = await cli(['agreement', '--labels', 'small.csv'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Cohen's kappa\s+0\.615\s+5\s+95% CI -0\.007\.\.1\.238\s+substantial/);
  });

  it('--review reads the database (--db), one entry per rubric criterion, ordinal from the rubric', async () => {
    const r = await cli(['agreement', '--review', 'rev', '--db', 'juror.db', '--json', '--weights', 'quadratic'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.criteria.map((c: { criterion: string }) => c.criterion)).toEqual(['correctness', 'overall']);
    expect(doc.criteria[0]).toMatchObject({ items: 150, raters: 4, labels: 450, scale: 'ordinal' });
    expect(doc.criteria[0].pairwise).toHaveLength(6);
    const table = await cli(['agreement', '--review', 'rev'], { cwd: tmp.dir, env: { JUROR_DB: join(tmp.dir, 'juror.db') } });
    expect(table.stdout).toContain('pairwise Cohen\'s kappa:');
    expect(table.stdout).toMatch(/worker2 – worker3\s+\d+/);
  });

  it('bad input exits 2 with one line naming FILE:LINE', async () => {
    writeFileSync(join(tmp.dir, 'bad.jsonl'), '{"item":1,"rater":"a","label":"x"}\n{"item":1,"rater":"a","label":"y"}\n');
    const r = await cli(['agreement', '--labels', 'bad.jsonl'], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: bad.jsonl:2: rater "a" labelled item "1" twice with different labels: "x" (line 1) and "y"\n');
    expect(r.stdout).toBe('');
    for (const [args, message] of [
      [[], 'juror agreement needs --review ID or --labels FILE'],
      [['--labels', 'small.csv', '--scale', 'loud'], '--scale must be one of nominal, ordinal, interval, ratio, got "loud"'],
      [['--labels', 'small.csv', '--weights', 'cubic'], '--weights must be one of none, linear, quadratic, got "cubic"'],
      [['--labels', 'small.csv', '--order', 'yes'], '--order needs at least two categories'],
      [['--labels', 'small.csv', '--order', 'yes,maybe'], 'small.csv:5: label "no" is not in --order (yes, maybe)'],
      [['--labels', 'nope.csv'], 'nope.csv: label file not found'],
      [['--review', 'ghost', '--db', 'juror.db'], 'review ghost not found (see juror review list)'],
      [['--review', 'rev', '--db', 'missing.db'], `no juror database at ${join(tmp.dir, 'missing.db')} (pass --db)`],
      [['--labels', 'small.csv', '--criterion', 'tone'], 'no criterion "tone" in the label file'],
    ] as const) {
      const res = await cli(['agreement', ...args], { cwd: tmp.dir });
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toBe(`error: ${message}\n`);
    }
    expect(existsSync(join(tmp.dir, 'missing.db'))).toBe(false);
  });

  it('--labels with --review checks the file against the review rubric', async () => {
    writeFileSync(join(tmp.dir, 'rubric.csv'), 'item,rater,label,criterion\n1,a,3,overall\n1,b,6,overall\n');
    const r = await cli(['agreement', '--review', 'rev', '--labels', 'rubric.csv', '--db', 'juror.db'], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: rubric.csv:3: label "6" is not on the scale of "overall" (1, 2, 3, 4, 5)\n');
  });

  it('exact duplicate rows warn on stderr with FILE:LINE, never in the --json stdout', async () => {
    writeFileSync(join(tmp.dir, 'dup.csv'), SMALL + 'q1,ann,yes\n');
    const r = await cli(['agreement', '--labels', 'dup.csv', '--json'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: dup.csv:12: duplicate of line 2 (same item "q1", rater "ann" and label "yes"): dropped\n');
    expect(JSON.parse(r.stdout).criteria[0].labels).toBe(10);
  });

  it('--levels declares the scale for a label file; --pairwise caps the pairs (default 100) and says so', async () => {
    const lines = ['item,rater,label'];
    // 16 raters -> 120 pairs; rater r0 rates every item, so its pairs share the most items
    for (let i = 0; i < 20; i++) for (let r = 0; r < 16; r++) if (r === 0 || (i + r) % 3 !== 0) lines.push(`i${i},r${r},${1 + ((i * 7 + r) % 4)}`);
    writeFileSync(join(tmp.dir, 'many.csv'), lines.join('\n') + '\n');
    const capped = JSON.parse((await cli(['agreement', '--labels', 'many.csv', '--json', '--levels', '1,2,3,4,5'], { cwd: tmp.dir })).stdout);
    const c = capped.criteria[0];
    expect(c).toMatchObject({ raters: 16, scale: 'ordinal', weights: 'quadratic', weights_over: 'declared', pairwise_total: 120, pairwise_capped: true });
    expect(c.pairwise).toHaveLength(100);
    const all = JSON.parse((await cli(['agreement', '--labels', 'many.csv', '--json', '--pairwise', 'all'], { cwd: tmp.dir })).stdout);
    expect(all.criteria[0]).toMatchObject({ weights: 'none', weights_over: 'observed', pairwise_total: 120, pairwise_capped: false });
    expect(all.criteria[0].pairwise).toHaveLength(120);
    // the capped list is the 100 pairs sharing the most items
    const shared = all.criteria[0].pairwise.map((p: { n: number }) => p.n).sort((a: number, b: number) => b - a);
    expect(Math.min(...c.pairwise.map((p: { n: number }) => p.n))).toBe(shared[99]);
    const five = await cli(['agreement', '--labels', 'many.csv', '--pairwise', '5'], { cwd: tmp.dir });
    expect(five.stdout).toContain("pairwise Cohen's kappa (5 of 120 pairs: the pairs of raters with the most items in common (ties by name); --pairwise all for every pair):");
    for (const [args, message] of [
      [['--pairwise', '0'], '--pairwise must be a positive whole number or "all", got "0"'],
      [['--levels', '1,2', '--order', '1,2'], 'give --levels or --order, not both'],
      [['--levels', '1,1.0'], '--levels lists a category twice: "1,1.0"'],
    ] as const) {
      const res = await cli(['agreement', '--labels', 'many.csv', ...args], { cwd: tmp.dir });
      expect(res.stderr).toBe(`error: ${message}\n`);
      expect(res.code).toBe(2);
    }
  });

  it('end to end: node bin/juror.js agreement --labels --json (compiled)', () => {
    if (!existsSync(join(ROOT, 'dist/agreement/compute.js'))) return; // built by `npm test`'s setup step
    const p = spawnSync(process.execPath, [join(ROOT, 'bin/juror.js'), 'agreement', '--labels', 'small.csv', '--json'], {
      cwd: tmp.dir, encoding: 'utf8', env: { PATH: process.env.PATH },
    });
    expect(p.status).toBe(0);
    expect(JSON.parse(p.stdout).criteria[0].fleiss_kappa.value).toBeCloseTo(0.6, 12);
    expect(readFileSync(join(tmp.dir, 'small.csv'), 'utf8')).toBe(SMALL);
  });
});
