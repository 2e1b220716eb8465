import { describe, expect, it } from 'vitest';
import { releaseOrigin, siteOf, toTarget, typedAddress } from '../../../../src/lib/app-browser/address';

const ORIGIN = 'https://notes-r3.app.test';

describe('virtual addresses', () => {
  it('gives each release its own origin under app.test', () => {
    expect(releaseOrigin('deploy-app', 3)).toBe('https://deploy-app-r3.app.test');
    expect(releaseOrigin('Weird_ID!', 1)).toBe('https://weird-id-r1.app.test');
  });

  it.each([
    [`${ORIGIN}/`, { ok: true, host: 'notes-r3.app.test', target: '/' }],
    [`${ORIGIN}/notes/1?x=%20y#frag`, { ok: true, host: 'notes-r3.app.test', target: '/notes/1?x=%20y' }],
    [`${ORIGIN}/a/../../b`, { ok: true, host: 'notes-r3.app.test', target: '/b' }],
    ['https://notes-r2.app.test/', { ok: false, problem: 'off-origin' }],
    ['http://notes-r3.app.test/', { ok: false, problem: 'off-origin' }],
    ['https://user:pw@notes-r3.app.test/', { ok: false, problem: 'off-origin' }],
    ['http://127.0.0.1:4321/en/', { ok: false, problem: 'off-origin' }],
  ])('%s → %j', (url, expected) => expect(toTarget(url, ORIGIN)).toEqual(expected));

  it.each([
    ['/login', `${ORIGIN}/login`],
    ['login?next=/', `${ORIGIN}/login?next=/`],
    [`${ORIGIN}/x`, `${ORIGIN}/x`],
    ['notes-r3.app.test/y', `${ORIGIN}/y`],
    ['https://attacker.test/', 'https://attacker.test/'],
    ['https://example.com/', null],
    ['javascript:alert(1)', null],
    ['  ', null],
  ])('the address bar takes %j as %j', (input, expected) => expect(typedAddress(input, ORIGIN)).toBe(expected));

  it('puts every release in one site and the attacker in another', () => {
    expect(siteOf(`${ORIGIN}/`)).toBe(siteOf('https://notes-r4.app.test/x'));
    expect(siteOf('https://attacker.test/')).not.toBe(siteOf(`${ORIGIN}/`));
  });
});
