import type { ClaimVerdict } from '../core/score.js';
import type { CaseReport } from '../runner/run-report.js';
import { chunkLine, fmtMs, valueText } from './format.js';
import { escapeXml as esc } from './xml.js';

/** One case as the page's script receives it (rendered with textContent, never as markup). */
export interface CaseRow {
  name: string;
  status: string;
  tags: string[];
  output: string | null;
  error: string | null;
  /** `claims`: the verdicts behind a RAG score (see reporters/claims.ts), only on scores that have them. */
  scores: Array<{ criterion: string; value: number | null; shown: string; passed: boolean | null; reason: string | null; claims?: ClaimVerdict[] }>;
  input: string;
  expected: string | null;
  context: string | null;
  prompt: string;
  latency: string;
  /** Everything the search box looks through. */
  text: string;
  unstable?: boolean;
  repeats?: string;
  /** Shown in the status column instead of `status` (which the filter reads): "passed → failed". */
  shownStatus?: string;
  /** A compare report's flipped case: the baseline run's side, shown beside the candidate's. */
  baseline?: { status: string; output: string | null; error: string | null; scores: CaseRow['scores'] };
}

export function caseRows(cases: readonly CaseReport[]): CaseRow[] {
  return cases.map((c) => {
    const name = `${c.repeat > 0 ? `${c.caseId} #${c.repeat + 1}` : c.caseId}${c.col === undefined ? '' : ` [column ${c.col + 1}]`}`;
    const input = JSON.stringify(c.input, null, 2);
    const expected = c.expected === undefined ? null : typeof c.expected === 'string' ? c.expected : JSON.stringify(c.expected, null, 2);
    const context = c.context === undefined ? null : c.context.map(chunkLine).join('\n\n');
    const scores = c.scores.map((s) => ({
      criterion: s.criterion,
      value: s.value,
      shown: valueText(s.value, s.label),
      passed: s.passed ?? null,
      reason: s.reason ?? null,
      ...(s.claims?.length ? { claims: s.claims } : {}),
    }));
    const text = [name, c.tags.join(' '), input, context ?? '', expected ?? '', c.output ?? '', c.error ?? '', ...scores.map((s) => `${s.criterion} ${s.reason ?? ''} ${s.claims?.map((x) => x.text).join(' ') ?? ''}`)].join('\n');
    return { name, status: c.status, tags: c.tags, output: c.output, error: c.error, scores, input, expected, context, prompt: c.prompt, latency: fmtMs(c.latencyMs), text };
  });
}

/** The case table's frame: filters and an empty body that the page's script fills. */
export function casesSection(
  cases: readonly Pick<CaseReport, 'tags'>[],
  extraStatuses: string[] = [],
  opts: { title?: string; statuses?: string[]; columns?: string[] } = {},
): string {
  const tags = [...new Set(cases.flatMap((c) => c.tags))].sort();
  if (cases.some((c) => c.tags.length === 0) && tags.length) tags.push('(no tag)');
  const statuses = opts.statuses ?? ['all', 'passed', 'failed', 'errored', 'unscored', ...extraStatuses];
  const columns = opts.columns ?? ['case', 'status', 'tags', 'scores', 'output', 'latency'];
  return `<section id="case-list">
<h2>${esc(opts.title ?? 'Cases')}</h2>
<div class="filters">
<label>status <select id="status">${statuses.map((s) => `<option value="${s}">${s}</option>`).join('')}</select></label>
<label>tag <select id="tag"><option value="">all</option>${tags.map((t) => `<option value="${esc(t)}">${esc(t)}</option>`).join('')}</select></label>
<input type="search" id="q" placeholder="search id, input, output, reasons…" aria-label="search cases">
<span class="meta" id="count"></span>
</div>
<table id="cases">
<thead><tr>${columns.map((c, i) => `<th${i === columns.length - 1 ? ' class="num"' : ''}>${esc(c)}</th>`).join('')}</tr></thead>
<tbody></tbody>
</table>
<p><button type="button" id="more" hidden>show more</button></p>
<noscript><p class="note">The case list needs JavaScript; the figures above do not.</p></noscript>
</section>`;
}
