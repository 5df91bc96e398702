import { api, el, setStatus } from './lib.js';

async function main() {
  const me = await api('/api/me');
  const list = document.getElementById('reviews');
  if (me.reviews.length === 0) {
    setStatus('No review is assigned to you yet.');
    return;
  }
  setStatus('');
  for (const r of me.reviews) {
    const handled = r.done + r.skipped + r.flagged;
    list.append(
      el('li', {},
        el('a', { href: `/reviews/${encodeURIComponent(r.id)}`, class: 'review-link', text: r.name }),
        el('progress', { max: r.assigned, value: handled }),
        el('span', { class: 'muted', text: ` ${r.done} done, ${r.skipped} skipped, ${r.flagged} flagged of ${r.assigned}` }),
      ),
    );
  }
}

main().catch((err) => setStatus(err.message, 'error'));
