import { api, el, randomKey, renderText, setStatus } from './lib.js';

// The annotate page: one item at a time, keyboard first. Keys: 1-9 (or Y/N) pick a level of the
// active criterion, Up/Down move between criteria, Left/Right move between items, Enter saves,
// S skips, F flags a broken item, C goes to the comment, Esc leaves it.

const reviewId = document.getElementById('main').dataset.review;
const $ = (id) => document.getElementById(id);
const state = { review: null, items: [], index: 0, item: null, active: 0, saving: false, seq: 0 };

async function main() {
  const data = await api(`/api/reviews/${encodeURIComponent(reviewId)}`);
  state.review = data.review;
  state.items = data.items;
  $('review-name').textContent = data.review.name;
  document.title = `${data.review.name} · juror`;
  buildCriteria();
  const fromHash = state.items.findIndex((i) => String(i.itemId) === location.hash.slice(1));
  const firstTodo = state.items.findIndex((i) => i.status === 'todo');
  await show(fromHash >= 0 ? fromHash : firstTodo >= 0 ? firstTodo : 0);
  wire();
}

function criteria() {
  return state.review.rubric.criteria;
}

function values(c) {
  return c.scale.type === 'ordinal' ? c.scale.levels.map(String) : c.scale.choices;
}

function buildCriteria() {
  const box = $('criteria');
  box.replaceChildren();
  criteria().forEach((c, ci) => {
    const options = values(c).map((v, vi) => {
      const id = `c${ci}-v${vi}`;
      const anchor = c.anchors?.[v];
      return el('label', { class: 'level', for: id },
        el('input', { type: 'radio', name: `crit-${ci}`, id, value: v, tabindex: '-1' }),
        el('kbd', { text: shortcutFor(c, vi) }),
        el('span', { class: 'level-value', text: v }),
        anchor ? el('span', { class: 'anchor', text: anchor }) : null,
      );
    });
    const fs = el('fieldset', { class: 'criterion', dataset: { index: String(ci) } },
      el('legend', {}, el('span', { class: 'crit-name', text: c.name })),
      el('p', { class: 'question', text: c.question }),
      el('div', { class: 'levels' }, options),
    );
    fs.addEventListener('click', () => setActive(ci));
    fs.addEventListener('change', () => afterPick(ci));
    box.append(fs);
  });
}

function shortcutFor(c, vi) {
  if (c.scale.type === 'nominal' && c.scale.choices.length === 2) return vi === 0 ? `${vi + 1}/Y` : `${vi + 1}/N`;
  if (c.scale.type === 'ordinal' && c.scale.levels.every((l) => Number.isInteger(l) && l >= 0 && l <= 9)) return String(c.scale.levels[vi]);
  return vi < 9 ? String(vi + 1) : '';
}

function setActive(ci) {
  state.active = Math.max(0, Math.min(criteria().length - 1, ci));
  document.querySelectorAll('fieldset.criterion').forEach((fs, i) => fs.classList.toggle('active', i === state.active));
}

function afterPick(ci) {
  // Move on to the next unanswered criterion, so a whole item is a few digits and Enter.
  const next = criteria().findIndex((_, i) => i > ci && !picked(i));
  setActive(next >= 0 ? next : ci);
}

function picked(ci) {
  return document.querySelector(`input[name="crit-${ci}"]:checked`)?.value;
}

function pick(ci, vi) {
  const input = document.getElementById(`c${ci}-v${vi}`);
  if (!input) return false;
  input.checked = true;
  afterPick(ci);
  return true;
}

/** Which value a key means for a criterion: the level itself when levels are digits, else the position. */
function valueIndexForKey(c, key) {
  const vals = values(c);
  if (/^[0-9]$/.test(key)) {
    const exact = c.scale.type === 'ordinal' ? vals.indexOf(key) : -1;
    if (exact >= 0) return exact;
    const n = Number(key);
    return n >= 1 && n <= vals.length ? n - 1 : -1;
  }
  const yes = /^(y|yes|pass|true|good|correct|ok)$/i;
  const no = /^(n|no|fail|false|bad|incorrect|wrong)$/i;
  if (key === 'y') return vals.length === 2 ? Math.max(0, vals.findIndex((v) => yes.test(v))) : vals.findIndex((v) => yes.test(v));
  if (key === 'n') {
    const i = vals.findIndex((v) => no.test(v));
    return i >= 0 ? i : vals.length === 2 ? 1 : -1;
  }
  return -1;
}

