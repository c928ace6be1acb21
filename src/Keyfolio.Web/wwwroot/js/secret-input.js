// The show/hide toggle of SecretInput. The field goes back to masked before its form is sent, so the browser
// never treats a secret as ordinary text (autofill history, screenshots of the next page).
export function enhanceSecretInputs(root) {
  for (const button of root.querySelectorAll('[data-secret-toggle]')) {
    const input = root.getElementById(button.dataset.secretToggle);
    if (!input) continue;

    // A text area (a multi-line secret) is masked by a class, an input by its type.
    const multiLine = input.tagName === 'TEXTAREA';
    const masked = () => (multiLine ? input.classList.contains('secret-input__field--masked') : input.type === 'password');
    const show = (visible) => {
      if (multiLine) input.classList.toggle('secret-input__field--masked', !visible);
      else input.type = visible ? 'text' : 'password';
      button.setAttribute('aria-pressed', String(visible));
      button.textContent = visible ? button.dataset.labelHide : button.dataset.labelShow;
    };

    button.addEventListener('click', () => {
      show(masked());
      input.focus();
    });
    input.form?.addEventListener('submit', () => show(false));
  }
}
