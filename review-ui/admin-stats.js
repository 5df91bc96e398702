import { heatMap, kappaChart } from './charts.js';
import { api, el } from './lib.js';

// Agreement and calibration of one review queue, per criterion: the same figures as
// `juror agreement --review ID` and `juror calibrate --review ID`, with a confusion heat map and a
// judge-vs-human kappa chart. Everything is inserted with textContent.

let stylesheet;
/** admin-stats.css is only needed here; a <link> added from script is allowed by the CSP (style-src 'self'). */
function ensureStylesheet() {
  if (stylesheet) return;
  stylesheet = el('link', { rel: 'stylesheet', href: '/ui/admin-stats.css' });
  document.head.append(stylesheet);
}

/** Landis & Koch (1977) on the value as printed (3 decimals), upper bounds inclusive; as the CLI. */
export function landisKoch(v) {
  if (v === null || v === undefined) return '';
  const r = Number(v.toFixed(3));
  if (r < 0) return 'poor';
  if (r <= 0.2) return 'slight';
  if (r <= 0.4) return 'fair';
  if (r <= 0.6) return 'moderate';
  if (r <= 0.8) return 'substantial';
  return 'almost perfect';
}

const num = (v, d = 3) => (v === null || v === undefined ? '—' : v.toFixed(d));
const ci = (c, d = 3) => (c ? `${num(c[0], d)} – ${num(c[1], d)}` : '');

function section() {
  let box = document.getElementById('stats');
  if (!box) {
    box = el('section', { class: 'card', id: 'stats' });
    document.getElementById('detail').after(box);
  }
  return box;
}

/** Show the figures of review `id` (or hide the section when no review is selected). */
export async function loadStats(id, { refresh = false } = {}) {
  ensureStylesheet();
  const box = section();
  box.hidden = !id;
  if (!id) return;
  const status = el('p', { class: 'muted', role: 'status', id: 'stats-status', text: 'Computing agreement and calibration…' });
  box.replaceChildren(el('h2', { text: 'Agreement and calibration' }), status);
  const q = refresh ? '?refresh=1' : '';
  const base = `/api/admin/reviews/${encodeURIComponent(id)}/stats`;
  let agreement;
  let calibration;
  try {
    [agreement, calibration] = await Promise.all([api(`${base}/agreement${q}`), api(`${base}/calibration${q}`)]);
  } catch (err) {
    status.className = 'status error';
    status.textContent = `Could not compute the statistics: ${err.message}`;
    return;
  }
  if (decodeURIComponent(location.hash.slice(1)) !== id) return; // another queue was picked meanwhile
  const cal = calibration.calibration;
  const when = new Date(calibration.computedAt).toLocaleTimeString();
  status.className = calibration.stale ? 'status stale' : 'muted';
  status.replaceChildren(
    calibration.stale
      ? `Calibration computed at ${when}; labels have changed since (it is recomputed at most once a minute while annotators work). `
      : `Calibration computed at ${when}${calibration.cached ? ', kept until the next annotation' : ''}. `,
    `Judge CIs: percentile bootstrap, ${cal.resamples} resamples, seed ${cal.seed}. `,
    el('button', { type: 'button', class: 'link', id: 'stats-refresh', text: 'Recompute now', onclick: () => loadStats(id, { refresh: true }).catch((err) => { status.textContent = err.message; }) }),
  );
  const byName = new Map(cal.criteria.map((c) => [c.criterion, c]));
  const names = [...new Set([...agreement.agreement.criteria.map((c) => c.criterion), ...cal.criteria.map((c) => c.criterion)])];
  if (names.length === 0) box.append(el('p', { class: 'muted', text: 'No labels yet.' }));
  for (const name of names) {
    box.append(criterionBlock(name, agreement.agreement.criteria.find((c) => c.criterion === name), byName.get(name)));
  }
  box.append(el('p', { class: 'muted small', text: `Consensus: ${cal.consensus}. Within human range: ${cal.range_rule}.` }));
}

