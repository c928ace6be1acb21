// QrScanner: decodes a QR code from an image file or the camera stream with jsQR, entirely in this page.
// Nothing is uploaded: the picture is drawn on a canvas that never leaves memory, the file input has no
// name (so no form ever sends it) and is cleared after reading. The decoded text goes into the hidden
// field the server named, and the form is sent when the component asks for it.
const jsQrUrl = new URL('../lib/jsqr/jsQR.js', import.meta.url).href;
const largestSide = 1600;
const cameraScanIntervalMs = 150;

let jsQrLoading;

function loadJsQr() {
  // jsQR ships as a UMD bundle; imported as a module it registers itself on the global object.
  jsQrLoading ??= import(jsQrUrl).then(() => {
    if (typeof globalThis.jsQR !== 'function') throw new Error('jsQR did not load');
    return globalThis.jsQR;
  });
  return jsQrLoading;
}

function decodePixels(jsQR, context, width, height) {
  const pixels = context.getImageData(0, 0, width, height);
  return jsQR(pixels.data, width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

async function decodeFile(file) {
  const [jsQR, bitmap] = await Promise.all([loadJsQr(), createImageBitmap(file)]);
  const scale = Math.min(1, largestSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return decodePixels(jsQR, context, width, height);
}

class QrScanner {
  constructor(element) {
    this.element = element;
    this.text = element.dataset;
    this.result = element.querySelector('[data-qr-result]');
    this.fileInput = element.querySelector('[data-qr-file]');
    this.cameraButton = element.querySelector('[data-qr-camera]');
    this.video = element.querySelector('[data-qr-video]');
    this.status = element.querySelector('[data-qr-status]');
    this.stream = null;

    this.fileInput.addEventListener('change', () => this.readFile());
    this.cameraButton.addEventListener('click', () => (this.stream ? this.stopCamera() : this.startCamera()));
    if (!navigator.mediaDevices?.getUserMedia) this.cameraButton.hidden = true;
  }

  say(message, state) {
    this.status.textContent = message;
    if (state) this.status.dataset.state = state;
    else delete this.status.dataset.state;
  }

  async readFile() {
    const file = this.fileInput.files?.[0];
    if (!file) return;
    this.say(this.text.textReading);
    let decoded;
    try {
      decoded = await decodeFile(file);
    } catch {
      this.say(this.text.textUnreadable, 'error');
      return;
    } finally {
      this.fileInput.value = '';
    }
    if (decoded === null) this.say(this.text.textNotFound, 'error');
    else this.deliver(decoded);
  }

  async startCamera() {
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch {
      this.say(this.text.textCameraUnavailable, 'error');
      return;
    }
    const jsQR = await loadJsQr();
    this.video.srcObject = this.stream;
    this.video.hidden = false;
    await this.video.play();
    this.cameraButton.textContent = this.text.textStopCamera;
    this.cameraButton.setAttribute('aria-pressed', 'true');
    this.say(this.text.textCameraHint);

    const canvas = new OffscreenCanvas(1, 1);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const scan = () => {
      if (!this.stream) return;
      const width = this.video.videoWidth;
      const height = this.video.videoHeight;
      if (width > 0 && height > 0) {
        canvas.width = width;
        canvas.height = height;
        context.drawImage(this.video, 0, 0, width, height);
        const decoded = decodePixels(jsQR, context, width, height);
        if (decoded !== null) {
          this.stopCamera();
          this.deliver(decoded);
          return;
        }
      }
      this.timer = setTimeout(scan, cameraScanIntervalMs);
    };
    scan();
  }

  stopCamera() {
    clearTimeout(this.timer);
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
    this.video.srcObject = null;
    this.video.hidden = true;
    this.cameraButton.textContent = this.text.textUseCamera;
    this.cameraButton.setAttribute('aria-pressed', 'false');
  }

  deliver(decoded) {
    this.result.value = decoded;
    this.say(this.text.textFound, 'found');
    this.element.dispatchEvent(new CustomEvent('keyfolio:qr-read', { bubbles: true }));
    if (this.element.dataset.submitOnRead === 'true') this.result.form?.requestSubmit();
  }
}

export function enhanceQrScanners(root) {
  for (const element of root.querySelectorAll('[data-keyfolio-qr]')) new QrScanner(element);
}
