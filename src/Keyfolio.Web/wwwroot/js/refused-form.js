// A refused form is shown from an address that can be read once (RefusedForms); the page names the address the refusal
// is kept under now, and it takes the place of the spent one, so a reload shows the refusal again.
export function keepRefusedFormAddress(root) {
  const marker = root.querySelector('[data-refused-form]');
  if (marker) {
    history.replaceState(history.state, '', marker.dataset.refusedForm + location.hash);
  }
}