async function show(index) {
  if (state.items.length === 0) return;
  state.index = (index + state.items.length) % state.items.length;
  const ref = state.items[state.index];
  history.replaceState(null, '', `#${ref.itemId}`);
  setStatus('Loading…');
  // Arrow keys can outrun the network: only the newest request may render.
  const seq = ++state.seq;
  const { item, judge } = await api(`/api/reviews/${encodeURIComponent(reviewId)}/items/${ref.itemId}`);
  if (seq !== state.seq) return;
  state.item = item;
  render(item, judge);
  setStatus(item.status === 'todo' ? '' : `Already ${item.status}: saving again replaces your earlier answer (it is kept in the history).`);
  updateProgress();
}

function render(item, judge) {
  $('position').textContent = `Item ${state.index + 1} of ${state.items.length} · case ${item.caseId}`;
  const input = $('input');
  input.replaceChildren();
  const vars = Object.entries(item.input ?? {});
  if (vars.length === 0) renderText(input, item.prompt);
  for (const [name, value] of vars) {
    const body = el('div', { class: 'var-value' });
    renderText(body, value);
    input.append(el('div', { class: 'var' }, el('div', { class: 'var-name', text: name }), body));
  }
  const ctx = $('context');
  ctx.replaceChildren(...item.context.map((p) => { const li = el('li'); renderText(li, p); return li; }));
  $('context-section').hidden = item.context.length === 0;
  const pairwise = item.kind === 'pairwise';
  $('single-section').hidden = pairwise;
  $('pair-section').hidden = !pairwise;
  if (pairwise) {
    renderText($('left'), item.left);
    renderText($('right'), item.right);
  } else renderText($('output'), item.output);
  $('expected-section').hidden = item.expected === undefined;
  if (item.expected !== undefined) renderText($('expected'), item.expected);
  $('judge-section').hidden = !judge || judge.length === 0;
  $('judge').replaceChildren(...(judge ?? []).map((j) => el('li', { text: `${j.criterion}: ${j.label ?? 'unscored'}${j.reason ? ` (${j.reason})` : ''}` })));
  renderClaims(judge ?? []);
  $('flag-banner').hidden = !item.flagged;
  document.querySelectorAll('#criteria input[type=radio]').forEach((r) => (r.checked = false));
  criteria().forEach((c, ci) => {
    const mine = item.mine[c.name];
    if (mine === undefined) return;
    const vi = values(c).indexOf(mine);
    if (vi >= 0) document.getElementById(`c${ci}-v${vi}`).checked = true;
  });
  $('comment').value = item.comment ?? '';
  const firstOpen = criteria().findIndex((_, i) => !picked(i));
  setActive(firstOpen >= 0 ? firstOpen : 0);
  window.scrollTo(0, 0);
}

/** The judged claims behind RAG scores (non-blind reviews only: the server sends no judge data otherwise). */
function renderClaims(judge) {
  const withClaims = judge.filter((j) => j.claims && j.claims.length > 0);
  $('claims-section').hidden = withClaims.length === 0;
  $('claims').replaceChildren(...withClaims.flatMap((j) => [
    el('li', { class: 'claims-of', text: j.criterion }),
    ...j.claims.map((c) => el('li', {},
      el('span', { class: `verdict ${c.verdict}`, text: c.verdict.replace('_', ' ') }),
      el('span', { text: c.text }),
      c.chunk ? el('span', { class: 'muted', text: ` [${c.chunk}]` }) : null,
      c.reason ? el('div', { class: 'muted', text: c.reason }) : null,
    )),
  ]));
}

