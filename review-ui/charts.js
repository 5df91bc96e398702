import { el } from './lib.js';

// The admin page's two figures, drawn with DOM and SVG APIs only: every label goes in through
// textContent, shading through classes (the CSP forbids inline style) or SVG presentation attributes.

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

/** 0 for an empty cell, else 1..5 by share of the largest cell: a few classes read better than a gradient. */
export function heatBucket(count, max) {
  if (!count || !max) return 0;
  return Math.max(1, Math.min(5, Math.ceil((count / max) * 5)));
}

/**
 * Confusion matrix as a heat-map table: judge's label in rows, the human consensus in columns
 * (calibration's `confusion.matrix` is the other way round: rows = human consensus, cols = judge).
 * Counts are printed in every cell; the diagonal (agreement) is outlined; totals on the margins.
 */
export function heatMap(confusion, { caption } = {}) {
  const labels = confusion.labels;
  const k = labels.length;
  const at = (judge, human) => confusion.matrix[human]?.[judge] ?? 0;
  let max = 0;
  let total = 0;
  for (let j = 0; j < k; j++) for (let h = 0; h < k; h++) {
    max = Math.max(max, at(j, h));
    total += at(j, h);
  }
  const colTotal = (h) => labels.reduce((s, _, j) => s + at(j, h), 0);
  const rowTotal = (j) => labels.reduce((s, _, h) => s + at(j, h), 0);

  return el('table', { class: 'heatmap' },
    caption ? el('caption', { text: caption }) : null,
    el('thead', {},
      el('tr', {}, el('th', { class: 'corner', rowspan: 2, text: 'judge ↓' }), el('th', { class: 'axis', colspan: k, text: 'human consensus →' }), el('th', { rowspan: 2, class: 'total', text: 'total' })),
      el('tr', {}, labels.map((l) => el('th', { scope: 'col', text: l })))),
    el('tbody', {},
      labels.map((jl, j) => el('tr', {},
        el('th', { scope: 'row', text: jl }),
        labels.map((hl, h) => {
          const n = at(j, h);
          return el('td', {
            class: `cell heat-${heatBucket(n, max)}${j === h ? ' diag' : ''}`,
            dataset: { judge: jl, human: hl },
            title: `judge ${jl}, humans ${hl}: ${n} item${n === 1 ? '' : 's'}`,
            text: n,
          });
        }),
        el('td', { class: 'total', text: rowTotal(j) }),
      )),
      el('tr', { class: 'totals' }, el('th', { scope: 'row', text: 'total' }), labels.map((_, h) => el('td', { class: 'total', text: colTotal(h) })), el('td', { class: 'total', text: total })),
    ),
  );
}

/**
 * Judge-vs-human chart: each judge's kappa against the human consensus with its bootstrap 95% CI
 * as whiskers, each human's kappa against the other humans as a hollow dot, and the humans'
 * [min, max] as a shaded band. A judge whose whisker touches the band is "within human range".
 *
 * rows: [{ label, kind: 'judge' | 'human', value: number | null, ci95?: [lo, hi] | null, note? }]
 */
export function kappaChart(rows, range, { title = 'kappa against the human consensus' } = {}) {
  const rowH = 30;
  const left = 170;
  const right = 24;
  const top = 30;
  const bottom = 34;
  const width = 640;
  const plotW = width - left - right;
  const height = top + bottom + Math.max(rows.length, 1) * rowH;

  const finite = [0, 1];
  for (const r of rows) {
    if (r.value !== null) finite.push(r.value);
    if (r.ci95) finite.push(r.ci95[0], r.ci95[1]);
  }
  if (range) finite.push(range[0], range[1]);
  // a little room left of the lowest value, so a dot at 0 is not drawn on the frame
  const lo = Math.max(-1, Math.floor((Math.min(...finite) - 0.05) * 5) / 5);
  const hi = 1;
  const x = (v) => left + ((Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo)) * plotW;
  const y = (i) => top + i * rowH + rowH / 2;

  const root = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title });
  root.append(svg('title', {}, title));
  root.append(svg('text', { x: left, y: 16, class: 'chart-title' }, title));

  if (range) {
    // at least 6 px wide, so a range of one value (humans who agree) still shows
    const w = Math.max(6, x(range[1]) - x(range[0]));
    const bx = (x(range[0]) + x(range[1])) / 2 - w / 2;
    root.append(svg('rect', { class: 'human-band', x: bx, y: top - 4, width: w, height: rows.length * rowH + 8 }));
  }
  for (let t = Math.ceil(lo * 5) / 5; t <= hi + 1e-9; t += 0.2) {
    const tx = x(t);
    root.append(svg('line', { class: Math.abs(t) < 1e-9 ? 'axis-zero' : 'grid', x1: tx, x2: tx, y1: top - 4, y2: height - bottom + 4 }));
    root.append(svg('text', { class: 'tick', x: tx, y: height - bottom + 18, 'text-anchor': 'middle' }, (Math.round(t * 10) / 10).toFixed(1)));
  }
  root.append(svg('text', { class: 'axis-label', x: left + plotW / 2, y: height - 4, 'text-anchor': 'middle' }, range ? 'kappa (shaded: range of the humans, each against the others)' : 'kappa'));

  rows.forEach((r, i) => {
    const cy = y(i);
    const g = svg('g', { class: `row ${r.kind}`, 'data-label': r.label });
    g.append(svg('text', { class: 'row-label', x: left - 10, y: cy + 4, 'text-anchor': 'end' }, r.label));
    if (r.value === null) {
      g.append(svg('text', { class: 'undefined', x: left + 6, y: cy + 4 }, `undefined${r.note ? `: ${r.note}` : ''}`));
    } else {
      if (r.ci95) {
        const [a, b] = r.ci95;
        g.append(svg('line', { class: 'whisker', x1: x(a), x2: x(b), y1: cy, y2: cy }));
        for (const v of [a, b]) g.append(svg('line', { class: 'whisker', x1: x(v), x2: x(v), y1: cy - 6, y2: cy + 6 }));
      }
      const dot = svg('circle', { class: 'dot', cx: x(r.value), cy, r: r.kind === 'judge' ? 6 : 4.5 });
      dot.append(svg('title', {}, `${r.label}: ${r.value.toFixed(2)}${r.ci95 ? ` [${r.ci95[0].toFixed(2)}, ${r.ci95[1].toFixed(2)}]` : ''}`));
      g.append(dot);
      g.append(svg('text', { class: 'value', x: Math.min(x(r.value) + 10, width - right - 28), y: cy - 7 }, r.value.toFixed(2)));
    }
    root.append(g);
  });
  return root;
}
