/**
 * One step's app browser: the workflow behind <wm-app-browser>, as a store
 * the element renders. It owns the releases (each Open or Run is a new
 * release at its own address, the previous one served until then), the
 * session (cookies, cache, network log: `src/lib/app-browser/session.ts`),
 * the history, and what a navigation does: request through the session,
 * then hand the response to `show` (the element renders it into the frame).
 * Python is reached through `serve`, so tests hand in a fake. Nothing here
 * touches storage or the DOM.
 */
import { atom, type ReadableAtom } from 'nanostores';
import { releaseOrigin, typedAddress } from '../lib/app-browser/address';
import type { Cookie } from '../lib/app-browser/cookie-jar';
import { encodeForm, enctypeOf, getFormUrl, type FormEntry } from '../lib/app-browser/form-encoding';
import { header, utf8, type AppRequest, type AppResponse, type HeaderList } from '../lib/app-browser/http';
import { NavHistory } from '../lib/app-browser/history';
import type { LogEntry } from '../lib/app-browser/network-log';
import { AppSession, type Delivered, type Outcome } from '../lib/app-browser/session';
import { fill } from '../lib/format';
import type { ServeOutcome } from '../runtime/client';
import type { ReleaseSpec, ServeRequest, StepSpec } from '../runtime/protocol';

export interface AppBrowserView {
  open: boolean;
  release: number;
  /** When the current release was deployed (ms since the epoch). */
  deployedAt: number;
  origin: string;
  address: string;
  canGoBack: boolean;
  canGoForward: boolean;
  busy: boolean;
  /** The last thing that happened, for the status line (a live region). */
  status: string;
  cookies: Cookie[];
  log: LogEntry[];
}

/** Strings the store puts into pages and status lines (templates with `{{slots}}`). */
export interface AppBrowserText {
  loading: string;
  loaded: string;
  redeployed: string;
  addressRefused: string;
  offsite: string;
  offsiteTitle: string;
  tooManyRedirects: string;
  timeoutTitle: string;
  timeout: string;
  crashedTitle: string;
  crashed: string;
  loadFailed: string;
  cookiesCleared: string;
}

export interface AppBrowserOptions {
  /** The step, as `walkthrough/step`: names its releases. */
  step: string;
  spec: StepSpec;
  lang: string;
  timeoutMs: number;
  text: AppBrowserText;
  serve(release: ReleaseSpec, request: ServeRequest, body: string, timeoutMs: number): Promise<ServeOutcome>;
  /** Renders a response into the frame; `load` fetches its subresources through the session. */
  show(response: AppResponse, url: string, cookie: string, load: (url: string) => Promise<{ body: Uint8Array; type: string } | null>): Promise<void>;
  now?(): number;
}

/** The least time a release gets to boot on its first request. */
const BOOT_MS = 15_000;

export type FrameRequest = { method: 'GET' | 'POST'; url: string; enctype: string; entries: FormEntry[] | null };

const toBase64 = (bytes: Uint8Array | null): string => {
  if (!bytes) return '';
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};
const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A page the platform (or this browser) makes itself, in the learner's language. */
export function platformPage(status: number, title: string, message: string, lang: string): AppResponse {
  const html = `<!doctype html><html lang="${escapeHtml(lang)}"><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1f2328;background:#fff}</style><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`;
  return {
    status,
    statusText: status === 503 ? 'Service Unavailable' : '',
    headers: [
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Cache-Control', 'no-store'],
    ],
    body: utf8(html),
  };
}

export interface AppBrowser {
  readonly $view: ReadableAtom<AppBrowserView>;
  /** Deploys `files` as a new release and shows it: at `/` the first time, at the same path after that. */
  deploy(files: Record<string, string>): Promise<void>;
  /** Navigates to what the learner typed in the address bar. */
  go(input: string): Promise<void>;
  /** A link or form in the frame (from the page at `from`). */
  follow(request: FrameRequest, from: string): Promise<void>;
  /** A fetch or XMLHttpRequest from the page at `from`; resolves with the response (or null for a network error). */
  fetch(request: AppRequest, from: string): Promise<{ url: string; redirected: boolean; response: AppResponse } | null>;
  /** A `document.cookie` write; resolves with what scripts can read afterwards. */
  writeCookie(value: string, from: string): string;
  back(): Promise<void>;
  forward(): Promise<void>;
  reload(): Promise<void>;
  clearCookies(): void;
  clearLog(): void;
}

