import { describe, expect, it } from 'vitest';
import { toJsonDocument } from '../../src/reporters/json.js';
import { sampleReport } from './fixture.js';

describe('toJsonDocument', () => {
  it('is one serialisable document with run id, status, summary and per-case results', () => {
    const doc = JSON.parse(JSON.stringify(toJsonDocument(sampleReport(), { dbPath: '/tmp/x.db' })));
    expect(doc.runId).toBe('r_1');
    expect(doc.status).toBe('finished');
    expect(doc.db).toBe('/tmp/x.db');
    expect(doc.summary.total).toBe(4);
    expect(doc.cases.map((c: { status: string }) => c.status)).toEqual(['passed', 'failed', 'errored', 'unscored']);
    // unscored stays null, never 0
    expect(doc.cases[3].scores[0]).toMatchObject({ criterion: 'rubric.tone', value: null, passed: null });
    expect(doc.cases[2]).toMatchObject({ output: null, error: 'openai:gpt-x: 503 Service Unavailable <html>' });
  });
});
