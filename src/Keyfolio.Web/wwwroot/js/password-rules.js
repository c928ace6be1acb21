// The rules a browser can check for a new master password, checked as it is typed (form[data-password-rules]): at
// least data-min-length characters (Unicode code points after NFC, as the server counts them) and the confirmation
// the same as the password. What is wrong shows beside the fields and keeps the form from being sent; the server
// checks every rule again (the common-password list too) without counting the attempt.
export function enhancePasswordRules(root) {
  for (const form of root.querySelectorAll('form[data-password-rules]')) {
    const password = form.querySelector('[data-password-new]');
    const confirm = form.querySelector('[data-password-confirm]');
    const output = form.querySelector('[data-password-problem]');
    if (!password || !output) continue;
    const minLength = Number(form.dataset.minLength) || 8;
    const check = () => {
      const typed = password.value;
      const length = [...typed.normalize('NFC')].length;
      let problem = '';
      let field = null;
      if (typed.length > 0 && length < minLength) {
        problem = form.dataset.msgShort.replace('{0}', String(length)).replace('{1}', String(minLength));
        field = password;
      } else if (confirm && confirm.value.length > 0 && confirm.value !== typed) {
        problem = form.dataset.msgMismatch;
        field = confirm;
      }
      password.setCustomValidity(field === password ? problem : '');
      if (confirm) confirm.setCustomValidity(field === confirm ? problem : '');
      output.textContent = problem;
      output.hidden = problem === '';
    };
    password.addEventListener('input', check);
    if (confirm) confirm.addEventListener('input', check);
    check();
  }
}
