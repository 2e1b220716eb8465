/**
 * The app browser's HTTP messages: what the simulated browser sends to a
 * release and gets back. Headers are a list of pairs in order, as on the
 * wire, so repeated headers (Set-Cookie) and their order survive.
 */
export type HeaderList = [string, string][];

export interface AppRequest {
  method: string;
  /** Absolute, at the release's virtual origin (or the attacker page's). */
  url: string;
  headers: HeaderList;
  body: Uint8Array | null;
}

export interface AppResponse {
  status: number;
  statusText: string;
  headers: HeaderList;
  body: Uint8Array;
}

/** The first value of a header, by case-insensitive name. */
export function header(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

/** Every value of a header, in order. */
export function headerValues(headers: HeaderList, name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value);
}

/** The list without any `name` header, then `name: value` appended. */
export function withHeader(headers: HeaderList, name: string, value: string): HeaderList {
  return [...withoutHeader(headers, name), [name, value]];
}

export function withoutHeader(headers: HeaderList, ...names: string[]): HeaderList {
  const lower = new Set(names.map((n) => n.toLowerCase()));
  return headers.filter(([key]) => !lower.has(key.toLowerCase()));
}

/** Cache-Control (or any comma-separated directive list) as lower-cased names → values ('' when valueless). */
export function directives(value: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (value ?? '').split(',')) {
    const [name = '', ...rest] = part.split('=');
    const key = name.trim().toLowerCase();
    if (key)
      out.set(
        key,
        rest
          .join('=')
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      );
  }
  return out;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
