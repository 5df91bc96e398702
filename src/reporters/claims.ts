import type { ClaimVerdict, Score, Verdict } from '../core/score.js';

/**
 * How the evidence behind a RAG score is shown in `juror show`, and the styles of the table the
 * HTML report's script builds for it (html-client.ts, from the claims in the page's JSON data).
 */

const MARK: Record<Verdict, string> = {
  supported: '✓', relevant: '✓', contradicted: '✗', not_found: '?', irrelevant: '·',
};
const WORD: Record<Verdict, string> = {
  supported: 'supported', contradicted: 'CONTRADICTED', not_found: 'NOT FOUND', relevant: 'relevant', irrelevant: 'IRRELEVANT',
};
function noun(claims: ClaimVerdict[]): string {
  const kind = claims[0]?.kind ?? 'claim';
  return `${kind}s`;
}

/**
 * Text lines for `juror show` (no trailing newline). Claims identical to those of an earlier score
 * of the same output (hallucination reads faithfulness's verdicts) are not repeated.
 */
export function claimsText(s: Score, siblings: readonly Score[] = []): string {
  const claims = s.claims ?? [];
  if (claims.length === 0) return '';
  const same = siblings.slice(0, siblings.indexOf(s)).find((o) => o.claims?.length && sameClaims(o.claims, claims));
  if (same) return `${noun(claims)}: as for ${same.criterion}`;
  const lines = [`${noun(claims)}:`];
  for (const c of claims) {
    const chunk = c.chunk && c.kind !== 'chunk' ? ` [${c.chunk}]` : '';
    const label = c.kind === 'chunk' && c.chunk ? `[${c.chunk}] ` : '';
    lines.push(`  ${MARK[c.verdict]} ${WORD[c.verdict]}${chunk}: ${label}${c.text}`);
    if (c.reason) lines.push(`      ${c.reason}`);
  }
  return lines.join('\n');
}

function sameClaims(a: ClaimVerdict[], b: ClaimVerdict[]): boolean {
  return a.length === b.length && a.every((x, i) => JSON.stringify(x) === JSON.stringify(b[i]));
}

/** Styles of the claims table the HTML report's script builds (appended to its stylesheet). */
export const CLAIMS_CSS = `
table.claims{margin:4px 0 10px;font-size:13px;width:auto}table.claims th,table.claims td{padding:3px 8px;border-bottom:1px solid var(--line)}
table.claims tr.v-bad td.verdict{color:var(--bad);font-weight:600}table.claims tr.v-ok td.verdict{color:var(--ok)}
table.claims td.chunk{font-family:ui-monospace,monospace;font-size:12px;white-space:nowrap}
`;
