import type { RepeatSummary } from '../storage/store.js';
import { fmtInt, fmtNum } from './format.js';
import { fmtRateCi } from './uncertainty.js';
import { escapeXml as esc } from './xml.js';

/** The "Repeats" section of a run report: reduced verdicts, pass@k and pass^k, spread. */
export function repeatsSection(r: RepeatSummary, charts: unknown[]): string {
  const pct = (v: number | null) => (v === null ? '–' : `${(100 * v).toFixed(1)}%`);
  charts.push({
    canvas: 'chart-repeats',
    kind: 'series',
    labels: r.passAtK.map((x) => `k=${x.k}`),
    series: [
      { name: 'pass@k (at least one of k passes)', values: r.passAtK.map((x) => x.value) },
      { name: 'pass^k (all k pass)', values: r.passHatK.map((x) => x.value) },
    ],
    tips: r.passAtK.map((x, i) => `pass@${x.k} ${pct(x.value)} · pass^${x.k} ${pct(r.passHatK[i]!.value)}`),
    percent: true,
  });
  const spread = Object.entries(r.spread);
  return `<section id="repeats">
<h2>Repeats: ${r.repeats} per case, reduced by ${esc(r.reduce)}</h2>
<p class="note">Each case ran ${r.repeats} times. Its verdict is the <b>${esc(r.reduce)}</b> of its repeats (an errored or unscored repeat is left out, not counted as a failure); the counts above are per repeat.</p>
<div class="cards">
<div class="card"><div class="k">cases (reduced)</div><div class="v" id="reduced-cases">${fmtInt(r.cases)}</div></div>
<div class="card"><div class="k">passed</div><div class="v" id="reduced-passed">${fmtInt(r.passed)}</div><div class="ci">${esc(fmtRateCi(r.passed, r.cases))}</div></div>
<div class="card"><div class="k">failed</div><div class="v">${fmtInt(r.failed)}</div></div>
<div class="card"><div class="k">errored / unscored</div><div class="v">${fmtInt(r.errored)} / ${fmtInt(r.unscored)}</div></div>
<div class="card"><div class="k">unstable (verdict flips)</div><div class="v" id="unstable-count">${fmtInt(r.unstable.length)}</div></div>
</div>
<div class="grid">
<div class="figure"><h3>pass@k and pass^k</h3><div class="chart"><canvas id="chart-repeats" role="img" aria-label="pass@k and pass^k by k"></canvas></div></div>
<div>
<table class="pass-at-k">
<thead><tr><th>k</th><th class="num">pass@k</th><th class="num">pass^k</th></tr></thead>
<tbody>
${r.passAtK.map((x, i) => `<tr data-k="${x.k}"><th>${x.k}</th><td class="num">${pct(x.value)}</td><td class="num">${pct(r.passHatK[i]!.value)}</td></tr>`).join('\n')}
</tbody>
</table>
${spread.length ? `<table class="spread"><thead><tr><th>criterion</th><th class="num">sd within a case</th></tr></thead><tbody>${spread.map(([c, sd]) => `<tr><th>${esc(c)}</th><td class="num">${esc(sd === null ? '–' : fmtNum(sd, 3))}</td></tr>`).join('')}</tbody></table>` : ''}
</div>
</div>
<p class="note">pass@k: the chance that at least one of k tries passes (unbiased estimator, Chen et al. 2021); pass^k: the chance that all k pass (τ-bench). A wide gap between them means an inconsistent system.${r.unstable.length ? ` Unstable cases: ${esc(r.unstable.slice(0, 20).join(', '))}${r.unstable.length > 20 ? ' …' : ''} (status filter "unstable" below).` : ''}</p>
</section>`;
}
