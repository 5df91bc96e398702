import { loadStats } from './admin-stats.js';
import { api, el, setStatus } from './lib.js';

// Admin page: every queue with progress per annotator; a selected queue's disagreements, flagged
// items, export links, agreement and calibration (admin-stats.js); and the form that creates a
// queue from a stored run.

const $ = (id) => document.getElementById(id);

/** A pairwise queue's side: its run, and its column of a matrix run (`RUN:N`). */
function side(s) {
  return s.column === undefined ? s.runId : `${s.runId}:${s.column}`;
}

async function loadReviews() {
  const { reviews } = await api('/api/admin/reviews');
  const box = $('reviews');
  box.replaceChildren();
  setStatus(reviews.length === 0 ? 'No review queue yet: create one below or with `juror review create`.' : '');
  if (reviews.length === 0) return;
  const table = el('table', { class: 'grid' },
    el('thead', {}, el('tr', {}, ['Queue', 'Run', 'Rubric', 'Items', 'Overlap', 'Blind', 'Progress per annotator'].map((h) => el('th', { text: h })))),
    el('tbody', {}, reviews.map((r) => el('tr', { dataset: { review: r.id } },
      el('td', {}, el('a', { href: `#${r.id}`, class: 'review-link', text: r.name })),
      el('td', { class: 'mono', text: r.pair ? `${side(r.pair.a)} vs ${side(r.pair.b)}` : r.runId }),
      el('td', { text: r.rubric }),
      el('td', { class: 'num', text: r.items }),
      el('td', { class: 'num', text: r.overlap }),
      el('td', { text: r.blind ? 'yes' : 'no' }),
      el('td', {}, r.progress.map((p) => el('span', { class: 'chip', title: `${p.skipped} skipped, ${p.flagged} flagged` }, `${p.annotatorName} ${p.done}/${p.assigned}`))),
    ))),
  );
  box.append(table);
}

async function loadDetail(id) {
  if (!id) {
    $('detail').hidden = true;
    await loadStats(null);
    return;
  }
  const d = await api(`/api/admin/reviews/${encodeURIComponent(id)}`);
  $('detail').hidden = false;
  $('detail-title').textContent = `${d.review.name} (${d.review.items} items, overlap ${d.review.overlap})`;
  const base = `/admin/reviews/${encodeURIComponent(id)}`;
  $('export-csv').href = `${base}/export.csv`;
  $('export-jsonl').href = `${base}/export.jsonl`;
  $('export-history').href = `${base}/export.csv?history=1`;
  $('agreement-link').href = `${base}/agreement`;

  table($('progress'), ['Annotator', 'Assigned', 'Done', 'Skipped', 'Flagged', ''], d.progress.map((p) => [
    p.annotatorName, p.assigned, p.done, p.skipped, p.flagged,
    el('progress', { max: Math.max(p.assigned, 1), value: p.done + p.skipped + p.flagged }),
  ]));
  $('disagree-count').textContent = `(${d.disagreements.length})`;
  table($('disagreements'), ['Item', 'Case', 'Criterion', 'Labels'], d.disagreements.map((x) => [
    x.itemId, x.caseId ?? '', x.criterion, x.labels.map((l) => `${l.annotator}: ${l.label}`).join(', '),
  ]));
  $('flag-count').textContent = `(${d.flagged.length})`;
  table($('flagged'), ['Item', 'Case', 'Annotator', 'Comment'], d.flagged.map((f) => [f.itemId, f.caseId ?? '', f.annotator, f.comment ?? '']));
  // the statistics may take a moment (bootstrap); the rest of the page does not wait for them
  loadStats(id).catch((err) => setStatus(err.message, 'error'));
}

function table(node, headers, rows) {
  node.replaceChildren(
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { text: h })))),
    el('tbody', {}, rows.length === 0
      ? el('tr', {}, el('td', { colspan: headers.length, class: 'muted', text: 'none' }))
      : rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))),
  );
}

async function loadForm() {
  const [{ runs }, { rubrics }] = await Promise.all([api('/api/admin/runs'), api('/api/admin/rubrics')]);
  // Each run, and each column of a matrix run: either can be reviewed, and be a side of a pairwise queue.
  const sides = runs.flatMap((r) => [
    { runId: r.id, text: `${r.id} · ${r.suiteName} · ${r.columns ? `all ${r.columns.length} columns` : r.provider}${r.total !== null ? ` · ${r.total} cases` : ''}` },
    ...(r.columns ?? []).map((c) => ({ runId: r.id, column: c.column, text: `${r.id}:${c.column} · column ${c.column}: ${c.provider} × ${c.prompt}` })),
  ]);
  const options = () => sides.map((s, i) => el('option', { value: String(i), text: s.text }));
  $('run').replaceChildren(...options());
  $('pair-with').append(...options());
  $('pair-with').addEventListener('change', () => {
    const pairwise = $('pair-with').value !== '';
    $('pair-hint').hidden = !pairwise;
    // a pairwise queue is always blind: which side is which model would bias the choice
    $('blind').disabled = pairwise;
    if (pairwise) $('blind').checked = true;
  });
  for (const r of rubrics) $('rubric-file').append(el('option', { value: r.file, text: r.file }));
  $('rubric-file').addEventListener('change', () => {
    const chosen = rubrics.find((r) => r.file === $('rubric-file').value);
    if (chosen) $('rubric-yaml').value = chosen.text;
  });
  $('create-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const num = (id) => ($(id).value === '' ? undefined : Number($(id).value));
    const names = $('annotators').value.split(',').map((s) => s.trim()).filter(Boolean);
    const own = sides[Number($('run').value)];
    const other = $('pair-with').value === '' ? undefined : sides[Number($('pair-with').value)];
    const body = {
      runId: own?.runId,
      column: own?.column,
      pairWith: other?.runId,
      pairWithColumn: other?.column,
      rubricYaml: $('rubric-yaml').value,
      overlap: num('overlap'),
      sample: num('sample'),
      seed: num('seed'),
      annotators: names.length ? names : undefined,
      blind: $('blind').checked,
      showExpected: $('show-expected').checked,
      name: $('name').value.trim() || undefined,
    };
    const status = $('create-status');
    status.className = 'status';
    status.textContent = 'Creating…';
    try {
      const res = await api('/api/admin/reviews', { method: 'POST', body });
      status.className = 'status ok';
      status.textContent = `Created ${res.review.kind === 'pairwise' ? 'pairwise queue' : 'queue'} "${res.review.name}" with ${res.items} ${res.review.kind === 'pairwise' ? 'pairs' : 'items'} for ${res.annotators.join(', ')} (seed ${res.seed}).`;
      await loadReviews();
    } catch (err) {
      status.className = 'status error';
      status.textContent = err.message;
    }
  });
}

async function route() {
  await loadDetail(decodeURIComponent(location.hash.slice(1)));
}

async function main() {
  await loadReviews();
  await route();
  window.addEventListener('hashchange', () => route().catch((err) => setStatus(err.message, 'error')));
  await loadForm();
}

main().catch((err) => setStatus(err.message, 'error'));