function criterionBlock(name, ag, cal) {
  const scale = cal ? (cal.scale === 'ordinal' ? `ordinal ${cal.labels[0]}–${cal.labels[cal.labels.length - 1]}` : `nominal ${cal.labels.join(' / ')}`) : ag?.scale ?? '';
  const facts = [scale, ag ? `${ag.items} items, ${ag.raters} raters, ${ag.labels} labels` : null].filter(Boolean).join(' · ');
  return el('div', { class: 'criterion-stats', dataset: { criterion: name } },
    el('h3', {}, name, ' ', el('span', { class: 'muted', text: facts })),
    el('div', { class: 'stats-grid' },
      el('div', {}, el('h4', { text: 'Human–human agreement' }), ag ? agreementTable(ag) : el('p', { class: 'muted', text: 'no labels' })),
      el('div', {}, el('h4', { text: `Judges vs humans${cal ? ` (kappa ${cal.kappa_weights === 'none' ? 'unweighted' : cal.kappa_weights})` : ''}` }), cal ? calibrationTables(cal) : el('p', { class: 'muted', text: 'no calibration' })),
    ),
    cal ? figures(cal) : null,
  );
}

function agreementTable(c) {
  const rows = [];
  const stat = (label, s, { se, interval, band = true } = {}) => {
    const undef = s.value === null;
    rows.push(el('tr', { dataset: { stat: label } },
      el('th', { scope: 'row', text: label }),
      el('td', { class: 'num value', text: num(s.value) }),
      el('td', { class: 'num', text: se === undefined ? '' : num(se) }),
      el('td', { class: 'num', text: interval ? ci(interval) : '' }),
      undef ? el('td', { class: 'muted reason', text: s.reason })
        : band ? el('td', { class: `band band-${landisKoch(s.value).replace(' ', '-')}`, text: landisKoch(s.value) }) : el('td', {}),
    ));
  };
  const ck = c.cohen_kappa;
  const g = c.gwet_ac1;
  stat('percent agreement', c.percent_agreement, { band: false });
  stat(`Cohen's kappa${ck.weights && ck.weights !== 'none' ? ` (${ck.weights})` : ''}`, ck, { se: ck.se, interval: ck.ci95 });
  stat("Fleiss' kappa", c.fleiss_kappa);
  stat(`Krippendorff's alpha (${c.scale})`, c.krippendorff_alpha);
  stat("Gwet's AC1", g, { se: g.se, interval: g.value !== null && g.se !== undefined ? [g.value - 1.96 * g.se, g.value + 1.96 * g.se] : undefined });
  const table = el('table', { class: 'grid stats agreement' },
    el('thead', {}, el('tr', {}, ['statistic', 'value', 'SE', '95% CI', 'Landis–Koch'].map((h) => el('th', { text: h })))),
    el('tbody', {}, rows),
  );
  if (c.pairwise.length === 0 || c.raters <= 2) return table;
  return el('div', {}, table,
    el('details', { class: 'pairwise' }, el('summary', { text: `Pairwise Cohen's kappa (${c.pairwise.length} pairs)` }),
      el('table', { class: 'grid stats' },
        el('thead', {}, el('tr', {}, ['raters', 'n', 'kappa', 'agree', 'reading'].map((h) => el('th', { text: h })))),
        el('tbody', {}, c.pairwise.map((p) => el('tr', {},
          el('td', { text: `${p.raters[0]} – ${p.raters[1]}` }), el('td', { class: 'num', text: p.n }),
          el('td', { class: 'num', text: num(p.cohen_kappa) }), el('td', { class: 'num', text: num(p.percent_agreement) }),
          el('td', { class: 'muted', text: p.cohen_kappa === null ? p.reason ?? '' : landisKoch(p.cohen_kappa) })))))));
}

const calCell = (s, withCi = true) => {
  if (s.value === null) return el('td', { class: 'num muted', title: s.reason, text: '—' });
  return el('td', { class: 'num' }, num(s.value, 2), withCi && s.ci95 ? el('span', { class: 'ci', text: ` [${num(s.ci95[0], 2)}, ${num(s.ci95[1], 2)}]` }) : null);
};

const VERDICT = { within: 'within human range', above: 'above human range', below: 'below human range' };

