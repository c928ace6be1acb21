// The instant format check of the credential forms: each field carries its exchange's rule as data
// (data-format-pattern, -expected, -label, -required) and the texts come from the page, so the browser applies
// exactly the rules the server checks again. A form with a field that breaks its rule is not sent.
const controlCharacters = /[\u0000-\u001f\u007f]/;
const innerSpace = /\s/;

function fill(template, values) {
  return template.replace(/\{(\d+)\}/g, (_, index) => values[Number(index)] ?? '');
}

function problemOf(input, texts) {
  const value = input.value.trim();
  const label = input.dataset.formatLabel;
  if (value.length === 0) {
    return input.dataset.formatRequired === 'true' ? fill(texts.textEmpty, [label]) : null;
  }
  // A multi-line value (a PEM key) keeps its line breaks, real or escaped; its pattern says what it may hold.
  if (input.dataset.formatMultiline !== 'true') {
    if (controlCharacters.test(value)) return fill(texts.textControl, [label]);
    if (value.includes('\\n') || value.includes('\\r')) return fill(texts.textEscaped, [label]);
    if (innerSpace.test(value)) return fill(texts.textSpace, [label]);
  }
  const pattern = new RegExp(input.dataset.formatPattern);
  return pattern.test(value) ? null : fill(texts.textPattern, [label, input.dataset.formatExpected, String(value.length)]);
}

function show(input, texts, quietWhenEmpty) {
  const message = document.querySelector(`[data-format-message-for="${CSS.escape(input.id)}"]`);
  const problem = quietWhenEmpty && input.value.trim() === '' ? null : problemOf(input, texts);
  input.setAttribute('aria-invalid', problem ? 'true' : 'false');
  if (message) {
    message.textContent = problem ?? (input.value.trim() === '' ? '' : texts.textOk);
    message.dataset.state = problem ? 'error' : 'ok';
  }
  return problem === null;
}

export function enhanceCredentialForms(root) {
  for (const form of root.querySelectorAll('form[data-credential-form]')) {
    const textsHost = form.querySelector('[data-format-texts]');
    if (!textsHost) continue;
    const texts = textsHost.dataset;
    const inputs = [...form.querySelectorAll('input[data-format-pattern], textarea[data-format-pattern]')];
    for (const input of inputs) {
      input.addEventListener('input', () => show(input, texts, true));
      input.addEventListener('blur', () => show(input, texts, false));
      if (input.value.trim() !== '') show(input, texts, false);
    }
    form.addEventListener('submit', (event) => {
      // A QR code read fills the fields on the server; only the person's own submit is checked here.
      const submitter = event.submitter;
      if (!submitter) return;
      const failing = inputs.filter((input) => !show(input, texts, false));
      if (failing.length > 0) {
        event.preventDefault();
        failing[0].focus();
      }
    });
  }
}
