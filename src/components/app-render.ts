/**
 * A response as the document the app frame shows: the app's HTML parsed
 * (inertly, with DOMParser: nothing in it runs or loads here), its
 * stylesheets, scripts, images and icons fetched through the app browser's
 * pipeline (so they appear in the network panel, use the cache and get
 * 304s) and inlined, since the frame can load nothing itself; then a
 * `<base>` at the page's virtual address and the shim, first in `<head>`.
 * Other content types are shown as a browser would: text as text, images
 * as images.
 */
import shimSource from './app-shim.js?raw';

export interface Loaded {
  body: Uint8Array;
  type: string;
}

/** Fetches a subresource through the pipeline; null when it failed. */
export type LoadSubresource = (url: string) => Promise<Loaded | null>;

const MAX_IMPORT_DEPTH = 3;

const abs = (href: string, base: string): string | null => {
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
};

function dataUrl(loaded: Loaded): string {
  let binary = '';
  for (let i = 0; i < loaded.body.length; i += 0x8000) binary += String.fromCharCode(...loaded.body.subarray(i, i + 0x8000));
  return `data:${loaded.type.split(';')[0] || 'application/octet-stream'};base64,${btoa(binary)}`;
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A stylesheet's text with its `@import`s and `url()`s fetched and inlined. */
export async function inlineCss(css: string, base: string, load: LoadSubresource, depth = 0): Promise<string> {
  let out = css;
  const imports = [...out.matchAll(/@import\s+(?:url\(\s*)?["']?([^"')\s;]+)["']?\s*\)?([^;]*);/g)];
  for (const [whole, href = '', media = ''] of imports) {
    const url = abs(href, base);
    const loaded = url && depth < MAX_IMPORT_DEPTH ? await load(url) : null;
    const inner = loaded ? await inlineCss(decode(loaded.body), url!, load, depth + 1) : '';
    out = out.replace(whole, media.trim() ? `@media ${media.trim()} {\n${inner}\n}` : inner);
  }
  const urls = [...new Set([...out.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)].map((m) => m[2]!))].filter(
    (u) => !u.startsWith('data:') && !u.startsWith('#'),
  );
  for (const href of urls) {
    const url = abs(href, base);
    const loaded = url ? await load(url) : null;
    if (loaded) out = out.split(href).join(dataUrl(loaded));
  }
  return out;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** The shim as an inline script for a page at `url` with the cookies scripts may read, rendered as document `doc` of the frame. */
export function shimScript(url: string, cookie: string, doc: number): string {
  const config = JSON.stringify({ url, cookie, doc }).replace(/</g, '\\u003c');
  return `(${shimSource.trim().replace(/;$/, '')})(${config});`;
}

/** What the frame shows for a response: a complete HTML document for `srcdoc`, its shim told it is document `documentNumber` (AppFrame.nextDocument). */
export async function renderDocument(
  body: Uint8Array,
  type: string,
  url: string,
  cookie: string,
  load: LoadSubresource,
  documentNumber: number,
): Promise<string> {
  const mime = type.split(';')[0]!.trim().toLowerCase();
  let html: string;
  if (mime === 'text/html' || mime === 'application/xhtml+xml') html = decode(body);
  else if (mime.startsWith('image/')) html = `<!doctype html><title></title><img alt="" src="${dataUrl({ body, type: mime })}">`;
  else html = `<!doctype html><title></title><pre style="white-space:pre-wrap;word-break:break-word">${escapeHtml(decode(body))}</pre>`;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // The page's own <base> (if any) decides how its URLs resolve; ours replaces it.
  const given = doc.querySelector('base[href]')?.getAttribute('href');
  const base = (given && abs(given, url)) || url;
  for (const element of doc.querySelectorAll('base')) element.remove();

  for (const link of doc.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet" i][href]')) {
    const href = abs(link.getAttribute('href')!, base);
    const loaded = href ? await load(href) : null;
    const style = doc.createElement('style');
    if (link.media) style.media = link.media;
    style.textContent = loaded ? await inlineCss(decode(loaded.body), href!, load) : '';
    link.replaceWith(style);
  }
  for (const style of doc.querySelectorAll('style')) {
    if (/url\(|@import/.test(style.textContent ?? '')) style.textContent = await inlineCss(style.textContent ?? '', base, load);
  }
  for (const script of doc.querySelectorAll<HTMLScriptElement>('script[src]')) {
    const href = abs(script.getAttribute('src')!, base);
    const loaded = href ? await load(href) : null;
    script.removeAttribute('src');
    script.textContent = loaded ? decode(loaded.body) : '';
  }
  for (const element of doc.querySelectorAll<HTMLElement>('img[src], input[type="image" i][src], link[rel~="icon" i][href], video[poster]')) {
    const attr = element.hasAttribute('src') ? 'src' : element.hasAttribute('href') ? 'href' : 'poster';
    const value = element.getAttribute(attr)!;
    if (value.startsWith('data:')) continue;
    const href = abs(value, base);
    const loaded = href ? await load(href) : null;
    if (loaded) element.setAttribute(attr, dataUrl(loaded));
    else element.removeAttribute(attr);
  }
  for (const element of doc.querySelectorAll('img[srcset], source[srcset]')) element.removeAttribute('srcset');

  const head = doc.head;
  const shim = doc.createElement('script');
  shim.textContent = shimScript(url, cookie, documentNumber);
  const baseElement = doc.createElement('base');
  baseElement.href = base;
  head.prepend(baseElement, shim);
  if (!head.querySelector('meta[charset]')) {
    const meta = doc.createElement('meta');
    meta.setAttribute('charset', 'utf-8');
    head.prepend(meta);
  }
  return `<!doctype html>\n${doc.documentElement.outerHTML}`;
}
