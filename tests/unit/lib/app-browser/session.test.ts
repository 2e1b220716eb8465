import { describe, expect, it } from 'vitest';
import { AppSession, type Delivered } from '../../../../src/lib/app-browser/session';
import { header, utf8, type AppRequest, type HeaderList } from '../../../../src/lib/app-browser/http';

const ORIGIN = 'https://notes-r1.app.test';

/** A fake release: routes → responses; records what it received. */
function fake(routes: Record<string, (r: AppRequest) => [number, HeaderList, string?]>) {
  const seen: AppRequest[] = [];
  let clock = 0;
  const session = new AppSession(
    {
      now: () => (clock += 10),
      attackerPage: () => '<form method=post action="https://notes-r1.app.test/transfer"></form>',
      transport: async (request, target): Promise<Delivered> => {
        seen.push(request);
        const route = routes[`${request.method} ${target.target}`];
        const [status, headers, body = ''] = route ? route(request) : [404, []];
        return { response: { status, statusText: '', headers, body: utf8(body) }, problem: '', source: 'network' };
      },
    },
    ORIGIN,
  );
  return { session, seen };
}

const get = (path: string): AppRequest => ({ method: 'GET', url: `${ORIGIN}${path}`, headers: [], body: null });
const doc = { initiator: `${ORIGIN}/`, kind: 'document' as const };

describe('AppSession', () => {
  it('follows a 303 after a POST with a GET, sending the cookie set on the way', async () => {
    const { session, seen } = fake({
      'POST /login': () => [
        303,
        [
          ['Location', '/'],
          ['Set-Cookie', 'session=abc; Path=/; HttpOnly; Secure; SameSite=Lax'],
        ],
      ],
      'GET /': () => [200, [['Content-Type', 'text/html']], 'home'],
    });
    const outcome = await session.request(
      { method: 'POST', url: `${ORIGIN}/login`, headers: [['Content-Type', 'application/x-www-form-urlencoded']], body: utf8('u=a') },
      doc,
    );
    expect(outcome).toMatchObject({ kind: 'response', url: `${ORIGIN}/`, redirected: true });
    expect(header(seen[1]!.headers, 'Cookie')).toBe('session=abc');
    expect(seen[1]!.body).toBeNull();
    expect(session.log.entries.map((e) => `${e.method} ${e.status}`)).toEqual(['POST 303', 'GET 200']);
    expect(session.documentCookie(`${ORIGIN}/`)).toBe('');
  });

  it('keeps the method and body through a 307', async () => {
    const { session, seen } = fake({ 'POST /old': () => [307, [['Location', '/new']]], 'POST /new': () => [200, []] });
    await session.request({ method: 'POST', url: `${ORIGIN}/old`, headers: [], body: utf8('x=1') }, doc);
    expect(seen[1]).toMatchObject({ method: 'POST', url: `${ORIGIN}/new` });
    expect(new TextDecoder().decode(seen[1]!.body!)).toBe('x=1');
  });

  it('shows, without following, a redirect off the app origin, and stops after 20 redirects', async () => {
    const { session } = fake({ 'GET /away': () => [302, [['Location', 'http://127.0.0.1:4321/en/']]], 'GET /loop': () => [302, [['Location', '/loop']]] });
    expect(await session.request(get('/away'), doc)).toEqual({ kind: 'offsite', url: 'http://127.0.0.1:4321/en/', from: `${ORIGIN}/away` });
    expect(await session.request(get('/loop'), doc)).toMatchObject({ kind: 'too-many-redirects' });
    expect(session.log.entries.filter((e) => e.url.endsWith('/loop'))).toHaveLength(21);
  });

  it('revalidates a stale stylesheet and turns the 304 into the stored body', async () => {
    const { session, seen } = fake({
      'GET /site.css': (r) =>
        header(r.headers, 'If-None-Match') === '"v1"'
          ? [304, [['ETag', '"v1"']]]
          : [
              200,
              [
                ['ETag', '"v1"'],
                ['Cache-Control', 'no-cache'],
              ],
              'body{}',
            ],
    });
    const sub = { initiator: `${ORIGIN}/`, kind: 'subresource' as const };
    await session.request(get('/site.css'), sub);
    const second = await session.request(get('/site.css'), sub);
    expect(second.kind === 'response' && new TextDecoder().decode(second.response.body)).toBe('body{}');
    expect(header(seen[1]!.headers, 'If-None-Match')).toBe('"v1"');
    expect(session.log.entries.map((e) => `${e.status} ${e.source}`)).toEqual(['200 network', '304 revalidated']);
  });

  it('serves a fresh entry from the cache without asking the release', async () => {
    const { session, seen } = fake({ 'GET /app.1234.js': () => [200, [['Cache-Control', 'max-age=31536000, immutable']], 'x'] });
    const sub = { initiator: `${ORIGIN}/`, kind: 'subresource' as const };
    await session.request(get('/app.1234.js'), sub);
    await session.request(get('/app.1234.js'), sub);
    expect(seen).toHaveLength(1);
    expect(session.log.entries.at(-1)).toMatchObject({ source: 'cache', status: 200 });
  });

  it('a POST from the attacker page carries no Lax or Strict cookie', async () => {
    const { session, seen } = fake({
      'GET /login': () => [200, [['Set-Cookie', 'session=abc; Path=/; Secure; HttpOnly; SameSite=Lax']]],
      'POST /transfer': () => [403, []],
    });
    await session.request(get('/login'), doc);
    const page = await session.request({ method: 'GET', url: 'https://attacker.test/', headers: [], body: null }, doc);
    expect(page.kind === 'response' && page.response.status).toBe(200);
    await session.request(
      { method: 'POST', url: `${ORIGIN}/transfer`, headers: [], body: utf8('to=x') },
      { initiator: 'https://attacker.test/', kind: 'document' },
    );
    expect(header(seen.at(-1)!.headers, 'Cookie')).toBeUndefined();
  });

  it('a new release starts with an empty jar and cache', async () => {
    const { session } = fake({
      'GET /': () => [
        200,
        [
          ['Set-Cookie', 'a=1'],
          ['Cache-Control', 'max-age=60'],
        ],
      ],
    });
    await session.request(get('/'), doc);
    session.moveTo('https://notes-r2.app.test');
    expect(session.jar.list(0)).toEqual([]);
    expect(session.cache.size).toBe(0);
  });
});
