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
 *
 * A document counts as shown when its own shim says so (after its load,
 * once drawn), naming the number it was rendered with. The iframe's `load`
 * event cannot tell documents apart: the previous document's, still queued
 * when the next `srcdoc` is set (it arrives from another process, late
 * under load), used to settle the next show before its document had even
 * arrived, so "Loaded" was announced, and a test clicked, too early.
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

/** What the frame passes on to the page: every message but `shown`, which the frame keeps. */
export type PageMessage = Exclude<FrameMessage, { type: 'shown' }>;

export class AppFrame {
  private outer: HTMLIFrameElement;
  private inner?: HTMLIFrameElement;
  private ready: Promise<void>;
  private stop = new AbortController();
  private documents = 0;
  /** The show waiting for its document's word. */
  private showing?: { doc: number; done: () => void };

  constructor(
    host: HTMLElement,
    frameUrl: string,
    title: string,
    private readonly onMessage: (message: PageMessage) => void,
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
    if (message?.type === 'shown') {
      if (message.doc === this.showing?.doc) this.settle();
    } else if (message) this.onMessage(message);
  }

  private settle(): void {
    const showing = this.showing;
    this.showing = undefined;
    showing?.done();
  }

  /** The number to render the next document with (`renderDocument`'s `doc`). */
  nextDocument(): number {
    this.documents += 1;
    return this.documents;
  }

  /** Shows a document (a complete HTML text rendered as `doc`); resolves once that document says it is shown, or another show replaces it. */
  async show(html: string, doc: number): Promise<void> {
    await this.ready;
    if (!this.inner) return;
    this.settle();
    const shown = new Promise<void>((done) => (this.showing = { doc, done }));
    this.inner.srcdoc = html;
    await shown;
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
    this.settle();
    this.stop.abort();
    this.outer.remove();
  }
}
