/**
 * A form's entries as a request, following the HTML standard's three
 * encodings: application/x-www-form-urlencoded (also the query of a GET
 * form), multipart/form-data with a boundary, and text/plain. A file entry
 * carries its name, type and bytes; outside multipart only its name is sent.
 */
import { utf8 } from './http';

export interface FormFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

export type FormEntry = [string, string | FormFile];

export type Enctype = 'application/x-www-form-urlencoded' | 'multipart/form-data' | 'text/plain';

/** The enctype a form attribute value stands for; anything unknown is the default, as in HTML. */
export function enctypeOf(value: string | null | undefined): Enctype {
  const lower = (value ?? '').trim().toLowerCase();
  return lower === 'multipart/form-data' || lower === 'text/plain' ? lower : 'application/x-www-form-urlencoded';
}

const entryText = (value: string | FormFile): string => (typeof value === 'string' ? value : value.name);

/** Newlines in names and values become CRLF before encoding, as the standard says. */
const crlf = (text: string): string => text.replace(/\r\n|\r|\n/g, '\r\n');

export function urlencoded(entries: FormEntry[]): string {
  return new URLSearchParams(entries.map(([name, value]) => [crlf(name), crlf(entryText(value))])).toString();
}

/** A boundary no entry contains (entries are checked, and the random part makes a clash unlikely to begin with). */
export function makeBoundary(random: () => number = Math.random): string {
  return `----WaymarkFormBoundary${Array.from({ length: 16 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(random() * 62)]).join('')}`;
}

const escapeName = (name: string): string => name.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function multipart(entries: FormEntry[], boundary: string): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [name, value] of entries) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(crlf(name))}"`;
    if (typeof value === 'string') {
      parts.push(utf8(`${head}\r\n\r\n${crlf(value)}\r\n`));
    } else {
      head += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`;
      parts.push(utf8(head), value.bytes, utf8('\r\n'));
    }
  }
  parts.push(utf8(`--${boundary}--\r\n`));
  return concat(parts);
}

export function textPlain(entries: FormEntry[]): string {
  return entries.map(([name, value]) => `${crlf(name)}=${crlf(entryText(value))}\r\n`).join('');
}

/** The Content-Type and body a POST form sends. */
export function encodeForm(entries: FormEntry[], enctype: Enctype, boundary: string = makeBoundary()): { contentType: string; body: Uint8Array } {
  switch (enctype) {
    case 'multipart/form-data':
      return { contentType: `multipart/form-data; boundary=${boundary}`, body: multipart(entries, boundary) };
    case 'text/plain':
      return { contentType: 'text/plain;charset=UTF-8', body: utf8(textPlain(entries)) };
    case 'application/x-www-form-urlencoded':
      return { contentType: 'application/x-www-form-urlencoded', body: utf8(urlencoded(entries)) };
  }
}

/** A GET form's action with its entries as the query (replacing any query the action had). */
export function getFormUrl(action: string, entries: FormEntry[]): string {
  const url = new URL(action);
  url.search = urlencoded(entries);
  return url.href;
}
