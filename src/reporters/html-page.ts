import { createHash } from 'node:crypto';
import { chartJsSource } from './html-assets.js';
import { CLIENT_JS } from './html-client.js';
import { REPORT_CSS } from './html-style.js';
import { escapeXml as esc } from './xml.js';

/**
 * The shell every HTML report shares: one file, no network. The CSP allows exactly the inline
 * script and style blocks written here (by hash), nothing else: no 'unsafe-inline', no eval, no
 * fetch. Data goes in a JSON block the browser never executes and the client reads with
 * JSON.parse; every other piece of text is escaped markup.
 */
export function htmlPage(opts: { title: string; body: string; data: unknown }): string {
  const lib = chartJsSource();
  const csp = [
    "default-src 'none'",
    `script-src ${hash(lib)} ${hash(CLIENT_JS)}`,
    `style-src ${hash(REPORT_CSS)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<title>${esc(opts.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${opts.body}
<script type="application/json" id="juror-data">${jsonForScript(opts.data)}</script>
<script>${lib}</script>
<script>${CLIENT_JS}</script>
</body>
</html>
`;
}

/**
 * JSON that is safe inside a <script> element: `<`, `>` and `&` as \u escapes (so no `</script`
 * or `<!--` can appear), and U+2028/U+2029, which older JS parsers treat as line ends.
 */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function hash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}
