// Shared helpers for the review pages. Everything that shows data uses textContent: model
// output, inputs and comments are untrusted text and are never parsed as HTML.

export function csrfToken() {
  return document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * JSON request with the CSRF header; retries network failures and 5xx (safe with idempotency
 * keys), waiting at least what a 503's Retry-After asks (the database was busy).
 */
export async function api(path, { method = 'GET', body, retries = method === 'GET' ? 1 : 3 } = {}) {
  let lastError;
  let retryAfterMs = 0;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.max(250 * 2 ** attempt, retryAfterMs)));
    let res;
    try {
      res = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(method !== 'GET' ? { 'x-csrf-token': csrfToken() } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      lastError = new ApiError(0, 'network error: ' + err.message);
      continue;
    }
    if (res.status === 401) {
      location.href = '/login';
      throw new ApiError(401, 'signed out');
    }
    const data = await res.json().catch(() => ({}));
    if (res.ok) return data;
    lastError = new ApiError(res.status, data?.error?.message ?? `HTTP ${res.status}`);
    retryAfterMs = Math.min(10, Number(res.headers.get('retry-after')) || 0) * 1000;
    if (res.status < 500) break;
  }
  throw lastError;
}

/** A random key that works on plain http too (crypto.randomUUID needs a secure context). */
export function randomKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Create an element; string/number children become text nodes. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = String(v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v === true) node.setAttribute(k, '');
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/**
 * Show model text readably without interpreting it: ``` fenced blocks become <pre><code>, the
 * rest keeps its line breaks (markdown stays as written, which annotators read fine). Only
 * textContent is used.
 */
export function renderText(container, text) {
  container.replaceChildren();
  if (text === null || text === undefined || text === '') {
    container.append(el('p', { class: 'muted', text: '(empty)' }));
    return;
  }
  const s = typeof text === 'string' ? text : JSON.stringify(text, null, 2);
  const parts = s.split(/^```[^\n]*\n?/m);
  parts.forEach((part, i) => {
    if (part === '') return;
    if (i % 2 === 1) container.append(el('pre', { class: 'code' }, el('code', { text: part.replace(/\n$/, '') })));
    else container.append(el('div', { class: 'prose', text: part }));
  });
}

export function setStatus(text, kind = '') {
  const node = document.getElementById('status');
  if (!node) return;
  node.textContent = text;
  node.className = `status ${kind}`;
}
