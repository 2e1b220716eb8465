import { describe, expect, it } from 'vitest';
import { parseFrameMessage } from '../../../../src/lib/app-browser/frame-messages';

const isBlob = (v: unknown): v is Blob => v instanceof Blob;
const parse = (data: unknown) => parseFrameMessage(data, isBlob);

describe('parseFrameMessage', () => {
  it.each([
    ['a link', { wm: 'app', type: 'navigate', method: 'GET', url: 'https://a-r1.app.test/x' }],
    [
      'a form',
      {
        wm: 'app',
        type: 'navigate',
        method: 'POST',
        url: 'https://a-r1.app.test/x',
        enctype: 'multipart/form-data',
        entries: [
          ['a', 'b'],
          ['f', new Blob(['x'])],
        ],
      },
    ],
    ['a fetch', { wm: 'app', type: 'fetch', id: 1, method: 'POST', url: '/x', headers: [['Content-Type', 'text/plain']], body: new ArrayBuffer(2) }],
    ['a cookie write', { wm: 'app', type: 'cookie', value: 'a=1' }],
    ['a document shown', { wm: 'app', type: 'shown', doc: 3 }],
  ])('accepts %s', (_, data) => expect(parse(data)).not.toBeNull());

  it.each([
    ['not an object', 'navigate'],
    ['no wm marker', { type: 'cookie', value: 'a=1' }],
    ['an unknown type', { wm: 'app', type: 'eval', code: 'x' }],
    ['another method for a navigation', { wm: 'app', type: 'navigate', method: 'DELETE', url: '/' }],
    ['an entry that is neither text nor a file', { wm: 'app', type: 'navigate', method: 'POST', url: '/', entries: [['a', { toString: 1 }]] }],
    ['a header with a newline', { wm: 'app', type: 'fetch', id: 1, method: 'GET', url: '/', headers: [['X', 'a\r\nSet-Cookie: x']], body: null }],
    ['a non-integer id', { wm: 'app', type: 'fetch', id: 1.5, method: 'GET', url: '/', headers: [], body: null }],
    ['a body that is not bytes', { wm: 'app', type: 'fetch', id: 1, method: 'GET', url: '/', headers: [], body: 'x' }],
    ['keys inherited rather than own', Object.create({ wm: 'app', type: 'cookie', value: 'a=1' })],
    ['a document shown without its number', { wm: 'app', type: 'shown', doc: '3' }],
    ['a huge URL', { wm: 'app', type: 'navigate', method: 'GET', url: 'x'.repeat(10_000) }],
  ])('refuses %s', (_, data) => expect(parse(data)).toBeNull());
});
