import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { buildSqualityReview } from '../calibration/squality-review.js';
import { cli, tempDir } from './support.js';

const tmp = tempDir('juror-cli-calibrate-');
beforeAll(() => {
  const store = openSqliteStore(join(tmp.dir, 'juror.db'));
  buildSqualityReview(store);
  store.close();
});
afterAll(() => tmp.cleanup());

describe('juror calibrate', () => {
  it('--json: one document, judges ranked, seed and resamples honoured and reproducible', async () => {
    const args = ['calibrate', '--review', 'rev', '--judges', 'random,noisy,run', '--db', 'juror.db', '--json', '--seed', '3', '--resamples', '200'];
    const r = await cli(args, { cwd: tmp.dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ review: 'rev', seed: 3, resamples: 200 });
    expect(doc.ranking.map((x: { judge: string }) => x.judge)).toEqual(['run', 'noisy', 'random']);
    expect(doc.criteria[0].judges.map((j: { judge: string }) => j.judge)).toEqual(['random', 'noisy', 'run']);
    const again = await cli(args, { cwd: tmp.dir });
    expect(again.stdout).toBe(r.stdout);
  });

  it('human output by default; the review run is the default judge', async () => {
    const r = await cli(['calibrate', '--review', 'rev', '--db', 'juror.db', '--resamples', '50'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('human ceiling: each human against the others');
    expect(r.stdout).toMatch(/1\s+run \(mock:close\)\s+140\/150\s+6\s+4/);
  });

  it('bad input exits 2 with one line', async () => {
    for (const [args, message] of [
      [['--review', 'rev', '--seed', '-1'], '--seed must be a whole number from 0 to 4294967295, got "-1"'],
      [['--review', 'rev', '--resamples', '0'], '--resamples must be a whole number from 1 to 1000000, got "0"'],
      [['--review', 'rev', '--judges', ' , '], '--judges needs at least one run id'],
      [['--review', 'ghost'], 'review ghost not found'],
      [['--review', 'rev', '--judges', 'run,ghost'], 'judge run ghost not found (juror runs lists them)'],
    ] as const) {
      const res = await cli(['calibrate', ...args, '--db', 'juror.db'], { cwd: tmp.dir });
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toBe(`error: ${message}\n`);
    }
    const missing = await cli(['calibrate'], { cwd: tmp.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--review <id>'");
  });
});
