/**
 * The frame the app is shown in, two levels deep: `app-frame.html`, an empty
 * page of the course's own origin with a policy of its own (inline code may
 * run; nothing may load, connect or submit), and inside it an
 * `<iframe sandbox="allow-scripts allow-forms">` whose `srcdoc` is the
 * app's page. The inner frame is an opaque origin, so the learner's code
 * cannot reach the course's storage, cookies, caches or DOM, nor navigate
 * the course page; it inherits the outer page's policy, so it cannot reach
 * the network either. Messages are taken only from the inner frame's
 * window and only in the shapes `parseFrameMessage` accepts.
 */
import { parseFrameMessage, type FrameMessage } from '../lib/app-browser/frame-messages';

/** A File or Blob from the outer frame's realm (where messages arrive), told by its brand, not `instanceof`. */
const isBlob = (value: unknown): value is Blob => {
  const brand = Object.prototype.toString.call(value);
  return brand === '[object File]' || brand === '[object Blob]';
};

/** Whether this browser can make the frame (sandboxed srcdoc iframes). */
export function frameSupported(): boolean {
  const probe = document.createElement('iframe');
  return 'srcdoc' in probe && 'sandbox' in probe && typeof probe.sandbox?.add === 'function';
}

export class AppFrame {
  private outer: HTMLIFrameElement;
  private inner?: HTMLIFrameElement;
  private ready: Promise<void>;
  private stop = new AbortController();

  constructor(
    host: HTMLElement,
    frameUrl: string,
    title: string,
    private readonly onMessage: (message: FrameMessage) => void,
  ) {
    this.outer = document.createElement('iframe');
    this.outer.src = frameUrl;
    this.outer.title = title;
    this.outer.className = 'app-frame';
    this.ready = new Promise((resolve) => {
      this.outer.addEventListener(
        'load',
        () => {
          const doc = this.outer.contentDocument;
          const win = this.outer.contentWindow;
          if (!doc || !win) return;
          const inner = doc.createElement('iframe');
          inner.setAttribute('sandbox', 'allow-scripts allow-forms');
          inner.title = title;
          doc.body.append(inner);
          this.inner = inner;
          win.addEventListener('message', (event) => this.receive(event), { signal: this.stop.signal });
          resolve();
        },
        { once: true },
      );
    });
    host.append(this.outer);
  }

  private receive(event: MessageEvent): void {
    if (!this.inner || event.source !== this.inner.contentWindow) return;
    const message = parseFrameMessage(event.data, isBlob);
    if (message) this.onMessage(message);
  }

  /** Shows a document (a complete HTML text). */
  async show(html: string): Promise<void> {
    await this.ready;
    if (!this.inner) return;
    const inner = this.inner;
    const loaded = new Promise<void>((resolve) => inner.addEventListener('load', () => resolve(), { once: true }));
    inner.srcdoc = html;
    await loaded;
  }

  /** Sends a message to the page in the frame (a fetch's answer, the cookies after a write). */
  reply(message: Record<string, unknown>, transfer: Transferable[] = []): void {
    // The inner frame is an opaque origin, which no target origin names: '*'. What goes there is the app's own data.
    this.inner?.contentWindow?.postMessage(message, '*', transfer);
  }

  /** The inner frame, for focus and tests. */
  get frame(): HTMLIFrameElement | undefined {
    return this.inner;
  }

  dispose(): void {
    this.stop.abort();
    this.outer.remove();
  }
}
