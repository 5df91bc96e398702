import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../../src/review/tokens.js';
import { openSqliteStore } from '../../../src/storage/sqlite-store.js';
import { seedRun } from '../../server/fixture.js';
import { runCli } from './cli-helpers.js';

const RUBRIC_YAML = `name: faith
criteria:
  - name: faithfulness
    question: Supported by the context?
    scale: 1-5
    anchors: { 1: Invented, 5: Supported }
`;

describe('juror annotators / review (in-process CLI)', () => {
  let dir: string;
  const cli = (...args: string[]) => runCli(args, { cwd: dir });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'juror-cli-review-'));
    const store = openSqliteStore(join(dir, '.juror', 'juror.db'));
    seedRun(store, 'run1', 5);
    store.close();
    writeFileSync(join(dir, 'faith.yaml'), RUBRIC_YAML);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('annotators add prints a login link once and stores only the hash', async () => {
    const r = await runCli(['annotators', 'add', 'ann'], { cwd: dir, env: { JUROR_PUBLIC_URL: 'http://review.local:9000' } });
    expect(r.code).toBe(0);
    // the token rides in the fragment: never sent to a server, so never in a log or Referer
    const token = /http:\/\/review\.local:9000\/login#token=([A-Za-z0-9_-]+)/.exec(r.stdout)?.[1];
    expect(token).toBeDefined();
    const store = openSqliteStore(join(dir, '.juror', 'juror.db'));
    try {
      expect(store.getAnnotatorByTokenHash(hashSecret(token!))?.name).toBe('ann');
    } finally {
      store.close();
    }
    const json = await cli('annotators', 'add', 'lead', '--admin', '--json');
    const lead = JSON.parse(json.stdout);
    expect(lead).toMatchObject({ name: 'lead', role: 'admin', link: expect.stringContaining('http://127.0.0.1:8080/login#token=') });
    // default lifetime 14 days
    expect(Date.parse(lead.expiresAt) - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    expect(Date.parse(lead.expiresAt) - Date.now()).toBeLessThanOrEqual(14 * 86_400_000);
    expect((await cli('annotators', 'add', 'bob')).code).toBe(0);
    const dup = await cli('annotators', 'add', 'ann');
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('annotator "ann" already exists');
  });

  it('annotators list and link', async () => {
    const list = JSON.parse((await cli('annotators', 'list', '--json')).stdout);
    expect(list.annotators.map((a: { name: string; role: string }) => `${a.name}:${a.role}`)).toEqual(['ann:annotator', 'bob:annotator', 'lead:admin']);
    const link = await cli('annotators', 'link', 'bob', '--json', '--expires', '30d', '--public-url', 'https://review.example.org');
    const bob = JSON.parse(link.stdout);
    expect(bob.link).toMatch(/^https:\/\/review\.example\.org\/login#token=[A-Za-z0-9_-]+$/);
    expect(Date.parse(bob.expiresAt) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    expect((await cli('annotators', 'link', 'nobody')).code).toBe(2);
    const bad = await cli('annotators', 'link', 'bob', '--expires', '30 days');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: --expires must be a duration like 14d, 12h, 90m or 2w (at most a year), got "30 days"\n');
    const badUrl = await cli('annotators', 'link', 'bob', '--public-url', 'review.example.org/x');
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('--public-url must be an http:// or https:// address');
  });

  it('annotators disable ends every session and refuses sign-in; enable lets the link work again', async () => {
    const store = openSqliteStore(join(dir, '.juror', 'juror.db'));
    try {
      const bob = store.getAnnotatorByName('bob')!;
      store.createSession({ idHash: 'h-bob-1', annotatorId: bob.id, csrfToken: 'c', createdAt: 'x', expiresAt: '2999-01-01T00:00:00.000Z' });
      const off = await cli('annotators', 'disable', 'bob');
      expect(off.code).toBe(0);
      expect(off.stdout).toContain('Annotator "bob" is disabled: every session has ended');
      expect(store.getSession('h-bob-1')).toBeUndefined();
      expect(store.getAnnotatorByName('bob')!.disabled).toBe(true);
      expect((await cli('annotators', 'list')).stdout).toMatch(/bob .*until \d{4}-\d\d-\d\d {2}\(disabled\)/);
      const on = await cli('annotators', 'enable', 'bob', '--json');
      expect(JSON.parse(on.stdout)).toMatchObject({ name: 'bob', disabled: false });
      expect(store.getAnnotatorByName('bob')!.disabled).toBe(false);
      expect((await cli('annotators', 'disable', 'nobody')).code).toBe(2);
    } finally {
      store.close();
    }
  });

  it('links follow the address `juror serve` last recorded, unless --public-url or JUROR_PUBLIC_URL says otherwise', async () => {
    const store = openSqliteStore(join(dir, '.juror', 'juror.db'));
    try {
      store.setSetting('public_url', 'http://127.0.0.1:9123');
    } finally {
      store.close();
    }
    expect(JSON.parse((await cli('annotators', 'link', 'ann', '--json')).stdout).link).toMatch(/^http:\/\/127\.0\.0\.1:9123\/login#token=/);
    const env = await runCli(['annotators', 'link', 'ann', '--json'], { cwd: dir, env: { JUROR_PUBLIC_URL: 'https://r.example.org/' } });
    expect(JSON.parse(env.stdout).link).toMatch(/^https:\/\/r\.example\.org\/login#token=/);
  });

  it('review create samples with a seed and review list shows progress', async () => {
    const r = await cli('review', 'create', '--run', 'run1', '--rubric', 'faith.yaml', '--overlap', '2', '--sample', '3', '--seed', '11', '--json');
    expect(r.code).toBe(0);
    const created = JSON.parse(r.stdout);
    expect(created).toMatchObject({ items: 3, overlap: 2, seed: 11, blind: true, annotators: ['ann', 'bob'] });
    const list = JSON.parse((await cli('review', 'list', '--json')).stdout);
    expect(list.reviews).toHaveLength(1);
    expect(list.reviews[0]).toMatchObject({ id: created.id, items: 3, assigned: 6, done: 0 });
    const exported = await cli('review', 'export', created.id);
    expect(exported.stdout).toBe('item,rater,label,criterion,review,output_id,comment,created_at\r\n');
  });

  it('review list strips terminal control characters from names (--json keeps them)', async () => {
    const hostile = 'Q1\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\u009b\u202eevil\rX';
    const r = await cli('review', 'create', '--run', 'run1', '--rubric', 'faith.yaml', '--overlap', '1', '--sample', '1', '--seed', '1', '--name', hostile, '--json');
    expect(r.code).toBe(0);
    const text = (await cli('review', 'list')).stdout;
    const line = text.split('\n').find((l) => l.includes('Q1'))!;
    expect(line).toContain('Q1]0;pwned[2J[31mredevilX');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    const json = JSON.parse((await cli('review', 'list', '--json')).stdout);
    expect(json.reviews.map((v: { name: string }) => v.name)).toContain(hostile);
  });

  it('bad input exits 2 with one line naming the problem', async () => {
    const zero = await cli('review', 'create', '--run', 'run1', '--rubric', 'faith.yaml', '--overlap', '0');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--overlap must be an integer >= 1');
    const many = await cli('review', 'create', '--run', 'run1', '--rubric', 'faith.yaml', '--overlap', '3');
    expect(many.code).toBe(2);
    expect(many.stderr).toContain('overlap 3 needs at least 3 annotators');
    const noRun = await cli('review', 'create', '--run', 'nope', '--rubric', 'faith.yaml', '--overlap', '1');
    expect(noRun.code).toBe(2);
    expect(noRun.stderr).toContain('no run "nope"');
    const noFile = await cli('review', 'create', '--run', 'run1', '--rubric', 'missing.yaml', '--overlap', '1');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/missing\.yaml.*not found/);
    expect((await cli('review', 'export', 'rv_nope')).code).toBe(2);
  });
});
