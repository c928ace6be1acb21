// Progressive enhancement of the server-rendered pages. Every page works without scripts; these modules add
// what only a browser can do (show a secret, copy, read a QR code, draw a chart, check a key's format as it is
// typed, keep My Exchanges current). No inline script, no eval: the Content-Security-Policy allows scripts from
// this origin only.
import { enhanceSecretInputs } from './secret-input.js';
import { enhanceCopyButtons } from './copy-button.js';
import { enhanceCredentialForms } from './credential-check.js';
import { enhanceAttemptWaits, enhanceCooldowns } from './refresh-cooldown.js';
import { enhancePasswordRules } from './password-rules.js';
import { collapseOnNarrowScreens } from './collapse-narrow.js';
import { showLocalTimes } from './local-time.js';
import { keepRefusedFormAddress } from './refused-form.js';

enhanceSecretInputs(document);
enhanceCopyButtons(document);
enhanceCredentialForms(document);
enhanceCooldowns(document);
enhanceAttemptWaits(document);
enhancePasswordRules(document);
collapseOnNarrowScreens(document);
showLocalTimes(document);
keepRefusedFormAddress(document);
document.addEventListener('keyfolio:cards-updated', (event) => showLocalTimes(event.target));

if (document.querySelector('[data-live-source]')) {
  const { enhanceLiveCards } = await import('./live-cards.js');
  enhanceLiveCards(document);
}

if (document.querySelector('[data-keyfolio-qr]')) {
  const { enhanceQrScanners } = await import('./qr-scanner.js');
  enhanceQrScanners(document);
}

if (document.querySelector('canvas[data-keyfolio-chart]')) {
  const { renderCharts } = await import('./charts.js');
  await renderCharts(document);
}

document.documentElement.dataset.enhanced = 'true';
