/**
 * <wm-app-browser>: the app browser of a walkthrough step (AppBrowser.astro).
 * DOM glue over its store (`src/stores/app-browser.ts`): renders the
 * address bar, status, cookies and network panels from the store, puts
 * responses into the frame (`app-render.ts`, `app-frame.ts`) and passes
 * the frame's clicks, forms, fetches and cookie writes to the store.
 * Loaded by <wm-step> when the learner first presses "Open the app".
 */
import { header, type AppResponse } from '../lib/app-browser/http';
import { rawRequest, rawResponse, type LogEntry } from '../lib/app-browser/network-log';
import type { FormEntry } from '../lib/app-browser/form-encoding';
import { fill } from '../lib/format';
import { pythonClient } from '../runtime/page-client';
import type { StepSpec } from '../runtime/protocol';
import { createAppBrowser, type AppBrowser, type AppBrowserView } from '../stores/app-browser';
import type { AppBrowserStrings } from './app-browser-data';
import { AppFrame, frameSupported, type PageMessage } from './app-frame';
import { renderDocument } from './app-render';
import { dataJson, el } from './page-data';

export class AppBrowserElement extends HTMLElement {
  private browser?: AppBrowser;
  private frame?: AppFrame;
  private listening?: AbortController;
  private stopRendering?: () => void;
  private selected: number | null = null;
  /** Resolves when the first page of the latest deploy is shown (tests and the bench wait on it). */
  shown: Promise<void> = Promise.resolve();

  connectedCallback(): void {
    this.dataset.ready = 'true';
  }

  disconnectedCallback(): void {
    this.listening?.abort();
    this.stopRendering?.();
    this.frame?.dispose();
    this.browser = undefined;
    this.frame = undefined;
  }

  /** Opens the browser on a new release of `files` (or moves it onto one). */
  open(files: Record<string, string>): Promise<void> {
    const browser = this.browser ?? this.setUp();
    el(this, '[data-app-view]').hidden = false;
    el(this, '[data-open-app]').setAttribute('aria-expanded', 'true');
    this.shown = browser.deploy(files);
    return this.shown;
  }

  /** After a Run: the open browser follows onto the new release. */
  redeploy(files: Record<string, string>): void {
    if (this.browser?.$view.get().open) this.shown = this.browser.deploy(files);
  }

