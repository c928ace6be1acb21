// The rules a browser can check for a new master password, checked as it is typed (form[data-password-rules]): at
// least data-min-length characters (Unicode code points after NFC, as the server counts them), not one of the common
// passwords (the server's list, fetched once from data-common-list, ignoring case, digits or symbols added before or
// after, and look-alike digits), not a trivial pattern (a repeated unit, a run, a keyboard row), and the confirmation
// the same as the password. What is wrong shows beside the fields and keeps the form from being sent; the server
// checks every rule again without counting the attempt. The same rules as Keyfolio.Vault.Passwords.PasswordPolicy.

const keyboardRows = [
  'qwertyuiopasdfghjklzxcvbnm',
  '1234567890',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'qazwsxedcrfvtgbyhnujmikolp',
  'azertyuiopqsdfghjklmwxcvbn',
  'qwertzuiopasdfghjklyxcvbnm',
];
const trimmed = new Set('0123456789!@#$%^&*()-_=+.,?;:\'"~`/\\|[]{}<> ');
const lookAlike = { '@': 'a', '4': 'a', '3': 'e', '1': 'i', '!': 'i', '0': 'o', '$': 's', '5': 's', '7': 't' };
const lists = new Map();

function commonList(url) {
  if (!lists.has(url)) {
    lists.set(url, fetch(url, { credentials: 'same-origin' })
      .then(answer => (answer.ok ? answer.text() : ''))
      .then(text => new Set(text.split('\n').filter(line => line.length > 0)))
      .catch(() => new Set()));
  }
  return lists.get(url);
}

function trimEnds(text) {
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && trimmed.has(chars[start])) start++;
  while (end > start && trimmed.has(chars[end - 1])) end--;
  return chars.slice(start, end).join('');
}

/** Whether the password (lower case, NFC) is on the list, as it is or with digits or symbols around it. */
export function isCommon(lower, common) {
  if (common.has(lower)) return true;
  const core = trimEnds(lower);
  if (core.length < 4) return false;
  const unleet = [...core].map(c => lookAlike[c] ?? c).join('');
  return common.has(core) || common.has(unleet);
}

/** One repeated unit of up to four characters, a run up or down by one, or part of a keyboard row (either way). */
export function isTrivialPattern(lower) {
  const points = [...lower].map(c => c.codePointAt(0));
  for (let unit = 1; unit <= 4; unit++) {
    if (points.length % unit === 0 && points.length / unit >= 2 && points.every((p, i) => i < unit || p === points[i - unit])) return true;
  }
  for (const step of [1, -1]) {
    if (points.every((p, i) => i === 0 || p - points[i - 1] === step)) return true;
  }
  const reversed = lower.split('').reverse().join('');
  return keyboardRows.some(row => row.includes(lower) || row.includes(reversed));
}

export function enhancePasswordRules(root) {
  for (const form of root.querySelectorAll('form[data-password-rules]')) {
    const password = form.querySelector('[data-password-new]');
    const confirm = form.querySelector('[data-password-confirm]');
    const output = form.querySelector('[data-password-problem]');
    if (!password || !output) continue;
    const minLength = Number(form.dataset.minLength) || 8;
    let common = new Set();
    const check = () => {
      const typed = password.value;
      const normalized = typed.normalize('NFC');
      const length = [...normalized].length;
      const lower = normalized.toLowerCase();
      let problem = '';
      let field = null;
      if (typed.length > 0 && length < minLength) {
        problem = form.dataset.msgShort.replace('{0}', String(length)).replace('{1}', String(minLength));
        field = password;
      } else if (typed.length > 0 && form.dataset.msgCommon && isCommon(lower, common)) {
        problem = form.dataset.msgCommon;
        field = password;
      } else if (typed.length > 0 && form.dataset.msgTrivial && isTrivialPattern(lower)) {
        problem = form.dataset.msgTrivial;
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
    if (form.dataset.commonList) {
      commonList(form.dataset.commonList).then(list => { common = list; check(); });
    }
    check();
  }
}