function updateProgress() {
  const total = state.items.length;
  const count = (s) => state.items.filter((i) => i.status === s).length;
  const handled = total - count('todo');
  $('progress').max = Math.max(total, 1);
  $('progress').value = handled;
  $('progress-text').textContent = `${count('done')} done · ${count('skipped')} skipped · ${count('flagged')} flagged · ${count('todo')} to go`;
}

async function save(kind) {
  if (state.saving || !state.item) return;
  const labels = {};
  const missing = [];
  criteria().forEach((c, ci) => {
    const v = picked(ci);
    if (v !== undefined) labels[c.name] = v;
    else missing.push(ci);
  });
  if (kind === 'label' && missing.length > 0) {
    setActive(missing[0]);
    setStatus(`Choose a level for "${criteria()[missing[0]].name}" first (or S to skip, F to flag).`, 'error');
    return;
  }
  const comment = $('comment').value.trim();
  const body = {
    clientKey: randomKey(),
    labels: kind === 'skip' ? {} : labels,
    ...(comment ? { comment } : {}),
    flagged: kind === 'flag',
    skipped: kind === 'skip',
  };
  state.saving = true;
  setStatus('Saving…');
  try {
    await api(`/api/reviews/${encodeURIComponent(reviewId)}/items/${state.item.itemId}/annotations`, { method: 'POST', body });
  } catch (err) {
    setStatus(`Not saved: ${err.message}`, 'error');
    return;
  } finally {
    state.saving = false;
  }
  // Same rule as the server: done when every criterion has a label (a skip keeps earlier labels),
  // else the latest submission decides flagged / skipped.
  const mine = { ...state.item.mine, ...body.labels };
  const done = criteria().every((c) => mine[c.name] !== undefined);
  state.items[state.index].status = done ? 'done' : kind === 'flag' ? 'flagged' : kind === 'skip' ? 'skipped' : 'todo';
  updateProgress();
  const nextTodo = state.items.findIndex((it, i) => i > state.index && it.status === 'todo');
  const anyTodo = state.items.findIndex((it) => it.status === 'todo');
  if (nextTodo < 0 && anyTodo < 0 && state.index === state.items.length - 1) {
    setStatus('Saved. Every item in your queue has an answer. Thank you!', 'ok');
    return;
  }
  await show(nextTodo >= 0 ? nextTodo : state.index + 1);
  setStatus('Saved.', 'ok');
}

function isTyping(target) {
  return target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && !['radio', 'checkbox'].includes(target.type));
}

function onKey(e) {
  if (e.altKey || e.metaKey || e.ctrlKey) {
    if (e.ctrlKey && e.key === 'Enter') { e.preventDefault(); void save('label'); }
    return;
  }
  if (isTyping(e.target)) {
    if (e.key === 'Escape') e.target.blur();
    return;
  }
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const c = criteria()[state.active];
  let handled = true;
  if (key === 'Enter') void save('label');
  else if (key === 'ArrowDown') setActive(state.active + 1);
  else if (key === 'ArrowUp') setActive(state.active - 1);
  else if (key === 'ArrowRight') void show(state.index + 1).catch(fail);
  else if (key === 'ArrowLeft') void show(state.index - 1).catch(fail);
  else if (key === 's') void save('skip');
  else if (key === 'f') void save('flag');
  else if (key === 'c') $('comment').focus();
  else if (c && (/^[0-9]$/.test(key) || key === 'y' || key === 'n')) {
    const vi = valueIndexForKey(c, key);
    handled = vi >= 0 && pick(state.active, vi);
  } else handled = false;
  if (handled) e.preventDefault();
}

function wire() {
  document.addEventListener('keydown', onKey, true);
  $('rubric-form').addEventListener('submit', (e) => { e.preventDefault(); void save('label'); });
  $('skip').addEventListener('click', () => void save('skip'));
  $('flag').addEventListener('click', () => void save('flag'));
  $('prev').addEventListener('click', () => void show(state.index - 1).catch(fail));
  $('next').addEventListener('click', () => void show(state.index + 1).catch(fail));
}

function fail(err) {
  setStatus(err.message, 'error');
}

main().catch(fail);
