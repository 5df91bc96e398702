import { Router } from 'express';
import { z } from 'zod';
import { html, page } from '../html.js';
import { auth } from '../session.js';

/**
 * HTML shells. Each is static markup plus one module script from review-ui/; the data comes
 * from the JSON API and is inserted with textContent, never as HTML.
 */
export function pages(): Router {
  const r = Router();
  r.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  r.get('/', (_req, res) => {
    const { annotator, session } = auth(res);
    res.type('html').send(
      page({
        title: 'Your reviews',
        csrfToken: session.csrfToken,
        user: annotator,
        script: 'home.js',
        body: html`<section class="card"><h1>Your reviews</h1>
          <p id="status" class="muted" role="status">Loading…</p>
          <ul id="reviews" class="review-list"></ul></section>
          <section class="card"><h2>Sessions</h2>
          <form method="post" action="/logout/everywhere" class="inline"><input type="hidden" name="_csrf" value="${session.csrfToken}">
          <button type="submit">Sign out on every device</button></form>
          <span class="muted">Ends this session and every other one signed in as ${annotator.name} (a lost laptop, a shared computer).</span></section>`,
      }),
    );
  });

  r.get('/reviews/:id', (req, res) => {
    const { annotator, session } = auth(res);
    const { id } = z.object({ id: z.string().min(1).max(100) }).parse(req.params);
    res.type('html').send(
      page({
        title: 'Review',
        csrfToken: session.csrfToken,
        user: annotator,
        script: 'annotate.js',
        data: { review: id },
        body: annotateShell(),
      }),
    );
  });

  r.get('/admin', (_req, res) => {
    const { annotator, session } = auth(res);
    res.type('html').send(
      page({ title: 'Admin', csrfToken: session.csrfToken, user: annotator, script: 'admin.js', body: adminShell() }),
    );
  });
  return r;
}

function annotateShell() {
  return html`
<div class="annotate">
  <div class="bar">
    <h1 id="review-name">Review</h1>
    <span id="position" class="muted"></span>
    <progress id="progress" max="1" value="0"></progress>
    <span id="progress-text" class="muted"></span>
  </div>
  <p id="status" class="status" role="status" aria-live="polite">Loading…</p>
  <div class="columns">
    <section class="material" aria-label="Item">
      <div id="flag-banner" class="banner" hidden>You flagged this item as broken.</div>
      <h2>Input</h2><div id="input" class="block"></div>
      <div id="context-section" hidden><h2>Context</h2><ol id="context" class="passages"></ol></div>
      <div id="single-section"><h2>Model output</h2><div id="output" class="block output"></div></div>
      <div id="pair-section" class="pair" hidden>
        <div class="side"><h2>Output A</h2><div id="left" class="block output"></div></div>
        <div class="side"><h2>Output B</h2><div id="right" class="block output side-b"></div></div>
      </div>
      <div id="expected-section" hidden><h2>Expected answer</h2><div id="expected" class="block"></div></div>
      <div id="judge-section" hidden><h2>Judge</h2><ul id="judge" class="judge"></ul></div>
      <div id="claims-section" hidden><h2>Claims the judge checked</h2><ul id="claims" class="claims"></ul></div>
    </section>
    <section class="form" aria-label="Rubric">
      <form id="rubric-form" autocomplete="off">
        <div id="criteria"></div>
        <label for="comment" class="comment-label">Comment (optional)</label>
        <textarea id="comment" rows="3" maxlength="4000"></textarea>
        <div class="actions">
          <button type="submit" class="primary" id="submit">Save &amp; next <kbd>Enter</kbd></button>
          <button type="button" id="skip">Skip <kbd>S</kbd></button>
          <button type="button" id="flag">Flag broken <kbd>F</kbd></button>
        </div>
        <div class="actions">
          <button type="button" id="prev">&larr; Previous</button>
          <button type="button" id="next">Next &rarr;</button>
        </div>
      </form>
      <details class="keys"><summary>Keyboard</summary>
        <ul>
          <li><kbd>1</kbd>–<kbd>9</kbd> pick a level of the active criterion (<kbd>Y</kbd>/<kbd>N</kbd> for yes/no scales)</li>
          <li><kbd>&uarr;</kbd> <kbd>&darr;</kbd> move between criteria</li>
          <li><kbd>&larr;</kbd> <kbd>&rarr;</kbd> previous / next item</li>
          <li><kbd>Enter</kbd> save and go to the next item</li>
          <li><kbd>S</kbd> skip, <kbd>F</kbd> flag a broken item, <kbd>C</kbd> comment, <kbd>Esc</kbd> leave the comment box</li>
        </ul>
      </details>
    </section>
  </div>
</div>`;
}

function adminShell() {
  return html`
<section class="card"><h1>Review queues</h1>
  <p id="status" class="muted" role="status">Loading…</p>
  <div id="reviews"></div>
</section>
<section class="card" id="detail" hidden>
  <h2 id="detail-title"></h2>
  <p class="exports">Export labels:
    <a id="export-csv" href="#">CSV</a> · <a id="export-jsonl" href="#">JSONL</a> ·
    <a id="export-history" href="#">full history (CSV)</a> · <a id="agreement-link" href="#">agreement (JSON)</a></p>
  <h3>Progress per annotator</h3><table id="progress" class="grid"></table>
  <h3>Disagreements <span id="disagree-count" class="muted"></span></h3><table id="disagreements" class="grid"></table>
  <h3>Flagged items <span id="flag-count" class="muted"></span></h3><table id="flagged" class="grid"></table>
</section>
<section class="card"><h2>New review queue</h2>
  <form id="create-form" class="grid-form">
    <label for="run">Run</label><select id="run" required></select>
    <label for="pair-with">Compare with</label><select id="pair-with"><option value="">(nothing: score each output on the rubric)</option></select>
    <p id="pair-hint" class="muted form-hint" hidden>Pairwise queue: each item shows both outputs of a case side by side (A | tie | B). The rubric needs criteria with mode: pairwise; the queue is always blind.</p>
    <label for="rubric-file">Rubric</label><select id="rubric-file"><option value="">(paste below)</option></select>
    <label for="rubric-yaml">Rubric YAML</label><textarea id="rubric-yaml" rows="8" required></textarea>
    <label for="overlap">Overlap</label><input id="overlap" type="number" min="1" value="2" required>
    <label for="sample">Sample</label><input id="sample" type="number" min="1" placeholder="all outputs">
    <label for="seed">Seed</label><input id="seed" type="number" min="0" placeholder="random">
    <label for="annotators">Annotators</label><input id="annotators" placeholder="all annotators (or a,b,c)">
    <label for="name">Name</label><input id="name" placeholder="suite / rubric">
    <span></span><label class="check"><input id="blind" type="checkbox" checked> Blind (annotators never see others' or the judge's labels)</label>
    <span></span><label class="check"><input id="show-expected" type="checkbox"> Show the expected answer</label>
    <span></span><button type="submit" class="primary">Create queue</button>
  </form>
  <p id="create-status" role="status"></p>
</section>`;
}
