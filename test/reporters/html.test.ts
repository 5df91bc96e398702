import { describe, expect, it } from 'vitest';
import { toHtml } from '../../src/reporters/html.js';
import { sampleReport } from './fixture.js';

describe('toHtml', () => {
  const html = toHtml(sampleReport());

  it('never lets model output become markup', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<b>this</b>');
    expect(html).toContain('demo &lt;suite&gt; &amp; co');
    // exactly one script element: our own filter, with no data inside
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('openai:gpt-x: 503 Service Unavailable &lt;html&gt;');
  });

  it('is self-contained: no external resources', () => {
    expect(html).not.toMatch(/<(link|img|iframe)\b/);
    expect(html).not.toMatch(/src=|https?:\/\//);
    expect(html).toContain("default-src 'none'");
  });

  it('shows one row per case with its status and the summary numbers', () => {
    expect(html.match(/<tr class="case /g)).toHaveLength(4);
    for (const st of ['passed', 'failed', 'errored', 'unscored']) expect(html).toContain(`<tr class="case st-${st}">`);
    expect(html).toContain('rubric.tone</th><td>3.50');
    expect(html).toContain('judge answered &quot;banana&quot;');
  });
});
