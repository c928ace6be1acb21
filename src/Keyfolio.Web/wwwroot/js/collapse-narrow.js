// On a phone, folds what is marked data-collapse-narrow (the exchange's key guide) to its title, so the page's main
// action is on the first screen; the person opens it with one tap. Wide screens, and pages without script, keep it open.
export function collapseOnNarrowScreens(root) {
  if (!window.matchMedia('(max-width: 40rem)').matches) return;
  for (const details of root.querySelectorAll('details[data-collapse-narrow][open]')) {
    details.open = false;
  }
}