  private setUp(): AppBrowser {
    this.listening = new AbortController();
    const { signal } = this.listening;
    const strings = dataJson<AppBrowserStrings>(this, 'strings');
    const step = this.closest<HTMLElement>('wm-step');
    const spec = step ? dataJson<StepSpec>(step, 'spec') : ({ kind: 'wsgi', checks: [] } satisfies StepSpec);
    const lang = document.documentElement.lang;
    const timeoutMs = Number(step?.dataset.timeout) || 5000;
    // Without sandboxed frames the app's pages have nowhere safe to go: the
    // step says so, and the address bar and panels still show every exchange.
    const frame = frameSupported()
      ? new AppFrame(el(this, '[data-frame-host]'), `${import.meta.env.BASE_URL}app-frame.html`, strings.frameTitle, (m) => void this.fromFrame(m))
      : undefined;
    el(this, '[data-no-frame]').hidden = !!frame;
    this.frame = frame;
    const browser = createAppBrowser({
      step: step?.dataset.key ?? 'app',
      spec,
      lang,
      timeoutMs,
      text: strings,
      serve: (release, request, body, ms) => pythonClient().serve(release, request, body, lang, ms),
      show: async (response: AppResponse, url, cookie, load) => {
        if (!frame) return;
        const doc = frame.nextDocument();
        const html = await renderDocument(response.body, header(response.headers, 'Content-Type') ?? 'text/html', url, cookie, load, doc);
        await frame.show(html, doc);
      },
    });
    this.browser = browser;

    el(this, '[data-back]').addEventListener('click', () => void browser.back(), { signal });
    el(this, '[data-forward]').addEventListener('click', () => void browser.forward(), { signal });
    el(this, '[data-reload]').addEventListener('click', () => void browser.reload(), { signal });
    el(this, '[data-clear-cookies]').addEventListener('click', () => browser.clearCookies(), { signal });
    el(this, '[data-clear-log]').addEventListener('click', () => browser.clearLog(), { signal });
    const address = el<HTMLInputElement>(this, '[data-address]');
    // What the learner is typing stays until they go there (or Escape).
    address.addEventListener('input', () => (address.dataset.editing = 'true'), { signal });
    address.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'Escape') return;
        delete address.dataset.editing;
        address.value = browser.$view.get().address;
      },
      { signal },
    );
    el(this, '[data-address-form]').addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        delete address.dataset.editing;
        void browser.go(address.value);
      },
      { signal },
    );
    el(this, '[data-network]').addEventListener(
      'click',
      (event) => {
        const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-entry]');
        if (!button) return;
        this.selected = Number(button.dataset.entry);
        this.render(browser.$view.get(), strings);
      },
      { signal },
    );
    this.stopRendering = browser.$view.subscribe((view) => this.render(view, strings));
    return browser;
  }

  private async fromFrame(message: PageMessage): Promise<void> {
    const browser = this.browser;
    if (!browser) return;
    const from = browser.$view.get().address;
    if (message.type === 'navigate') {
      const entries: FormEntry[] | null = message.entries
        ? await Promise.all(
            message.entries.map(async ([name, value]): Promise<FormEntry> => {
              if (typeof value === 'string') return [name, value];
              const file = value as Blob & { name?: string };
              return [name, { name: typeof file.name === 'string' ? file.name : 'blob', type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }];
            }),
          )
        : null;
      await browser.follow({ method: message.method, url: message.url, enctype: message.enctype, entries }, from);
    } else if (message.type === 'fetch') {
      const answer = await browser.fetch(
        { method: message.method, url: message.url, headers: message.headers, body: message.body ? new Uint8Array(message.body) : null },
        from,
      );
      if (!answer) {
        this.frame?.reply({ wm: 'app-reply', id: message.id, ok: false });
        return;
      }
      const body = answer.response.body.slice().buffer;
      this.frame?.reply(
        {
          wm: 'app-reply',
          id: message.id,
          ok: true,
          status: answer.response.status,
          statusText: answer.response.statusText,
          headers: answer.response.headers.filter(([k]) => k.toLowerCase() !== 'set-cookie'),
          body,
          url: answer.url,
          redirected: answer.redirected,
        },
        [body],
      );
    } else {
      this.frame?.reply({ wm: 'app-cookie', value: browser.writeCookie(message.value, from) });
    }
  }

  private render(view: AppBrowserView, strings: AppBrowserStrings): void {
    const address = el<HTMLInputElement>(this, '[data-address]');
    if (!address.dataset.editing) address.value = view.address;
    el<HTMLButtonElement>(this, '[data-back]').disabled = !view.canGoBack;
    el<HTMLButtonElement>(this, '[data-forward]').disabled = !view.canGoForward;
    el(this, '[data-release]').textContent = view.release
      ? fill(strings.release, { number: view.release, time: new Date(view.deployedAt).toLocaleTimeString(document.documentElement.lang) })
      : '';
    const status = el(this, '[data-app-status]');
    if (status.textContent !== view.status) status.textContent = view.status;
    this.setAttribute('aria-busy', String(view.busy));
    this.renderCookies(view, strings);
    this.renderNetwork(view, strings);
  }

  private renderCookies(view: AppBrowserView, strings: AppBrowserStrings): void {
    el(this, '[data-cookies-caption]').textContent = fill(strings.cookiesCaption, { origin: view.origin });
    const body = el(this, '[data-cookies]');
    const lang = document.documentElement.lang;
    const rows = view.cookies.map((c) => {
      const flags = [c.secure ? 'Secure' : '', c.httpOnly ? 'HttpOnly' : '', c.sameSiteDefault ? strings.sameSiteDefault : `SameSite=${c.sameSite}`]
        .filter(Boolean)
        .join(', ');
      const expires = c.expires === null ? strings.session : new Date(c.expires).toLocaleString(lang);
      return [c.name, c.value, c.hostOnly ? c.domain : `.${c.domain}`, c.path, expires, flags];
    });
    body.replaceChildren(...(rows.length ? rows.map((cells) => row(cells)) : [row([strings.noCookies], 6)]));
  }

  private renderNetwork(view: AppBrowserView, strings: AppBrowserStrings): void {
    const body = el(this, '[data-network]');
    // Rows are redrawn; a keyboard user's focus stays on the row's button.
    const focused = body.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.entry : undefined;
    if (!view.log.length) {
      body.replaceChildren(row([strings.noRequests], 4));
      this.selected = null;
    } else {
      body.replaceChildren(
        ...view.log.map((entry) => {
          const tr = document.createElement('tr');
          tr.setAttribute('aria-current', String(entry.id === this.selected));
          const button = document.createElement('button');
          button.type = 'button';
          button.dataset.entry = String(entry.id);
          button.textContent = shortUrl(entry.url);
          const note =
            entry.source === 'cache'
              ? strings.fromCache
              : entry.source === 'revalidated'
                ? strings.revalidated
                : entry.source === 'platform'
                  ? strings.platform
                  : '';
          tr.append(cell(entry.method), cell(button, note), cell(`${entry.status ?? ''} ${entry.statusText}`.trim()), cell(fill(strings.ms, { ms: entry.ms })));
          return tr;
        }),
      );
    }
    if (focused) body.querySelector<HTMLButtonElement>(`button[data-entry="${focused}"]`)?.focus();
    const detail = el(this, '[data-network-detail]');
    const entry = view.log.find((e) => e.id === this.selected);
    detail.hidden = !entry;
    if (entry) this.renderDetail(entry, strings);
  }

  private renderDetail(entry: LogEntry, strings: AppBrowserStrings): void {
    el(this, '[data-detail-title]').textContent = fill(strings.details, { method: entry.method, url: entry.url });
    el(this, '[data-request-headers]').textContent = rawRequest(entry);
    el(this, '[data-response-headers]').textContent = rawResponse(entry);
    el(this, '[data-detail-problem]').hidden = !entry.problem;
    el(this, '[data-problem]').textContent = entry.problem;
  }
}

function shortUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname}${parsed.search}`;
}

function cell(...content: (string | Node)[]): HTMLTableCellElement {
  const td = document.createElement('td');
  const parts = content.filter((c) => c !== '');
  parts.forEach((part, i) => {
    if (i > 0) td.append(' ');
    td.append(part);
  });
  return td;
}

function row(cells: string[], span?: number): HTMLTableRowElement {
  const tr = document.createElement('tr');
  if (span) {
    const td = cell(cells[0] ?? '');
    td.colSpan = span;
    tr.append(td);
  } else tr.append(...cells.map((c) => cell(c)));
  return tr;
}

customElements.define('wm-app-browser', AppBrowserElement);