function calibrationTables(c) {
  const judges = el('table', { class: 'grid stats calibration' },
    el('thead', {}, el('tr', {}, ['#', 'judge', 'scored', 'kappa [95% CI]', 'Spearman', 'exact', 'within 1', 'bias', 'vs humans'].map((h) => el('th', { text: h })))),
    el('tbody', {}, c.judges.map((j) => el('tr', { dataset: { judge: j.judge } },
      el('td', { class: 'num', text: j.rank ?? '–' }),
      el('td', {}, el('span', { class: 'mono', text: j.judge }), j.spec ? el('div', { class: 'muted small', text: j.spec }) : null),
      el('td', { class: 'num', title: `${j.unscored} unscored, ${j.missing} without a judge score`, text: `${j.scored}/${j.items}` }),
      calCell(j.kappa), calCell(j.spearman, false), calCell(j.exact, false), calCell(j.within_one, false), calCell(j.bias, false),
      el('td', {}, j.human_range.verdict
        ? el('span', { class: `verdict ${j.human_range.verdict}`, text: VERDICT[j.human_range.verdict] })
        : el('span', { class: 'muted small', text: j.human_range.reason })),
    ))),
  );
  const range = c.human_ceiling.range;
  const rr = (k) => (range[k] ? `${num(range[k][0], 2)} – ${num(range[k][1], 2)}` : '—');
  const ceiling = el('table', { class: 'grid stats ceiling' },
    el('caption', { text: 'Human ceiling: each human against the other humans' }),
    el('thead', {}, el('tr', {}, ['human', 'n', 'kappa', 'Spearman', 'exact', 'within 1', 'bias'].map((h) => el('th', { text: h })))),
    el('tbody', {},
      c.human_ceiling.raters.map((h) => el('tr', {}, el('td', { text: h.rater }), el('td', { class: 'num', text: h.n }),
        calCell(h.kappa), calCell(h.spearman), calCell(h.exact), calCell(h.within_one), calCell(h.bias))),
      el('tr', { class: 'range' }, el('th', { scope: 'row', text: 'range' }), el('td', {}),
        ['kappa', 'spearman', 'exact', 'within_one', 'bias'].map((k) => el('td', { class: 'num', text: rr(k) }))),
    ),
  );
  return el('div', {}, judges, ceiling, lengthTable(c));
}

/**
 * Verbosity bias (calibrate's length_bias): Spearman's rho of each judge's scores with output length
 * beside the humans' on the same items. Its own small table, so the judges table keeps its width.
 */
function lengthTable(c) {
  return el('table', { class: 'grid stats length-bias' },
    el('caption', { text: "Length bias: Spearman's rho of score vs output length (characters), 95% bootstrap CI" }),
    el('thead', {}, el('tr', {}, ['judge', 'n', 'judge rho', 'humans rho'].map((h) => el('th', { text: h })))),
    el('tbody', {}, c.judges.map((j) => {
      const lb = j.length_bias;
      return el('tr', {}, el('td', { class: 'mono', text: j.judge }), el('td', { class: 'num', text: lb ? lb.n : '—' }),
        lb ? calCell(lb.judge) : el('td', { text: '—' }), lb ? calCell(lb.humans) : el('td', { text: '—' }));
    })),
  );
}

function figures(c) {
  const maps = c.judges.map((j) => el('figure', { class: 'heat', dataset: { judge: j.judge } },
    heatMap(j.confusion, { caption: `${j.judge}${j.spec ? ` (${j.spec})` : ''}: ${j.scored} items` })));
  const rows = [
    ...c.judges.map((j) => ({ label: `judge ${j.judge}`, kind: 'judge', value: j.kappa.value, ci95: j.kappa.ci95 ?? null, note: j.kappa.reason })),
    ...c.human_ceiling.raters.map((h) => ({ label: `human ${h.rater}`, kind: 'human', value: h.kappa.value, note: h.kappa.reason })),
  ];
  return el('div', { class: 'stats-figures' },
    el('div', { class: 'heatmaps' }, el('h4', { text: 'Confusion: judge × human consensus' }), el('div', { class: 'heat-row' }, maps)),
    el('figure', { class: 'kappa-chart' }, kappaChart(rows, c.human_ceiling.range.kappa, { title: `${c.criterion}: kappa vs the human consensus (95% CI)` })),
  );
}
