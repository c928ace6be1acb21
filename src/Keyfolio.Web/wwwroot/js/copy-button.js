// CopyButton: copies its data-copy value and says so in its own label for a moment.
const resetAfterMs = 2000;

export function enhanceCopyButtons(root) {
  for (const button of root.querySelectorAll('[data-copy]')) {
    const label = button.querySelector('.copy-button__text') ?? button;
    const original = label.textContent;
    let timer;

    button.addEventListener('click', async () => {
      let state = 'copied';
      try {
        await navigator.clipboard.writeText(button.dataset.copy);
      } catch {
        state = 'failed';
      }
      button.dataset.state = state;
      label.textContent = state === 'copied' ? button.dataset.labelCopied : button.dataset.labelFailed;
      clearTimeout(timer);
      timer = setTimeout(() => {
        delete button.dataset.state;
        label.textContent = original;
      }, resetAfterMs);
    });
  }
}