export function createAppBrowser(options: AppBrowserOptions): AppBrowser {
  const now = options.now ?? (() => Date.now());
  const history = new NavHistory();
  let release: ReleaseSpec | null = null;
  /** The release the worker is known to run; after a timeout or crash, none. */
  let booted = 0;
  let attacker: string | null = null;
  let navigation = 0;
  const transport = async (request: AppRequest, target: { host: string; target: string }): Promise<Delivered> => {
    if (!release) throw new Error('no release');
    // A release's first request also boots it (imports the app, runs the
    // release phase): a platform gives booting its own, longer limit.
    const limit = booted === release.number ? options.timeoutMs : Math.max(options.timeoutMs * 3, BOOT_MS);
    const outcome = await options.serve(
      release,
      { method: request.method, host: target.host, target: target.target, headers: request.headers },
      toBase64(request.body),
      limit,
    );
    booted = outcome.kind === 'served' ? release.number : 0;
    const t = options.text;
    switch (outcome.kind) {
      case 'served': {
        const r = outcome.response;
        return {
          response: { status: r.status, statusText: r.reason, headers: r.headers as HeaderList, body: fromBase64(r.body) },
          problem: r.problem,
          source: 'network',
        };
      }
      case 'timeout':
        return {
          response: platformPage(503, t.timeoutTitle, fill(t.timeout, { seconds: Math.round(options.timeoutMs / 1000) }), options.lang),
          problem: '',
          source: 'platform',
        };
      case 'crashed':
        return { response: platformPage(503, t.crashedTitle, fill(t.crashed, { message: outcome.message }), options.lang), problem: '', source: 'platform' };
      case 'load-failed':
        return { response: platformPage(503, t.crashedTitle, fill(t.loadFailed, { message: outcome.message }), options.lang), problem: '', source: 'platform' };
    }
  };
  const session = new AppSession({ transport, now, attackerPage: () => attacker }, 'https://app.test');
  const $view = atom<AppBrowserView>({
    open: false,
    release: 0,
    deployedAt: 0,
    origin: '',
    address: '',
    canGoBack: false,
    canGoForward: false,
    busy: false,
    status: '',
    cookies: [],
    log: [],
  });
  const update = (patch: Partial<AppBrowserView> = {}) =>
    $view.set({
      ...$view.get(),
      origin: session.origin,
      address: history.current ?? '',
      canGoBack: history.canGoBack,
      canGoForward: history.canGoForward,
      cookies: session.jar.list(now()),
      log: session.log.entries,
      ...patch,
    });

  const load = (from: string) => async (url: string) => {
    const outcome = await session.request({ method: 'GET', url, headers: [], body: null }, { initiator: from, kind: 'subresource' });
    if (outcome.kind !== 'response' || outcome.response.status >= 400) return null;
    return { body: outcome.response.body, type: header(outcome.response.headers, 'Content-Type') ?? '' };
  };

  /** Requests a document, shows what came back and records it in the history. */
  const navigate = async (request: AppRequest, from: string, mode: 'push' | 'replace' | 'reload'): Promise<void> => {
    const mine = ++navigation;
    update({ busy: true, status: fill(options.text.loading, { url: request.url }) });
    let outcome: Outcome;
    try {
      outcome = await session.request(request, { initiator: from, kind: 'document', cache: mode === 'reload' ? 'no-cache' : 'default' });
    } catch {
      outcome = { kind: 'offsite', url: request.url, from };
    }
    if (mine !== navigation) return;
    let shown: AppResponse;
    let url: string;
    let status: string;
    if (outcome.kind === 'response') {
      shown = outcome.response;
      url = outcome.url;
      status = fill(options.text.loaded, { url, status: `${shown.status} ${shown.statusText}`.trim() });
    } else {
      const message = outcome.kind === 'offsite' ? fill(options.text.offsite, { url: outcome.url }) : fill(options.text.tooManyRedirects, { url: outcome.url });
      shown = platformPage(200, options.text.offsiteTitle, message, options.lang);
      url = history.current ?? `${session.origin}/`;
      status = message;
    }
    if (mode === 'push' && outcome.kind === 'response') history.push(url);
    else if (outcome.kind === 'response') history.replace(url);
    update({ busy: true });
    await options.show(shown, url, session.documentCookie(url), load(url));
    if (mine !== navigation) return;
    update({ busy: false, status });
  };

  const get = (url: string): AppRequest => ({ method: 'GET', url, headers: [], body: null });

  return {
    $view,
    async deploy(files) {
      const number = (release?.number ?? 0) + 1;
      const name = options.step.split('/').pop() ?? 'app';
      const origin = releaseOrigin(name, number);
      release = { step: options.step, number, spec: options.spec, files };
      // The attacker page names the app as `{{app}}`, since each release has its own address.
      attacker = Object.hasOwn(files, 'attacker.html') ? (files['attacker.html'] ?? '').replaceAll('{{app}}', origin) : null;
      const path = history.current ? new URL(history.current) : null;
      session.moveTo(origin);
      history.rebase(origin);
      const first = !$view.get().open;
      update({ open: true, release: number, deployedAt: now() });
      const target = path && path.origin !== origin && !first ? `${origin}${path.pathname}${path.search}` : `${origin}/`;
      await navigate(get(target), target, first ? 'push' : 'replace');
      if (!first) update({ status: fill(options.text.redeployed, { number }) });
    },
    async go(input) {
      const url = typedAddress(input, session.origin);
      if (!url) {
        update({ status: fill(options.text.addressRefused, { origin: session.origin }) });
        return;
      }
      await navigate(get(url), url, 'push');
    },
    async follow(request, from) {
      const entries = request.entries ?? [];
      if (request.method === 'GET') {
        const url = request.entries ? getFormUrl(request.url, entries) : request.url;
        await navigate(get(url), from, 'push');
        return;
      }
      const { contentType, body } = encodeForm(entries, enctypeOf(request.enctype));
      await navigate({ method: 'POST', url: request.url, headers: [['Content-Type', contentType]], body }, from, 'push');
    },
    async fetch(request, from) {
      const outcome = await session.request(request, { initiator: from, kind: 'script' });
      update();
      if (outcome.kind !== 'response') return null;
      return { url: outcome.url, redirected: outcome.redirected, response: outcome.response };
    },
    writeCookie(value, from) {
      session.setDocumentCookie(from, value);
      update();
      return session.documentCookie(from);
    },
    async back() {
      const url = history.back();
      if (url) await navigate(get(url), url, 'replace');
    },
    async forward() {
      const url = history.forward();
      if (url) await navigate(get(url), url, 'replace');
    },
    async reload() {
      const url = history.current;
      if (url) await navigate(get(url), url, 'reload');
    },
    clearCookies() {
      session.jar.clear();
      update({ status: options.text.cookiesCleared });
    },
    clearLog() {
      session.log.clear();
      update();
    },
  };
}
