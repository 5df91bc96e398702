import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, formatSummary } from '../../src/reporters/console.js';
import { sampleReport } from './fixture.js';

describe('formatSummary', () => {
  it('shows every number of the summary table', () => {
    const r = sampleReport();
    const text = formatSummary(r.run, 'finished', r.summary!, '/tmp/j.db');
    expect(text).toMatch(/cases\s+4\n/);
    // Wilson 95% for 1 of 4: statsmodels proportion_confint(1, 4, method='wilson') = (0.0456, 0.6994)
    expect(text).toMatch(/passed\s+1 \(25\.0% \[4\.6%, 69\.9%\], n=4\)/);
    expect(text).toMatch(/failed\s+1\n/);
    expect(text).toMatch(/errored\s+1\n/);
    expect(text).toMatch(/unscored\s+1\n/);
    expect(text).toMatch(/mean rubric\.tone\s+3\.50/);
    expect(text).toMatch(/mean contains\s+0\.50\n/); // a summary stored before intervals: no interval shown
    const withCi = formatSummary(r.run, 'finished', { ...r.summary!, ciByCriterion: { 'rubric.tone': { n: 2, ci95: [-2.85, 9.85] }, contains: { n: 1, ci95: null } } }, '/tmp/j.db');
    expect(withCi).toMatch(/mean rubric\.tone\s+3\.50 \[-2\.85, 9\.85\], n=2/);
    expect(withCi).toMatch(/mean contains\s+0\.50, n=1 \(no interval\)/);
    expect(text).toMatch(/tokens\s+20 in \/ 8 out/);
    expect(text).toMatch(/latency\s+p50 120 ms, p95 300 ms/);
    expect(text).toMatch(/est\. cost\s+unknown/);
    expect(text).toMatch(/cached calls\s+2/);
    expect(text).toMatch(/run id\s+r_1/);
    expect(text).toMatch(/database\s+\/tmp\/j\.db/);
  });
});

describe('createProgress', () => {
  it('writes nothing when disabled (not a TTY)', () => {
    const s = new PassThrough();
    let written = '';
    s.on('data', (d) => (written += d));
    const p = createProgress(s, false);
    p.start(10, 0);
    p.update(sampleReport().cases[0] as never, 1);
    p.stop();
    expect(written).toBe('');
  });
});

describe('fmtInt', () => {
  it('groups thousands without ICU', async () => {
    const { fmtInt } = await import('../../src/reporters/format.js');
    expect([0, 999, 1000, 1234567, -12345, 1.5].map(fmtInt)).toEqual(['0', '999', '1,000', '1,234,567', '-12,345', '1.5']);
  });
});

describe('createProgress on a TTY', () => {
  it('draws a bar on the stream it was given', () => {
    const s = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number; cursorTo?: () => boolean; clearLine?: () => boolean; moveCursor?: () => boolean };
    Object.assign(s, { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    let written = '';
    s.on('data', (d) => (written += d));
    const p = createProgress(s, true);
    p.start(10, 0);
    p.update({ ...sampleReport().cases[1]!, status: 'failed' } as never, 3);
    p.stop();
    expect(written).toMatch(/3\/10 cases \| 1 failed \| 0 errored/);
  });
});
