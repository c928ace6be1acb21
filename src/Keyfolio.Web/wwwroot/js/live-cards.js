// Keeps My Exchanges current: listens to the server's change events and, on each, fetches the cards again and swaps
// them in, so a background sync shows without a reload. When the session has ended (the vault locked), the page
// reloads and lands on Unlock. Each swap sets data-live-version and fires 'keyfolio:cards-updated'; data-live-state
// says whether the stream is 'open' or 'closed'.
import { enhanceCooldowns } from './refresh-cooldown.js';

export function enhanceLiveCards(root) {
  const host = root.querySelector('[data-live-source]');
  if (!host || typeof EventSource === 'undefined') return;
  let fetching = false;
  let again = false;
  // Once the page is being left (a form sent, a link followed), a change it hears of — the vault locking under
  // the lock button, say — is no reason to reload it.
  let leaving = false;

  const swap = async () => {
    if (fetching) {
      again = true;
      return;
    }
    fetching = true;
    try {
      const response = await fetch(host.dataset.liveFetch, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (response.redirected || !response.ok) {
        if (!leaving) window.location.reload();
        return;
      }
      const html = await response.text();
      const parsed = new DOMParser().parseFromString(html, 'text/html');
      const next = parsed.querySelector('[data-live-cards]');
      const current = host.querySelector('[data-live-cards]');
      if (next && current) {
        const adopted = document.importNode(next, true);
        current.replaceWith(adopted);
        enhanceCooldowns(adopted);
        host.dispatchEvent(new CustomEvent('keyfolio:cards-updated', { bubbles: true, detail: { version: adopted.dataset.liveVersion } }));
      }
    } finally {
      fetching = false;
      if (again) {
        again = false;
        swap();
      }
    }
  };

  const events = new EventSource(host.dataset.liveSource);
  const leave = () => {
    leaving = true;
    events.close();
  };
  document.addEventListener('submit', leave, true);
  window.addEventListener('beforeunload', leave);
  events.addEventListener('ready', (event) => {
    const shown = host.querySelector('[data-live-cards]')?.dataset.liveVersion;
    if (shown !== event.data) swap();
  });
  events.addEventListener('changed', () => swap());
  events.addEventListener('open', () => {
    host.dataset.liveState = 'open';
  });
  events.addEventListener('error', () => {
    // The stream drops when the server stops or the session ends; the browser retries on its own. It gives up only
    // when the server refused the stream (the vault locked as the page opened): the cards are fetched once more,
    // which lands on Unlock when the session is over.
    host.dataset.liveState = 'closed';
    if (events.readyState === EventSource.CLOSED && !leaving) swap();
  });
  window.addEventListener('pagehide', leave);
}
