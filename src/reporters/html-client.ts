/**
 * The script every HTML report runs (allowed by its hash in the page's CSP). Plain ES2017, no
 * template literals (this is a TypeScript string). It reads the JSON block, draws the charts the
 * data ask for with the inlined Chart.js, and renders the case table with filters. All model text
 * goes in through textContent: it can never become markup.
 *
 * data.charts: [{ canvas, kind: 'bars' | 'interval' | 'forest' | 'series', labels, values | series, lo?, hi?, tips, percent? }]
 * data.cases:  [{ name, status, tags, output, error, scores: [{ criterion, shown, passed, reason, claims? }],
 *                 input, expected, context, prompt, latency, text }]
 */
export const CLIENT_JS = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('juror-data').textContent);
  var PAGE = 200;

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }

  // ---- charts -------------------------------------------------------------------------------
  var INK = '#1d2330', MUTED = '#5b6372', ACCENT = '#3563c9', LIGHT = 'rgba(53,99,201,0.22)';
  var BY_VERDICT = { better: '#1f8a4c', worse: '#c0362c', same: '#5b6372' };

  var zeroLine = {
    id: 'zeroLine',
    afterDatasetsDraw: function (chart) {
      var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
      var px = x.getPixelForValue(0);
      if (px < area.left || px > area.right) return;
      ctx.save();
      ctx.strokeStyle = MUTED;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(px, area.top);
      ctx.lineTo(px, area.bottom);
      ctx.stroke();
      ctx.restore();
    }
  };

  function pct(v) { return Math.round(v * 1000) / 10 + '%'; }

  function chartConfig(spec) {
    var tip = { callbacks: { label: function (item) { return spec.tips[item.dataIndex]; } } };
    var tick = spec.percent ? { callback: function (v) { return pct(v); } } : {};
    if (spec.kind === 'bars') {
      return {
        type: 'bar',
        data: { labels: spec.labels, datasets: [{ data: spec.values, backgroundColor: ACCENT, borderRadius: 3 }] },
        options: { plugins: { legend: { display: false }, tooltip: tip },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'cases' } },
                    x: { title: { display: !!spec.axis, text: spec.axis || '' } } } }
      };
    }
    if (spec.kind === 'series') {
      var palette = [ACCENT, '#c0362c', '#1f8a4c'];
      return {
        type: 'line',
        data: { labels: spec.labels, datasets: spec.series.map(function (s, i) {
          return { label: s.name, data: s.values, borderColor: palette[i % 3], backgroundColor: palette[i % 3], pointRadius: 4, tension: 0 };
        }) },
        options: { plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { footer: function (items) { return spec.tips[items[0].dataIndex]; } } } },
          scales: { y: { min: 0, max: 1, ticks: tick } } }
      };
    }
    var ranges = spec.lo.map(function (lo, i) { return lo === null ? null : [lo, spec.hi[i]]; });
    var colours = (spec.verdicts || []).map(function (v) { return BY_VERDICT[v] || INK; });
    var datasets = spec.kind === 'interval'
      ? [{ data: spec.values, backgroundColor: LIGHT, grouped: false, barPercentage: 0.8, categoryPercentage: 0.9 },
         { data: ranges, backgroundColor: INK, grouped: false, barPercentage: 0.12, categoryPercentage: 0.9 }]
      : [{ data: ranges, backgroundColor: colours.length ? colours : INK, grouped: false, barPercentage: 0.14, categoryPercentage: 0.9 },
         { type: 'line', indexAxis: 'y', data: spec.values, showLine: false, pointRadius: 6, pointHoverRadius: 7,
           pointBackgroundColor: colours.length ? colours : INK, pointBorderColor: '#fff', borderWidth: 0 }];
    var x = { ticks: tick, title: { display: !!spec.axis, text: spec.axis || '' }, grid: { color: '#eef0f3' } };
    if (spec.percent && spec.kind === 'interval') { x.min = 0; x.max = 1; }
    if (spec.kind === 'forest') {
      // Room on both sides, and always the zero line: an interval ending at 0 must not sit on the edge.
      var ends = [0].concat(spec.lo.filter(function (v) { return v !== null; }), spec.hi.filter(function (v) { return v !== null; }));
      var lo = Math.min.apply(null, ends), hi = Math.max.apply(null, ends), pad = (hi - lo || 1) * 0.08;
      x.suggestedMin = lo - pad;
      x.suggestedMax = hi + pad;
    }
    return {
      type: 'bar',
      data: { labels: spec.labels, datasets: datasets },
      options: { indexAxis: 'y', plugins: { legend: { display: false }, tooltip: tip }, scales: { x: x, y: { grid: { display: false } } } },
      plugins: spec.kind === 'forest' ? [zeroLine] : []
    };
  }

  if (window.Chart) {
    Chart.defaults.animation = false;
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.font.family = 'system-ui, sans-serif';
    Chart.defaults.color = MUTED;
    (data.charts || []).forEach(function (spec) {
      var canvas = document.getElementById(spec.canvas);
      if (!canvas) return;
      // One row per label: the box grows with the rows (CSSOM, which the CSP allows).
      if (spec.kind === 'interval' || spec.kind === 'forest') canvas.parentNode.style.height = (56 + spec.labels.length * 30) + 'px';
      new Chart(canvas, chartConfig(spec));
    });
  }

  // ---- cases --------------------------------------------------------------------------------
  var table = document.getElementById('cases');
  if (!table || !data.cases) return;
  var tbody = table.querySelector('tbody');
  var search = document.getElementById('q');
  var status = document.getElementById('status');
  var tag = document.getElementById('tag');
  var count = document.getElementById('count');
  var more = document.getElementById('more');
  var shown = PAGE;
  var cases = data.cases.map(function (c) { c.haystack = c.text.toLowerCase(); return c; });

  function block(parent, label, text) {
    if (text === null || text === undefined || text === '') return;
    parent.appendChild(el('h4', null, label));
    parent.appendChild(el('pre', null, text));
  }

  // The verdicts behind a RAG score: one row per claim / statement / chunk (reporters/claims.ts).
  var MARK = { supported: '\u2713', relevant: '\u2713', contradicted: '\u2717', not_found: '?', irrelevant: '\u00b7' };
  var BAD = { contradicted: 1, not_found: 1, irrelevant: 1 };
  function claimsTable(claims) {
    var t = el('table', 'claims');
    var head = el('tr');
    ['verdict', claims[0].kind === 'chunk' ? 'text' : claims[0].kind, 'chunk', 'reason'].forEach(function (h) { head.appendChild(el('th', null, h)); });
    t.appendChild(head);
    claims.forEach(function (x) {
      var tr = el('tr', BAD[x.verdict] ? 'v-bad' : 'v-ok');
      tr.appendChild(el('td', 'verdict', MARK[x.verdict] + ' ' + x.verdict.replace('_', ' ')));
      tr.appendChild(el('td', null, x.text));
      tr.appendChild(el('td', 'chunk', x.chunk || ''));
      tr.appendChild(el('td', null, x.reason));
      t.appendChild(tr);
    });
    return t;
  }

  function detail(c) {
    var tr = el('tr', 'detail');
    var td = el('td');
    td.colSpan = 6;
    block(td, 'input', c.input);
    block(td, 'context', c.context);
    block(td, 'expected', c.expected);
    block(td, 'prompt', c.prompt);
    var side = c.baseline ? 'candidate ' : '';
    if (c.baseline) {
      if (c.baseline.error !== null) block(td, 'baseline error (' + c.baseline.status + ')', c.baseline.error);
      else block(td, 'baseline output (' + c.baseline.status + ')', c.baseline.output);
      scoreList(td, 'baseline scores', c.baseline.scores);
    }
    if (c.error !== null) block(td, side + 'error', c.error); else block(td, side + 'output', c.output);
    scoreList(td, side + 'scores', c.scores);
    if (c.repeats) block(td, 'repeats', c.repeats);
    tr.appendChild(td);
    return tr;
  }

  function scoreList(td, label, scores) {
    if (scores.length) {
      td.appendChild(el('h4', null, label));
      var ul = el('ul');
      scores.forEach(function (s) {
        var li = el('li');
        li.appendChild(el('b', null, s.criterion));
        li.appendChild(document.createTextNode(' = ' + s.shown + (s.passed === null ? '' : s.passed ? ' (pass)' : ' (fail)') + (s.reason ? ' \u2014 ' + s.reason : '')));
        if (s.claims) li.appendChild(claimsTable(s.claims));
        ul.appendChild(li);
      });
      td.appendChild(ul);
    }
  }

  function row(c) {
    var tr = el('tr', 'case');
    tr.setAttribute('data-status', c.status);
    tr.setAttribute('data-case', c.name);
    var name = el('td');
    name.appendChild(el('code', null, c.name));
    tr.appendChild(name);
    var st = el('td');
    st.appendChild(el('span', 'st st-' + c.status, c.shownStatus || c.status));
    if (c.unstable) st.appendChild(el('span', 'small', 'unstable'));
    tr.appendChild(st);
    tr.appendChild(el('td', 'tags', c.tags.join(', ')));
    var sc = el('td');
    c.scores.forEach(function (s) {
      sc.appendChild(el('span', 'sc ' + (s.value === null ? 'un' : s.passed === false ? 'bad' : 'ok'), s.criterion + ': ' + s.shown));
      sc.appendChild(document.createTextNode(' '));
    });
    tr.appendChild(sc);
    var out = c.error !== null ? c.error : (c.output || '');
    tr.appendChild(el('td', 'out', out.length > 140 ? out.slice(0, 139) + '\u2026' : out));
    tr.appendChild(el('td', 'num', c.latency));
    var open = null;
    tr.addEventListener('click', function () {
      if (open) { open.remove(); open = null; } else { open = detail(c); tr.after(open); }
    });
    return tr;
  }

  function render() {
    var q = search.value.trim().toLowerCase();
    var st = status.value, tg = tag.value;
    var hits = cases.filter(function (c) {
      return (st === 'all' || c.status === st || (st === 'unstable' && c.unstable)) &&
        (tg === '' || c.tags.indexOf(tg) >= 0 || (tg === '(no tag)' && c.tags.length === 0)) &&
        (q === '' || c.haystack.indexOf(q) >= 0);
    });
    tbody.textContent = '';
    var frag = document.createDocumentFragment();
    hits.slice(0, shown).forEach(function (c) { frag.appendChild(row(c)); });
    tbody.appendChild(frag);
    count.textContent = 'showing ' + Math.min(shown, hits.length) + ' of ' + hits.length + ' matching (' + cases.length + ' in all)';
    more.hidden = hits.length <= shown;
  }

  function reset() { shown = PAGE; render(); }
  search.addEventListener('input', reset);
  status.addEventListener('change', reset);
  tag.addEventListener('change', reset);
  more.addEventListener('click', function () { shown += PAGE; render(); });
  render();
})();
`;
