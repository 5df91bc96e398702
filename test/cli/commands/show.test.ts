import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../src/storage/sqlite-store.js';
import { cli, ROOT, tempDir } from '../support.js';

/**
 * The bundled rag-faq on the built-in mock (the judge through the real OpenAI SDK): one case
 * (storage-free) answers with a wrong figure, and the evidence shows where.
 */
describe('juror show: the claims behind RAG scores', () => {
  const tmp = tempDir('juror-show-');
  const db = join(tmp.dir, 'j.db');
  beforeAll(async () => {
    const r = await cli(['run', 'suites/rag-faq.yaml', '--db', db, '--html', join(tmp.dir, 'report.html')], { cwd: ROOT });
    expect(r.code).toBe(1);
  });
  afterAll(() => tmp.cleanup());

  const contradicted = { kind: 'claim', text: 'The Free plan includes 5 GB of storage.', verdict: 'contradicted', reason: 'Mock judge: chunk [plan-free] says 2, 3, the claim says 5.', chunk: 'plan-free' };
  const supported = { kind: 'claim', text: 'It works on up to 3 devices.', verdict: 'supported', reason: "Mock judge: 75% of the claim's words are in chunk [plan-free].", chunk: 'plan-free' };

  it('stores each claim with its verdict, reason and chunk in SQLite', () => {
    const store = openSqliteStore(db, { readonly: true });
    try {
      const [run] = store.listRuns();
      const out = store.getOutputs(run!.id).find((o) => o.caseId === 'storage-free')!;
      const scores = store.getScoresForOutputs(run!.id, [out.id]);
      expect(scores.find((s) => s.criterion === 'faithfulness')).toMatchObject({ value: 0.5, passed: false, claims: [contradicted, supported] });
      expect(scores.find((s) => s.criterion === 'context-recall')!.claims).toEqual([
        { kind: 'statement', text: '2 GB', verdict: 'supported', reason: "Mock judge: 100% of the claim's words are in chunk [plan-free].", chunk: 'plan-free' },
      ]);
      expect(scores.find((s) => s.criterion === 'context-precision')!.claims!.map((c) => [c.chunk, c.verdict])).toEqual([
        ['plan-free', 'relevant'],
        ['plan-pro', 'irrelevant'],
      ]);
      // scores without evidence carry none
      expect(scores.find((s) => s.criterion === 'contains')).not.toHaveProperty('claims');
    } finally {
      store.close();
    }
  });

  it('--json carries them as `claims` on each RAG score', async () => {
    const r = await cli(['show', 'latest', '--db', db, '--json'], { cwd: ROOT });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const c = doc.cases.find((x: { caseId: string }) => x.caseId === 'storage-free');
    const byName = Object.fromEntries(c.scores.map((s: { criterion: string }) => [s.criterion, s]));
    expect(byName.faithfulness).toMatchObject({ value: 0.5, passed: false, claims: [contradicted, supported] });
    expect(byName.hallucination.claims).toEqual([contradicted, supported]);
    expect(byName.contains.claims).toBeUndefined();
  });

  it('prints the claims under each score, the failing one loud, without repeating identical ones', async () => {
    const r = await cli(['show', 'latest', '--db', db], { cwd: ROOT });
    const text = r.stdout.slice(r.stdout.indexOf('── storage-free'), r.stdout.indexOf('── trash'));
    expect(text).toContain(
      [
        '  faithfulness = 0.50 FAIL',
        '      1 of 2 claims supported by the context; contradicted: "The Free plan includes 5 GB of storage."',
        '      claims:',
        '        ✗ CONTRADICTED [plan-free]: The Free plan includes 5 GB of storage.',
        '            Mock judge: chunk [plan-free] says 2, 3, the claim says 5.',
        '        ✓ supported [plan-free]: It works on up to 3 devices.',
      ].join('\n'),
    );
    expect(text).toContain('  hallucination = 0.50 FAIL\n      1 of 2 claims contradicted by the context: "The Free plan includes 5 GB of storage."\n      claims: as for faithfulness\n');
    expect(text).toContain('      chunks:\n        ✓ relevant: [plan-free] The Free plan includes 2 GB of storage and up to 3 devices.');
  });

  it('the HTML report carries the claims in its data block (rendered by its script; see test/browser)', () => {
    const html = readFileSync(join(tmp.dir, 'report.html'), 'utf8');
    const data = JSON.parse(/<script type="application\/json" id="juror-data">([\s\S]*?)<\/script>/.exec(html)![1]!);
    const row = data.cases.find((c: { name: string }) => c.name === 'storage-free');
    expect(row.scores.find((s: { criterion: string }) => s.criterion === 'faithfulness').claims).toEqual([contradicted, supported]);
  });
});
