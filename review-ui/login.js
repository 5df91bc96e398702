// The sign-in page. A login link carries its token in the URL fragment (#token=…), which no
// browser sends to a server: it never reaches a log or a Referer. This script takes it out of
// the address bar at once, asks the server whose link it is, and shows "Sign in as NAME?"; only
// the click on that form signs in (a GET of the link alone signs nobody in).
import { csrfToken } from './lib.js';

function readToken() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  // links printed by older versions carried ?token=; accepted, and dropped from the address too
  const fromQuery = new URLSearchParams(location.search).get('token');
  if (location.hash || location.search) history.replaceState(null, '', '/login');
  return fromHash || fromQuery || '';
}

function status(text, kind = '') {
  const node = document.getElementById('login-status');
  node.textContent = text;
  node.className = `status ${kind}`;
}

async function main() {
  const token = readToken();
  if (!token) return;
  document.getElementById('paste').hidden = true;
  status('Checking your link…');
  let res;
  try {
    res = await fetch('/login/preview', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrfToken() },
      body: JSON.stringify({ token }),
    });
  } catch (err) {
    status(`Could not reach the server: ${err.message}`, 'error');
    return;
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    status(data?.error?.message ?? `Sign-in failed (HTTP ${res.status})`, 'error');
    document.getElementById('paste').hidden = false;
    return;
  }
  status('');
  document.getElementById('confirm-name').textContent = data.name;
  document.getElementById('confirm-submit').textContent = `Sign in as ${data.name}`;
  if (data.linkExpiresAt) document.getElementById('confirm-expiry').textContent = `This link works until ${data.linkExpiresAt.slice(0, 10)}.`;
  document.getElementById('confirm-token').value = token;
  document.getElementById('confirm').hidden = false;
  document.getElementById('confirm-submit').focus();
}

main();
