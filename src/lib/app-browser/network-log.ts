/**
 * The network panel's entries: each request the app browser made, with its
 * method, URL, status, time and the raw request and response headers, as a
 * browser's developer tools list them. `source` says whether Python
 * answered (`network`), the cache did (`cache`), or the cache after a 304
 * (`revalidated`: the entry shows the 304 the server sent).
 */
import type { HeaderList } from './http';

export type EntrySource = 'network' | 'cache' | 'revalidated' | 'blocked' | 'platform';

export interface LogEntry {
  id: number;
  method: string;
  url: string;
  status: number | null;
  statusText: string;
  ms: number;
  /** document: a navigation; subresource: a stylesheet, script or image; script: fetch or XMLHttpRequest. */
  kind: 'document' | 'subresource' | 'script';
  source: EntrySource;
  requestHeaders: HeaderList;
  responseHeaders: HeaderList;
  /** A protocol mistake, exception or refusal, explained; empty when none. */
  problem: string;
}

export const LOG_LIMIT = 300;

export function rawRequest(entry: Pick<LogEntry, 'method' | 'url' | 'requestHeaders'>): string {
  const url = new URL(entry.url);
  const lines = [`${entry.method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, ...entry.requestHeaders.map(([k, v]) => `${k}: ${v}`)];
  return lines.join('\r\n');
}

export function rawResponse(entry: Pick<LogEntry, 'status' | 'statusText' | 'responseHeaders'>): string {
  if (entry.status === null) return '';
  return [`HTTP/1.1 ${entry.status} ${entry.statusText}`.trimEnd(), ...entry.responseHeaders.map(([k, v]) => `${k}: ${v}`)].join('\r\n');
}

export class NetworkLog {
  private nextId = 1;
  entries: LogEntry[] = [];

  add(entry: Omit<LogEntry, 'id'>): LogEntry {
    const full = { ...entry, id: this.nextId++ };
    this.entries = [...this.entries, full].slice(-LOG_LIMIT);
    return full;
  }

  clear(): void {
    this.entries = [];
  }
}
