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
