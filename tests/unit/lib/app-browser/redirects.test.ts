import { describe, expect, it } from 'vitest';
import { redirectRequest } from '../../../../src/lib/app-browser/redirects';
import { utf8, type AppRequest } from '../../../../src/lib/app-browser/http';

const post: AppRequest = {
  method: 'POST',
  url: 'https://notes-r1.app.test/notes/new',
  headers: [['Content-Type', 'application/x-www-form-urlencoded']],
  body: utf8('t=1'),
};
const res = (status: number, location = '/') => ({ status, statusText: '', headers: [['Location', location]] as [string, string][], body: new Uint8Array() });

describe('redirectRequest', () => {
  it.each([
    [301, 'GET', false],
    [302, 'GET', false],
    [303, 'GET', false],
    [307, 'POST', true],
    [308, 'POST', true],
  ])('%i after a POST → %s, body kept: %s', (status, method, kept) => {
    const next = redirectRequest(post, res(status));
    if (!next.ok) throw new Error(next.problem);
    expect(next.request.method).toBe(method);
    expect(next.request.body !== null).toBe(kept);
    expect(next.request.headers.some(([k]) => k === 'Content-Type')).toBe(kept);
  });

  it.each([
    ['/', 'https://notes-r1.app.test/'],
    ['edit?x=1', 'https://notes-r1.app.test/notes/edit?x=1'],
    ['//attacker.test/x', 'https://attacker.test/x'],
    ['https://example.com/', 'https://example.com/'],
  ])('resolves Location %s against the request URL', (location, url) => {
    const next = redirectRequest(post, res(303, location));
    expect(next.ok && next.request.url).toBe(url);
  });

  it('a 303 after a GET stays a GET; a missing or non-http Location is not followed', () => {
    expect(redirectRequest({ ...post, method: 'GET', body: null }, res(303))).toMatchObject({ ok: true, request: { method: 'GET' } });
    expect(redirectRequest(post, { ...res(302), headers: [] })).toEqual({ ok: false, problem: 'no-location' });
    expect(redirectRequest(post, res(302, 'javascript:alert(1)'))).toEqual({ ok: false, problem: 'bad-location' });
  });
});
