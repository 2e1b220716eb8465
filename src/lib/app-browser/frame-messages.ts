/**
 * Messages from the app frame's shim to the page, validated before the page
 * acts on them: the frame runs the learner's code (and any XSS they try),
 * so everything it sends is untrusted. Sizes are bounded, keys are read as
 * own properties, and anything of another shape is dropped. Files are
 * recognised by a predicate the page passes in, so this module stays free
 * of the DOM. Messages are received in the outer frame's window, another
 * realm than the page's: `instanceof` against the page's classes fails, so
 * types are told by their brand (`Object.prototype.toString`).
 */
export type FrameValue = string | Blob;

export type FrameMessage =
  | { type: 'navigate'; method: 'GET' | 'POST'; url: string; enctype: string; entries: [string, FrameValue][] | null }
  | { type: 'fetch'; id: number; method: string; url: string; headers: [string, string][]; body: ArrayBuffer | null }
  | { type: 'cookie'; value: string }
  /** The shim's word that the document it was rendered into (`doc`) has loaded and been drawn. */
  | { type: 'shown'; doc: number };

const MAX_URL = 8192;
const MAX_ENTRIES = 1000;
const MAX_HEADERS = 100;
const MAX_BODY = 8 * 1024 * 1024;

const own = (value: object, key: string): unknown => (Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined);
const isString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

function entriesOf(value: unknown, isBlob: (v: unknown) => v is Blob): [string, FrameValue][] | null | undefined {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length > MAX_ENTRIES) return undefined;
  const out: [string, FrameValue][] = [];
  for (const entry of value) {
    if (!Array.isArray(entry) || entry.length !== 2 || !isString(entry[0], MAX_URL)) return undefined;
    const item: unknown = entry[1];
    if (isString(item, MAX_BODY)) out.push([entry[0], item]);
    else if (isBlob(item) && item.size <= MAX_BODY) out.push([entry[0], item]);
    else return undefined;
  }
  return out;
}

function headersOf(value: unknown): [string, string][] | undefined {
  if (!Array.isArray(value) || value.length > MAX_HEADERS) return undefined;
  const out: [string, string][] = [];
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2 || !isString(pair[0], 256) || !isString(pair[1], MAX_URL)) return undefined;
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(pair[0]) || /[\r\n]/.test(pair[1])) return undefined;
    out.push([pair[0], pair[1]]);
  }
  return out;
}

/** The message, if `data` is one the shim sends; null otherwise. */
export function parseFrameMessage(data: unknown, isBlob: (v: unknown) => v is Blob): FrameMessage | null {
  if (typeof data !== 'object' || data === null || own(data, 'wm') !== 'app') return null;
  const type = own(data, 'type');
  if (type === 'navigate') {
    const method = own(data, 'method');
    const url = own(data, 'url');
    const enctype = own(data, 'enctype') ?? '';
    const entries = entriesOf(own(data, 'entries'), isBlob);
    if ((method !== 'GET' && method !== 'POST') || !isString(url, MAX_URL) || !isString(enctype, 100) || entries === undefined) return null;
    return { type, method, url, enctype, entries };
  }
  if (type === 'fetch') {
    const id = own(data, 'id');
    const method = own(data, 'method');
    const url = own(data, 'url');
    const headers = headersOf(own(data, 'headers'));
    const body = own(data, 'body') ?? null;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || !isString(method, 16) || !/^[A-Z]+$/.test(method) || !isString(url, MAX_URL) || !headers)
      return null;
    // The message arrives in the outer frame's realm, so its ArrayBuffer is not this window's.
    if (body !== null && !(Object.prototype.toString.call(body) === '[object ArrayBuffer]' && (body as ArrayBuffer).byteLength <= MAX_BODY)) return null;
    return { type, id, method, url, headers, body: body as ArrayBuffer | null };
  }
  if (type === 'shown') {
    const doc = own(data, 'doc');
    return typeof doc === 'number' && Number.isSafeInteger(doc) ? { type, doc } : null;
  }
  if (type === 'cookie') {
    const value = own(data, 'value');
    return isString(value, 4096) ? { type, value } : null;
  }
  return null;
}
