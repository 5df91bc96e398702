import type { ErrorGroup } from '../storage/store.js';
import { fmtInt } from './format.js';
import { escapeXml as esc } from './xml.js';

/**
 * The HTML report's "Errors" section: what went wrong in the run, grouped by message, with how
 * often and a few case ids to look at. Empty when nothing went wrong. Uses only the page's
 * base table styles (the CSP admits no other inline style), so restyling the page leaves it intact.
 */
export function errorsSection(groups: readonly ErrorGroup[], notRun = 0): string {
  if (groups.length === 0 && notRun === 0) return '';
  const rows = groups
    .map((g) => `<tr><td class="num">${esc(fmtInt(g.count))}</td><td>${esc(g.kind)}</td><td>${esc(g.message)}</td><td><code>${esc(g.examples.join(', '))}${g.count > g.examples.length ? ', …' : ''}</code></td></tr>`)
    .join('\n');
  const stopped = notRun > 0 ? `<p class="note">The run stopped early: ${esc(fmtInt(notRun))} cases were not run.</p>` : '';
  return `<section id="errors">
<h2>Errors</h2>
${stopped}
<table>
<thead><tr><th class="num">count</th><th>kind</th><th>message</th><th>e.g.</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}
