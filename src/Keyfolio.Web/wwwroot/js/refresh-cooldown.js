// The refresh buttons of My Exchanges stay disabled through the manual-refresh cooldown and count down to the moment
// they may be used again (data-retry-at, an ISO time from the server).
export function enhanceCooldowns(root) {
  for (const button of root.querySelectorAll('button[data-retry-at]')) {
    const retryAt = Date.parse(button.dataset.retryAt);
    if (Number.isNaN(retryAt)) continue;
    const tick = () => {
      const seconds = Math.ceil((retryAt - Date.now()) / 1000);
      if (seconds <= 0) {
        button.disabled = false;
        button.textContent = button.dataset.label;
        return;
      }
      button.disabled = true;
      button.textContent = button.dataset.labelWait.replace('{0}', String(seconds));
      setTimeout(tick, 1000);
    };
    tick();
  }
}

// The wait before the next password attempt (data-attempt-wait, until data-retry-at): its seconds count down, the
// form's submit button (data-button, an id) stays disabled until it ends, and then the notice goes away.
export function enhanceAttemptWaits(root) {
  for (const notice of root.querySelectorAll('[data-attempt-wait][data-retry-at]')) {
    const retryAt = Date.parse(notice.dataset.retryAt);
    if (Number.isNaN(retryAt)) continue;
    const button = notice.dataset.button ? root.getElementById(notice.dataset.button) : null;
    const count = notice.querySelector('[data-countdown]');
    const tick = () => {
      const seconds = Math.ceil((retryAt - Date.now()) / 1000);
      if (seconds <= 0) {
        notice.hidden = true;
        if (button) button.disabled = false;
        return;
      }
      if (button) button.disabled = true;
      if (count) count.textContent = String(seconds);
      setTimeout(tick, Math.min(1000, retryAt - Date.now() - (seconds - 1) * 1000));
    };
    tick();
  }
}
