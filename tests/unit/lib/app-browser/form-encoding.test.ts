import { describe, expect, it } from 'vitest';
import { encodeForm, enctypeOf, getFormUrl, type FormEntry } from '../../../../src/lib/app-browser/form-encoding';
import { utf8 } from '../../../../src/lib/app-browser/http';

const entries: FormEntry[] = [
  ['title', 'hé llo&x'],
  ['body', 'a\nb'],
  ['file', { name: 'n"ote.txt', type: 'text/plain', bytes: utf8('hi') }],
];
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe('form encoding', () => {
  it.each([
    ['multipart/form-data', 'multipart/form-data'],
    ['TEXT/PLAIN', 'text/plain'],
    ['', 'application/x-www-form-urlencoded'],
    ['application/json', 'application/x-www-form-urlencoded'],
  ])('enctype %j is %s', (value, expected) => expect(enctypeOf(value)).toBe(expected));

  it('urlencoded: UTF-8, + for spaces, CRLF newlines, a file by its name', () => {
    const { contentType, body } = encodeForm(entries, 'application/x-www-form-urlencoded');
    expect(contentType).toBe('application/x-www-form-urlencoded');
    expect(decode(body)).toBe('title=h%C3%A9+llo%26x&body=a%0D%0Ab&file=n%22ote.txt');
  });

  it('multipart: a part per entry with the boundary, the file with its name, type and bytes', () => {
    const { contentType, body } = encodeForm(entries, 'multipart/form-data', 'XyZ');
    expect(contentType).toBe('multipart/form-data; boundary=XyZ');
    expect(decode(body)).toBe(
      '--XyZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nhé llo&x\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="body"\r\n\r\na\r\nb\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="n%22ote.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n' +
        '--XyZ--\r\n',
    );
  });

  it('text/plain: name=value lines', () => {
    expect(decode(encodeForm(entries.slice(0, 1), 'text/plain').body)).toBe('title=hé llo&x\r\n');
  });

  it('a GET form replaces the action query with its entries', () => {
    expect(getFormUrl('https://notes-r1.app.test/search?old=1#top', [['q', 'a b']])).toBe('https://notes-r1.app.test/search?q=a+b#top');
  });
});
