import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shownOrder } from '../../../src/review/pair-order.js';
import { hashSecret } from '../../../src/review/tokens.js';
import { openSqliteStore } from '../../../src/storage/sqlite-store.js';
import { seedMatrixRun, seedRun } from '../../server/fixture.js';
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
    seedMatrixRun(store, 'mx', 5);
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

  it('pairwise reviews over matrix columns (RUN:N as compare reads it), and export --history says which side each annotator saw', async () => {
    const pairwise = resolve(import.meta.dirname, '../../../rubrics/pairwise.yaml');
    const r = await cli('review', 'create', '--run', 'mx:1', '--pair-with', 'mx:anthropic:claude-sonnet-4-5', '--rubric', pairwise, '--overlap', '2', '--seed', '5', '--json');
    expect(r.code, r.stderr).toBe(0);
    const created = JSON.parse(r.stdout);
    // column 2 errored on c2: 4 pairs
    expect(created).toMatchObject({
      kind: 'pairwise', runId: 'mx', items: 4, blind: true,
      pair: {
        a: { label: 'A', runId: 'mx', column: 1, provider: 'openai:gpt-4o-mini', prompt: 'a.hbs' },
        b: { label: 'B', runId: 'mx', column: 2, provider: 'anthropic:claude-sonnet-4-5', prompt: 'a.hbs' },
      },
    });
    const listed = (await cli('review', 'list')).stdout.split('\n').find((l) => l.startsWith(created.id))!;
    expect(listed).toContain('pairwise mx:1 (openai:gpt-4o-mini × a.hbs) vs mx:2 (anthropic:claude-sonnet-4-5 × a.hbs)  4 items');
    const listedJson = JSON.parse((await cli('review', 'list', '--json')).stdout).reviews.find((v: { id: string }) => v.id === created.id);
    expect(listedJson).toMatchObject({ kind: 'pairwise', pair: created.pair });
    const text = await cli('review', 'create', '--run', 'mx:3', '--pair-with', 'run1', '--rubric', pairwise, '--overlap', '1', '--seed', '5');
    expect(text.stdout).toContain(': 5 pairs (A = mx:3 (openai:gpt-4o-mini × b.hbs), B = run1), overlap 1');
    const store = openSqliteStore(join(dir, '.juror', 'juror.db'));
    try {
      const col = new Map(store.getOutputs('mx').map((o) => [o.id, [o.col, o.caseId] as const]));
      const items = store.getReviewItems(created.id);
      expect(items.map((i) => [col.get(i.outputId), col.get(i.outputBId!)]).sort()).toEqual(
        ['c1', 'c3', 'c4', 'c5'].map((c) => [[0, c], [1, c]]),
      );
      // what the review server stores: the label in output terms and the order on screen
      const review = store.getReview(created.id)!;
      const ann = store.getAnnotatorByName('ann')!;
      const mine = items.filter((i) => store.isAssigned(i.id, ann.id));
      expect(mine.length).toBeGreaterThan(0);
      for (const i of mine) store.addAnnotation({ reviewId: review.id, itemId: i.id, annotatorId: ann.id, criterion: 'better', label: 'A', value: null, shown: shownOrder(review, ann.id, i.id) });
      store.addAnnotation({ reviewId: review.id, itemId: mine[0]!.id, annotatorId: ann.id, criterion: 'better', label: 'tie', value: null, shown: shownOrder(review, ann.id, mine[0]!.id) });
      const csv = (await cli('review', 'export', review.id, '--history')).stdout.trim().split('\r\n');
      expect(csv[0]).toBe('item,rater,label,criterion,review,output_id,output_b_id,comment,created_at,id,supersedes,current,flagged,skipped,shown');
      const rows = csv.slice(1).map((l) => l.split(','));
      expect(rows).toHaveLength(mine.length + 1);
      const pairOf = new Map(items.map((i) => [i.id, [i.outputId, i.outputBId]]));
      expect(rows.map((x) => [Number(x[0]), Number(x[5]), Number(x[6]), x[2], x[14]])).toEqual([
        ...mine.map((i) => [i.id, ...pairOf.get(i.id)!, 'A', shownOrder(review, ann.id, i.id)]),
        [mine[0]!.id, ...pairOf.get(mine[0]!.id)!, 'tie', shownOrder(review, ann.id, mine[0]!.id)],
      ]);
      const jsonl = (await cli('review', 'export', review.id, '--history', '--format', 'jsonl')).stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(jsonl.map((x) => [x.item, x.output_b_id, x.shown])).toEqual(rows.map((x) => [Number(x[0]), Number(x[6]), x[14]]));
      // without --history: the agreement label format, with output B's id beside A's
      expect((await cli('review', 'export', review.id)).stdout.split('\r\n')[0]).toBe('item,rater,label,criterion,review,output_id,output_b_id,comment,created_at');
    } finally {
      store.close();
    }
    // a pointwise review of one column: its outputs only
    const one = JSON.parse((await cli('review', 'create', '--run', 'mx:2', '--rubric', 'faith.yaml', '--overlap', '1', '--seed', '1', '--json')).stdout);
    expect(one).toMatchObject({ kind: 'pointwise', items: 4, column: 2 });
    const oneText = await cli('review', 'create', '--run', 'mx:2', '--rubric', 'faith.yaml', '--overlap', '1', '--seed', '1');
    expect(oneText.stdout).toContain(': 4 items of mx:2 (anthropic:claude-sonnet-4-5 × a.hbs), overlap 1');
    const whole = await cli('review', 'create', '--run', 'mx', '--pair-with', 'mx:2', '--rubric', pairwise, '--overlap', '1');
    expect([whole.code, whole.stderr]).toEqual([2, 'error: run "mx" is a matrix of 3 columns: name one (mx:1, mx:2, ...)\n']);
    const twice = await cli('review', 'create', '--run', 'mx:1', '--pair-with', 'mx:openai:gpt-4o-mini × a.hbs', '--rubric', pairwise, '--overlap', '1');
    expect(twice.stderr).toBe('error: a pairwise review compares two different runs or columns (got mx:1 twice)\n');
    const column = await cli('review', 'create', '--run', 'run1:1', '--pair-with', 'mx:2', '--rubric', pairwise, '--overlap', '1');
    expect(column.stderr).toBe('error: run "run1" has one column; name it as run1\n');
  });
});
