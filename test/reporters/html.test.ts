import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toHtml } from '../../src/reporters/html.js';
import { chartJsSource } from '../../src/reporters/html-assets.js';
import { jsonForScript } from '../../src/reporters/html-page.js';
import { EVIL, sampleReport } from './fixture.js';

/** The page with the inlined library taken out (what juror itself writes). */
function ownPart(html: string): string {
  return html.replace(chartJsSource(), '');
}

function dataOf(html: string): { cases: Array<{ name: string; output: string | null; status: string }> } {
  return JSON.parse(/<script type="application\/json" id="juror-data">(.*?)<\/script>/s.exec(html)![1]!);
}

describe('toHtml', () => {
  const html = toHtml(sampleReport());

  it('never lets model output become markup', () => {
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>this</b>');
    expect(html).toContain('demo &lt;suite&gt; &amp; co');
    // the case data travel as JSON the browser never runs, with every < > & escaped
    const json = /id="juror-data">(.*?)<\/script>/s.exec(html)![1]!;
    expect(json).not.toMatch(/[<>&]/);
    expect(dataOf(html).cases.find((c) => c.name === 'c2 <&>')!.output).toBe(EVIL);
    expect(ownPart(html).match(/<script/g)).toHaveLength(3);
  });

  it('is self-contained: no external resources, a CSP that allows exactly its own blocks', () => {
    const own = ownPart(html);
    expect(own).not.toMatch(/<(link|img|iframe|object|embed)\b/);
    expect(own).not.toMatch(/\b(src|href)=|https?:\/\//);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replace(/&apos;/g, "'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe');
    const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    const scripts = [...html.matchAll(/<script>(.*?)<\/script>/gs)].map((m) => m[1]!);
    expect(scripts).toHaveLength(2);
    for (const s of scripts) expect(csp).toContain(sha(s));
    expect(csp).toContain(sha(/<style>(.*?)<\/style>/s.exec(html)![1]!));
  });

  it('prints the pass rate with its Wilson interval and the per-criterion means', () => {
    // 1 of 4 passed: Wilson [4.6%, 69.9%] (statsmodels proportion_confint(1, 4, method="wilson") = 0.0456, 0.6994)
    expect(html).toContain('<div class="v">25.0%</div><div class="ci">[4.6%, 69.9%] · 1 of 4 passed</div>');
    expect(html).toContain('<tr data-criterion="rubric.tone"><th>rubric.tone</th><td class="num">1</td><td class="num">4</td>');
    expect(dataOf(html).cases.map((c) => c.status)).toEqual(['passed', 'failed', 'errored', 'unscored']);
  });
});

describe('the inlined Chart.js', () => {
  it('is the pinned package version, without its source-map reference', () => {
    const pinned = JSON.parse(readFileSync('package.json', 'utf8')).dependencies['chart.js'];
    const lib = chartJsSource();
    expect(lib.startsWith(`/*!\n * Chart.js v${pinned}\n`)).toBe(true);
    expect(lib).not.toContain('sourceMappingURL');
    expect(lib).not.toMatch(/<\/script/i);
  });
});

describe('jsonForScript', () => {
  it('cannot close the script element and survives U+2028/2029', () => {
    const value = { s: '</script><!-- & \u2028\u2029 >' };
    const out = jsonForScript(value);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual(value);
  });
});
