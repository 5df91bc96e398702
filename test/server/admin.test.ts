import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLabelText } from '../../src/loader/labels.js';
import { itemsOf, key, login, makeFixture, MATRIX_COLUMNS, seedMatrixRun, type Client, type Fixture } from './fixture.js';

describe('admin pages and exports', () => {
  let f: Fixture;
  let lead: Client;
  let ann: Client;
  let bob: Client;
  let shared: number;
  beforeAll(async () => {
    f = await makeFixture({ cases: 6, overlap: 2 });
    lead = await login(f.url, f.tokens.lead!);
    ann = await login(f.url, f.tokens.ann!);
    bob = await login(f.url, f.tokens.bob!);
    shared = itemsOf(f, 'ann').find((i) => itemsOf(f, 'bob').includes(i))!;
    const p = `/api/reviews/${f.reviewId}/items/${shared}/annotations`;
    await ann.post(p, { clientKey: key(), labels: { faithfulness: 2, helpful: 'no' } });
    await ann.post(p, { clientKey: key(), labels: { faithfulness: 3, helpful: 'yes' }, comment: '=HYPERLINK("x"), with "quotes"' });
    await bob.post(p, { clientKey: key(), labels: { faithfulness: 5, helpful: 'yes' } });
  });
  afterAll(() => f.close());

  it('admin pages and API need the admin role', async () => {
    expect((await ann.get('/api/admin/reviews')).status).toBe(403);
    expect((await ann.get('/admin', { accept: 'text/html' })).status).toBe(403);
    expect((await ann.get(`/admin/reviews/${f.reviewId}/export.csv`)).status).toBe(403);
    expect((await ann.post('/api/admin/reviews', {})).status).toBe(403);
    expect((await fetch(`${f.url}/api/admin/reviews`)).status).toBe(401);
    expect((await lead.get('/admin', { accept: 'text/html' })).status).toBe(200);
  });

  it('shows progress per annotator and the disagreement', async () => {
    const { reviews } = await (await lead.get('/api/admin/reviews')).json();
    expect(reviews).toHaveLength(1);
    const progress = Object.fromEntries(reviews[0].progress.map((p: { annotatorName: string; done: number; assigned: number }) => [p.annotatorName, [p.done, p.assigned]]));
    expect(progress.ann[0]).toBe(1);
    expect(progress.bob[0]).toBe(1);
    expect(progress.ann[1] + progress.bob[1] + progress.cat[1]).toBe(12); // 6 items x overlap 2
    const detail = await (await lead.get(`/api/admin/reviews/${f.reviewId}`)).json();
    expect(detail.disagreements).toEqual([
      { itemId: shared, caseId: expect.any(String), criterion: 'faithfulness', labels: [{ annotator: 'ann', label: '3' }, { annotator: 'bob', label: '5' }] },
    ]);
  });

  it('exports the latest labels as CSV that juror agreement reads', async () => {
    const res = await lead.get(`/admin/reviews/${f.reviewId}/export.csv`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain(`${f.reviewId}.csv`);
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe('item,rater,label,criterion,review,output_id,comment,created_at');
    const file = parseLabelText(text, 'export.csv');
    const rows = file.rows.map((r) => `${r.item}/${r.rater}/${r.criterion}=${r.label}`).sort();
    expect(rows).toEqual([
      `${shared}/ann/faithfulness=3`, `${shared}/ann/helpful=yes`, `${shared}/bob/faithfulness=5`, `${shared}/bob/helpful=yes`,
    ].sort());
    // a comment that a spreadsheet would run as a formula is neutralised, quotes are escaped
    expect(text).toContain(`"'=HYPERLINK(""x""), with ""quotes"""`);
  });

  it('exports JSONL, and the history variant keeps superseded rows', async () => {
    const jsonl = await (await lead.get(`/admin/reviews/${f.reviewId}/export.jsonl`)).text();
    const rows = jsonl.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ item: shared, review: f.reviewId, output_id: expect.any(Number) });
    expect(parseLabelText(jsonl, 'x.jsonl').rows).toHaveLength(4);
    const hist = (await (await lead.get(`/admin/reviews/${f.reviewId}/export.jsonl?history=1`)).text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(hist).toHaveLength(6);
    const superseded = hist.filter((r) => !r.current);
    expect(superseded.map((r) => r.label).sort()).toEqual(['2', 'no']);
    expect(hist.find((r) => r.label === '3').supersedes).toBe(superseded.find((r) => r.label === '2').id);
  });

  it('creates a review queue from the admin API with a pasted rubric', async () => {
    const rubricYaml = 'name: quick\ncriteria:\n  - name: ok\n    question: Is it OK?\n    scale: [pass, fail]\n';
    const res = await lead.post('/api/admin/reviews', { runId: 'run1', rubricYaml, overlap: 1, sample: 3, seed: 5, annotators: ['ann', 'cat'], blind: false });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ items: 3, seed: 5, annotators: ['ann', 'cat'] });
    const review = f.store.getReview(body.review.id)!;
    expect(review.rubric.criteria[0]!.scale).toEqual({ type: 'nominal', choices: ['pass', 'fail'] });
    expect(review.blind).toBe(false);
    // non-blind: the annotator sees the judge's score
    const item = f.store.getAssignments(review.id, f.ids.ann!)[0]!;
    const view = await (await ann.get(`/api/reviews/${review.id}/items/${item.itemId}`)).json();
    expect(view.judge).toEqual([expect.objectContaining({ criterion: 'faithfulness', label: '4', reason: 'judge says 4' })]);
  });

  it('refuses a bad queue with 400 and the reason', async () => {
    const bad = async (body: unknown) => (await (await lead.post('/api/admin/reviews', body)).json()).error.message as string;
    expect(await bad({ runId: 'run1', rubricYaml: 'name: x\ncriteria: []\n', overlap: 1 })).toMatch(/criteria/);
    expect(await bad({ runId: 'run1', rubricYaml: 'name: x\ncriteria:\n  - name: a\n    question: q\n    scale: [1,2]\n', overlap: 9 })).toMatch(/overlap 9 needs at least 9 annotators/);
    expect(await bad({ runId: 'nope', rubricYaml: 'name: x\ncriteria:\n  - name: a\n    question: q\n    scale: [1,2]\n', overlap: 1 })).toMatch(/no run "nope"/);
    expect(await bad({ runId: 'run1', overlap: 1 })).toMatch(/exactly one of rubric or rubricYaml/);
  });

  it('creates a pairwise queue over two matrix columns (or a column and a run); the runs list carries the columns', async () => {
    seedMatrixRun(f.store, 'mx', 6);
    const { runs } = await (await lead.get('/api/admin/runs')).json();
    expect(runs.find((r: { id: string }) => r.id === 'mx').columns).toEqual(MATRIX_COLUMNS.map((c, i) => ({ column: i + 1, ...c })));
    expect(runs.find((r: { id: string }) => r.id === 'run1').columns).toBeNull();
    const rubricYaml = 'name: pw\ncriteria:\n  - name: better\n    mode: pairwise\n    question: Which is better?\n';
    const res = await lead.post('/api/admin/reviews', { runId: 'mx', column: 1, pairWith: 'mx', pairWithColumn: 3, rubricYaml, overlap: 1, seed: 2, annotators: ['ann'], blind: false });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      items: 6,
      review: { kind: 'pairwise', pair: { a: { runId: 'mx', column: 1, provider: 'openai:gpt-4o-mini', prompt: 'a.hbs' }, b: { runId: 'mx', column: 3, prompt: 'b.hbs' } } },
    });
    const review = f.store.getReview(body.review.id)!;
    expect(review.blind).toBe(true); // pairwise: blind whatever the form said
    const col = new Map(f.store.getOutputs('mx').map((o) => [o.id, o.col]));
    expect(f.store.getReviewItems(review.id).map((i) => [col.get(i.outputId), col.get(i.outputBId!)])).toEqual(Array(6).fill([0, 2]));
    const mixed = await (await lead.post('/api/admin/reviews', { runId: 'run1', pairWith: 'mx', pairWithColumn: 2, rubricYaml, overlap: 1, annotators: ['ann'] })).json();
    expect(mixed).toMatchObject({ items: 5, review: { kind: 'pairwise', pair: { a: { runId: 'run1' }, b: { column: 2 } } } }); // column 2 errored on c2

    const bad = async (b: unknown) => {
      const r = await lead.post('/api/admin/reviews', { rubricYaml, overlap: 1, annotators: ['ann'], ...(b as object) });
      return [r.status, (await r.json()).error.message];
    };
    expect(await bad({ runId: 'mx', pairWith: 'mx', pairWithColumn: 2 })).toEqual([400, 'run "mx" is a matrix of 3 columns: name one (mx:1, mx:2, ...)']);
    expect(await bad({ runId: 'mx', column: 4, pairWith: 'run1' })).toEqual([400, 'run "mx" has no column 4 (1 = openai:gpt-4o-mini × a.hbs; 2 = anthropic:claude-sonnet-4-5 × a.hbs; 3 = openai:gpt-4o-mini × b.hbs)']);
    expect(await bad({ runId: 'mx', column: 2, pairWith: 'mx', pairWithColumn: 2 })).toEqual([400, 'a pairwise review compares two different runs or columns (got mx:2 twice)']);
    expect((await bad({ runId: 'mx', column: 0, pairWith: 'run1' }))[0]).toBe(400);
    expect((await bad({ runId: 'run1', pairWithColumn: 2 }))[1]).toMatch(/pairWithColumn needs pairWith/);
    expect((await bad({ runId: 'run1', pairWith: 'mx', pairWithColumn: 1, rubricYaml: 'name: x\ncriteria:\n  - name: a\n    question: q\n    scale: [1,2]\n' }))[1]).toMatch(/no criterion with mode: pairwise/);
    // no CSRF token: refused like every other form
    expect((await lead.post('/api/admin/reviews', { runId: 'mx', column: 1, pairWith: 'mx', pairWithColumn: 3, rubricYaml, overlap: 1 }, { csrf: null })).status).toBe(403);
  });

  it('a YAML alias bomb in the rubric form is a 400, not a 500', async () => {
    // "billion laughs": each level multiplies the one before; the YAML library stops expanding it
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const res = await lead.post('/api/admin/reviews', { runId: 'run1', rubricYaml: levels.join('\n') + '\n', overlap: 1 });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^rubricYaml: invalid YAML: .*alias/i);
  });

  it('refuses a queue name with a NUL or a lone surrogate', async () => {
    const rubricYaml = 'name: x\ncriteria:\n  - name: a\n    question: q\n    scale: [1,2]\n';
    const nul = await lead.post('/api/admin/reviews', { runId: 'run1', rubricYaml, overlap: 1, name: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect((await nul.json()).error.message).toMatch(/name must not contain NUL/);
    const lone = await lead.post('/api/admin/reviews', `{"runId":"run1","rubricYaml":${JSON.stringify(rubricYaml)},"overlap":1,"name":"\\ud800"}`);
    expect(lone.status).toBe(400);
    expect((await lone.json()).error.message).toMatch(/name is not valid Unicode/);
  });

  it('has the agreement slot for the admin page', async () => {
    const res = await lead.get(`/admin/reviews/${f.reviewId}/agreement`);
    expect(res.status).toBe(200);
    const body = await res.json();
    // one shared item, ann 3/yes vs bob 5/yes: 0% agreement on faithfulness, 100% on helpful
    const byName = Object.fromEntries(body.criteria.map((c: { criterion: string }) => [c.criterion, c]));
    expect(byName.faithfulness.percent_agreement.value).toBe(0);
    expect(byName.helpful.percent_agreement.value).toBe(1);
    expect((await lead.get('/admin/reviews/nope/agreement')).status).toBe(404);
  });
});
