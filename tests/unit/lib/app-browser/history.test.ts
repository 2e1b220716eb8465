import { describe, expect, it } from 'vitest';
import { NavHistory } from '../../../../src/lib/app-browser/history';

describe('NavHistory', () => {
  it('goes back and forward, and a new visit drops what was ahead', () => {
    const h = new NavHistory();
    h.push('https://a-r1.app.test/');
    h.push('https://a-r1.app.test/login');
    expect(h.back()).toBe('https://a-r1.app.test/');
    expect(h.canGoForward).toBe(true);
    h.push('https://a-r1.app.test/notes');
    expect(h.canGoForward).toBe(false);
    expect(h.back()).toBe('https://a-r1.app.test/');
    expect(h.back()).toBeUndefined();
    expect(h.forward()).toBe('https://a-r1.app.test/notes');
  });

  it('moves every entry to a new release, keeping paths', () => {
    const h = new NavHistory();
    h.push('https://a-r1.app.test/notes?x=1');
    h.rebase('https://a-r2.app.test');
    expect(h.current).toBe('https://a-r2.app.test/notes?x=1');
  });
});
