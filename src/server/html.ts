/**
 * Server-rendered HTML shells. Pages carry no inline script or style (the CSP forbids both);
 * data is fetched by the page's script and inserted with textContent.
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

function render(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

export interface PageOptions {
  title: string;
  /** The session's CSRF token, read by the page script from <meta name="csrf-token">. */
  csrfToken?: string;
  /** Page script under /ui/, loaded as a module. */
  script?: string;
  /** Signed-in user shown in the header. */
  user?: { name: string; role: string };
  body: Html;
  /** Extra data for the script (e.g. the review id), as data- attributes on <main>. */
  data?: Record<string, string>;
  /** Navigate here once the page has loaded (meta refresh: no script needed). */
  refreshTo?: string;
}

export function page(o: PageOptions): string {
  const data = Object.entries(o.data ?? {}).map(([k, v]) => html` data-${new Html(k.replace(/[^a-z0-9-]/g, ''))}="${v}"`);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${o.csrfToken ? html`<meta name="csrf-token" content="${o.csrfToken}">` : ''}
${o.refreshTo ? html`<meta http-equiv="refresh" content="0;url=${o.refreshTo}">` : ''}
<title>${o.title} · juror</title>
<link rel="icon" href="/ui/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/ui/style.css">
${o.script ? html`<script type="module" src="/ui/${o.script}"></script>` : ''}
</head>
<body>
<header class="top">
  <a class="brand" href="/">juror review</a>
  ${o.user
    ? html`<nav>${o.user.role === 'admin' ? html`<a href="/admin">Admin</a>` : ''}
      <span class="who">${o.user.name}</span>
      <form method="post" action="/logout" class="inline" id="logout-form"><input type="hidden" name="_csrf" value="${o.csrfToken ?? ''}"><button type="submit" class="link">Sign out</button></form></nav>`
    : ''}
</header>
<main id="main"${data}>
${o.body}
</main>
</body>
</html>
`.value;
}
