import { describe, expect, it } from 'vitest';
import { CookieJar, defaultPath, parseSetCookie, pathMatches } from '../../../../src/lib/app-browser/cookie-jar';

const APP = 'https://notes-r1.app.test';
const NOW = Date.parse('2026-12-01T00:00:00Z');
const nav = { method: 'GET', initiator: `${APP}/`, navigation: true };

describe('parseSetCookie', () => {
  it.each([
    ['a=1', { name: 'a', value: '1', path: '/notes', hostOnly: true, sameSite: 'Lax', sameSiteDefault: true, expires: null }],
    ['a=1; Path=/; Secure; HttpOnly; SameSite=Strict', { path: '/', secure: true, httpOnly: true, sameSite: 'Strict', sameSiteDefault: false }],
    ['a=1; Max-Age=60', { expires: NOW + 60_000 }],
    ['a=1; Max-Age=60; Expires=Wed, 01 Dec 2027 00:00:00 GMT', { expires: NOW + 60_000 }],
    ['a=1; Expires=Wed, 01 Dec 2027 00:00:00 GMT', { expires: Date.parse('2027-12-01T00:00:00Z') }],
    ['a=1; Domain=.app.test', { domain: 'app.test', hostOnly: false }],
    ['a=1; Path=relative', { path: '/notes' }],
    ['a=1; SameSite=None; Secure', { sameSite: 'None' }],
  ])('%s', (line, expected) => {
    expect(parseSetCookie(line, `${APP}/notes/edit`, NOW)).toMatchObject(expected);
  });

  it.each([
    ['a domain the host is not in', 'a=1; Domain=example.test'],
    ['SameSite=None without Secure', 'a=1; SameSite=None'],
    ['__Secure- without Secure', '__Secure-a=1'],
    ['__Host- with a Domain', '__Host-a=1; Secure; Path=/; Domain=app.test'],
    ['__Host- with a narrower path', '__Host-a=1; Secure; Path=/x'],
    ['an empty pair', ';Path=/'],
  ])('ignores %s', (_, line) => {
    expect(parseSetCookie(line, `${APP}/`, NOW)).toBeNull();
  });

  it.each([
    ['/', '/'],
    ['/notes', '/'],
    ['/notes/edit', '/notes'],
  ])('the default path of %s is %s', (path, expected) => expect(defaultPath(path)).toBe(expected));

  it.each([
    ['/notes', '/notes', true],
    ['/notes/1', '/notes', true],
    ['/notesx', '/notes', false],
    ['/notes/1', '/notes/', true],
    ['/', '/notes', false],
  ])('path %s matches %s: %s', (request, cookie, expected) => expect(pathMatches(request, cookie)).toBe(expected));
});

describe('CookieJar', () => {
  it('sends cookies back on matching requests, longest path first', () => {
    const jar = new CookieJar();
    jar.set('a=1; Path=/', `${APP}/`, NOW);
    jar.set('b=2; Path=/notes', `${APP}/`, NOW + 1);
    expect(jar.header(`${APP}/notes/1`, nav, NOW)).toBe('b=2; a=1');
    expect(jar.header(`${APP}/`, nav, NOW)).toBe('a=1');
    expect(jar.header('https://other-r1.app.test/', nav, NOW)).toBe('');
  });

  it('replaces a cookie of the same name, domain and path, and deletes it with Max-Age=0', () => {
    const jar = new CookieJar();
    jar.set('a=1; Path=/', `${APP}/`, NOW);
    jar.set('a=2; Path=/', `${APP}/`, NOW);
    expect(jar.list(NOW).map((c) => c.value)).toEqual(['2']);
    jar.set('a=; Path=/; Max-Age=0', `${APP}/`, NOW);
    expect(jar.list(NOW)).toEqual([]);
  });

  it('lets cookies expire', () => {
    const jar = new CookieJar();
    jar.set('a=1; Path=/; Max-Age=10', `${APP}/`, NOW);
    expect(jar.header(`${APP}/`, nav, NOW + 9_000)).toBe('a=1');
    expect(jar.header(`${APP}/`, nav, NOW + 10_000)).toBe('');
  });

  it('hides HttpOnly cookies from document.cookie and refuses script writes to them', () => {
    const jar = new CookieJar();
    jar.set('session=s; Path=/; HttpOnly', `${APP}/`, NOW);
    jar.set('theme=dark; Path=/', `${APP}/`, NOW);
    expect(jar.documentCookie(`${APP}/`, NOW)).toBe('theme=dark');
    jar.set('session=forged; Path=/', `${APP}/`, NOW, true);
    jar.set('x=1; HttpOnly', `${APP}/`, NOW, true);
    expect(jar.header(`${APP}/`, nav, NOW)).toBe('session=s; theme=dark');
  });

  it('does not send Secure cookies over http', () => {
    const jar = new CookieJar();
    jar.set('a=1; Path=/; Secure', `${APP}/`, NOW);
    expect(jar.header('http://notes-r1.app.test/', { ...nav, initiator: 'http://notes-r1.app.test/' }, NOW)).toBe('');
  });

  describe.each([
    ['Strict', { getNav: false, postNav: false, getFetch: false }],
    ['Lax', { getNav: true, postNav: false, getFetch: false }],
    ['None; Secure', { getNav: true, postNav: true, getFetch: true }],
  ])('SameSite=%s from another site', (attr, sent) => {
    const jar = new CookieJar();
    jar.set(`s=1; Path=/; SameSite=${attr}`, `${APP}/`, NOW);
    const attacker = 'https://attacker.test/';
    it.each([
      ['a top-level GET', { method: 'GET', navigation: true }, sent.getNav],
      ['a top-level POST', { method: 'POST', navigation: true }, sent.postNav],
      ['a script GET', { method: 'GET', navigation: false }, sent.getFetch],
    ])('%s', (_, context, expected) => {
      expect(jar.header(`${APP}/`, { ...context, initiator: attacker }, NOW) === 's=1').toBe(expected);
      // From the app's own site, it is always sent.
      expect(jar.header(`${APP}/`, { ...context, initiator: `${APP}/` }, NOW)).toBe('s=1');
    });
  });

  it('treats a cookie without SameSite as Lax', () => {
    const jar = new CookieJar();
    jar.set('s=1; Path=/', `${APP}/`, NOW);
    expect(jar.header(`${APP}/`, { method: 'POST', navigation: true, initiator: 'https://attacker.test/' }, NOW)).toBe('');
  });

  it('clears', () => {
    const jar = new CookieJar();
    jar.set('a=1', `${APP}/`, NOW);
    jar.clear();
    expect(jar.list(NOW)).toEqual([]);
  });
});
