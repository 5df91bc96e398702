import type { CaseReport, RunReport } from '../runner/run-report.js';
import { chunkLine, fmtCost, fmtInt, fmtMs, fmtNum, fmtPct, oneLine } from './format.js';
import { escapeXml as esc } from './xml.js';

/**
 * One self-contained static HTML file (inline CSS, a few lines of inline JS for the status
 * filter, no network). Every piece of run data is escaped: model output is untrusted text and
 * must never become markup. No data is placed inside the <script>.
 */
export function toHtml(report: RunReport): string {
  const { run, summary: s, cases } = report;
  const title = `juror · ${run.suiteName} · ${run.id}`;
  const cards: Array<[string, string]> = s
    ? [
        ['cases', fmtInt(s.total)],
        ['passed', `${fmtInt(s.passed)} (${fmtPct(s.passed, s.total)})`],
        ['failed', fmtInt(s.failed)],
        ['errored', fmtInt(s.errored)],
        ['unscored', fmtInt(s.unscored)],
        ['latency p50 / p95', `${fmtMs(s.latencyP50Ms)} / ${fmtMs(s.latencyP95Ms)}`],
        ['tokens in / out', `${fmtInt(s.usage.inputTokens + s.judgeUsage.inputTokens)} / ${fmtInt(s.usage.outputTokens + s.judgeUsage.outputTokens)}`],
        ['est. cost', fmtCost(s.costUsd)],
        ['cached calls', fmtInt(s.cachedCalls)],
        ['retries', fmtInt(s.retries)],
      ]
    : [['cases', fmtInt(cases.length)]];
  const means = s ? Object.entries(s.meanByCriterion) : [];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(run.suiteName)}</h1>
<p class="meta">run <code>${esc(run.id)}</code> · ${esc(run.kind)} · <span class="st st-${esc(run.status)}">${esc(run.status)}</span>
 · provider <code>${esc(run.provider)}</code>${run.judge ? ` · judge <code>${esc(run.judge)}</code>` : ''}
 · started ${esc(run.startedAt)}${run.gitCommit ? ` · commit <code>${esc(run.gitCommit.slice(0, 12))}</code>` : ''}</p>
</header>
<section class="cards">${cards.map(([k, v]) => `<div class="card"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div></div>`).join('')}</section>
${means.length ? `<section><h2>Mean score per criterion</h2><table class="means"><tbody>${means.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(fmtNum(v))}</td></tr>`).join('')}</tbody></table></section>` : ''}
<section>
<h2>Cases</h2>
<p class="filters">Show: ${['all', 'passed', 'failed', 'errored', 'unscored'].map((f) => `<label><input type="radio" name="f" value="${f}"${f === 'all' ? ' checked' : ''}> ${f}</label>`).join(' ')}</p>
<table class="cases">
<thead><tr><th>case</th><th>status</th><th>scores</th><th>output</th><th>latency</th></tr></thead>
<tbody>
${cases.map(row).join('\n')}
</tbody>
</table>
</section>
<script>
document.querySelectorAll('input[name=f]').forEach(function (r) {
  r.addEventListener('change', function () {
    var v = r.value;
    document.querySelectorAll('tr.case').forEach(function (tr) {
      tr.hidden = v !== 'all' && !tr.classList.contains('st-' + v);
      var d = tr.nextElementSibling; if (d) d.hidden = tr.hidden;
    });
  });
});
</script>
</body>
</html>
`;
}

function row(c: CaseReport): string {
  const name = c.repeat > 0 ? `${c.caseId} #${c.repeat + 1}` : c.caseId;
  const scores = c.scores
    .map((s) => `<span class="sc ${s.value === null ? 'un' : s.passed === false ? 'bad' : 'ok'}">${esc(s.criterion)}: ${esc(s.label ?? fmtNum(s.value))}</span>`)
    .join(' ');
  const details = [
    section('input', JSON.stringify(c.input, null, 2)),
    c.context !== undefined ? section('context', c.context.map(chunkLine).join('\n\n')) : '',
    c.expected !== undefined ? section('expected', typeof c.expected === 'string' ? c.expected : JSON.stringify(c.expected, null, 2)) : '',
    section('prompt', c.prompt),
    c.error !== null ? section('error', c.error) : section('output', c.output ?? ''),
    c.scores.length
      ? `<h4>scores</h4><ul>${c.scores
          .map((s) => `<li><b>${esc(s.criterion)}</b> = ${esc(s.label ?? fmtNum(s.value))}${s.passed === undefined ? '' : s.passed ? ' (pass)' : ' (fail)'}${s.reason ? ` — ${esc(s.reason)}` : ''}</li>`)
          .join('')}</ul>`
      : '',
    `<p class="meta">tokens ${c.usage.inputTokens} in / ${c.usage.outputTokens} out · judge ${c.judgeUsage.inputTokens} / ${c.judgeUsage.outputTokens}${c.cached ? ' · cached' : ''} · attempts ${c.attempts}</p>`,
  ].join('');
  return `<tr class="case st-${c.status}"><td><code>${esc(name)}</code></td><td><span class="st st-${c.status}">${c.status}</span></td><td>${scores}</td><td>${esc(oneLine(c.error ?? c.output, 120))}</td><td>${esc(fmtMs(c.latencyMs))}</td></tr>
<tr class="detail"><td colspan="5"><details><summary>details</summary>${details}</details></td></tr>`;
}

function section(label: string, text: string): string {
  return `<h4>${esc(label)}</h4><pre>${esc(text)}</pre>`;
}

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2330;background:#fafbfc}
h1{margin:0 0 4px}h2{margin:24px 0 8px;font-size:17px}h4{margin:10px 0 4px;font-size:13px;color:#555}
.meta{color:#5b6372;font-size:13px}code{font-family:ui-monospace,monospace;font-size:12px}
.cards{display:flex;flex-wrap:wrap;gap:8px;margin-top:16px}
.card{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:8px 12px;min-width:110px}
.card .k{color:#5b6372;font-size:12px}.card .v{font-size:17px;font-weight:600}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border-bottom:1px solid #e6e9ee;padding:5px 8px;text-align:left;vertical-align:top}
table.means{width:auto}
pre{white-space:pre-wrap;word-break:break-word;background:#f3f5f8;padding:8px;border-radius:4px;max-height:320px;overflow:auto}
.st{padding:1px 6px;border-radius:8px;font-size:12px}
.st-passed,.st-finished{background:#dff5e3}.st-failed{background:#fde2e1}.st-errored,.st-interrupted{background:#ffe9c7}.st-unscored,.st-running{background:#e6e9ee}
.sc{display:inline-block;margin:1px;padding:0 5px;border-radius:4px;font-size:12px}
.sc.ok{background:#dff5e3}.sc.bad{background:#fde2e1}.sc.un{background:#e6e9ee}
tr.detail td{border-bottom:2px solid #e6e9ee;padding-top:0}
`;
