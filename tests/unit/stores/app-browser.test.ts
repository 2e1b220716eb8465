import { describe, expect, it } from 'vitest';
import { header, text, type AppResponse } from '../../../src/lib/app-browser/http';
import type { ServeOutcome } from '../../../src/runtime/client';
import type { ReleaseSpec, ServeRequest } from '../../../src/runtime/protocol';
import { createAppBrowser } from '../../../src/stores/app-browser';

const TEXT = {
  loading: 'Loading {{url}}',
  loaded: 'Loaded {{url}} ({{status}})',
  redeployed: 'Release {{number}} is live',
  addressRefused: 'Only {{origin}}',
  offsite: 'Left for {{url}}',
  offsiteTitle: 'Leaving the app',
  tooManyRedirects: 'Loop at {{url}}',
  timeoutTitle: 'Request timeout',
  timeout: 'No answer in {{seconds}} s',
  crashedTitle: 'Application error',
  crashed: 'Crashed: {{message}}',
  loadFailed: 'No Python: {{message}}',
  cookiesCleared: 'Cleared',
};

const b64 = (s: string) => btoa(s);

/** A fake worker side: answers by path; records releases and limits. */
function setUp(routes: Record<string, (r: ServeRequest) => ServeOutcome>) {
  const calls: { release: ReleaseSpec; request: ServeRequest; limit: number }[] = [];
  const shown: { response: AppResponse; url: string }[] = [];
  const browser = createAppBrowser({
    step: 'fixture-app/browse',
    spec: { kind: 'deploy', checks: [] },
    lang: 'en',
    timeoutMs: 4000,
    text: TEXT,
    serve: async (release, request, _body, limit) => {
      calls.push({ release, request, limit });
      const route = routes[`${request.method} ${request.target}`];
      return route ? route(request) : { kind: 'served', response: { status: 404, reason: 'Not Found', headers: [], body: '', problem: '', log: '' }, ms: 1 };
    },
    show: async (response, url) => {
      shown.push({ response, url });
    },
  });
  return { browser, calls, shown };
}

const html = (body: string, headers: [string, string][] = []): ServeOutcome => ({
  kind: 'served',
  response: { status: 200, reason: 'OK', headers: [['Content-Type', 'text/html'], ...headers], body: b64(body), problem: '', log: '' },
  ms: 1,
});

describe('app browser store', () => {
  it('deploys release 1 at its own address, giving the first request the boot limit', async () => {
    const { browser, calls, shown } = setUp({ 'GET /': () => html('home') });
    await browser.deploy({ 'app.py': 'x' });
    expect(calls[0]).toMatchObject({ release: { step: 'fixture-app/browse', number: 1 }, request: { host: 'browse-r1.app.test', target: '/' }, limit: 15_000 });
    expect(text(shown[0]!.response.body)).toBe('home');
    expect(browser.$view.get()).toMatchObject({
      open: true,
      release: 1,
      address: 'https://browse-r1.app.test/',
      status: 'Loaded https://browse-r1.app.test/ (200 OK)',
    });
    await browser.reload();
    expect(calls[1]!.limit).toBe(4000);
  });

  it('a Run moves the open browser onto the next release, at the same path, with a fresh jar', async () => {
    const { browser, calls } = setUp({ 'GET /': () => html('home', [['Set-Cookie', 'a=1']]), 'GET /notes': () => html('notes') });
    await browser.deploy({ 'app.py': 'x' });
    await browser.go('/notes');
    await browser.deploy({ 'app.py': 'y' });
    expect(calls.at(-1)).toMatchObject({ release: { number: 2, files: { 'app.py': 'y' } }, request: { host: 'browse-r2.app.test', target: '/notes' } });
    expect(browser.$view.get()).toMatchObject({ release: 2, address: 'https://browse-r2.app.test/notes', cookies: [], status: 'Release 2 is live' });
  });

  it('a timeout shows the platform page, and the next request boots the release again', async () => {
    const { browser, calls, shown } = setUp({ 'GET /': () => html('home'), 'GET /slow': () => ({ kind: 'timeout', restarted: true }) });
    await browser.deploy({});
    await browser.go('/slow');
    expect(shown.at(-1)!.response.status).toBe(503);
    expect(text(shown.at(-1)!.response.body)).toContain('No answer in 4 s');
    await browser.go('/');
    expect(calls.at(-1)!.limit).toBe(15_000);
  });

  it('refuses a typed address outside the app and shows, without following, a redirect away', async () => {
    const { browser, calls, shown } = setUp({
      'GET /': () => html('home'),
      'GET /away': () => ({
        kind: 'served',
        response: { status: 302, reason: 'Found', headers: [['Location', 'https://example.com/']], body: '', problem: '', log: '' },
        ms: 1,
      }),
    });
    await browser.deploy({});
    await browser.go('https://example.com/');
    expect(browser.$view.get().status).toBe('Only https://browse-r1.app.test');
    expect(calls).toHaveLength(1);
    await browser.go('/away');
    expect(text(shown.at(-1)!.response.body)).toContain('Left for https://example.com/');
    expect(header(shown.at(-1)!.response.headers, 'Content-Type')).toContain('text/html');
  });

  it('encodes a POST form and follows its 303', async () => {
    const { browser, calls } = setUp({
      'GET /': () => html('home'),
      'POST /notes': () => ({
        kind: 'served',
        response: { status: 303, reason: 'See Other', headers: [['Location', '/notes']], body: '', problem: '', log: '' },
        ms: 1,
      }),
      'GET /notes': () => html('notes'),
    });
    await browser.deploy({});
    await browser.follow({ method: 'POST', url: 'https://browse-r1.app.test/notes', enctype: '', entries: [['title', 'a b']] }, 'https://browse-r1.app.test/');
    expect(calls.map((c) => `${c.request.method} ${c.request.target}`)).toEqual(['GET /', 'POST /notes', 'GET /notes']);
    expect(calls[1]!.request.headers).toContainEqual(['Content-Type', 'application/x-www-form-urlencoded']);
    expect(browser.$view.get().address).toBe('https://browse-r1.app.test/notes');
  });
});
