import { describe, expect, it } from 'vitest';
import { isFromWorker } from '../../../src/runtime/protocol';

describe('isFromWorker', () => {
  it.each([
    { type: 'progress', id: 1, loaded: 10, total: 100 },
    { type: 'ready', id: 1, python: '3.14.2' },
    { type: 'result', id: 2, ms: 12, result: { ok: true, checks: [], stdout: '', stderr: '', log: [], exchanges: [], error: null } },
    { type: 'error', id: 3, message: 'boom', fatal: true },
  ])('accepts a well-formed $type message', (message) => {
    expect(isFromWorker(message)).toBe(true);
  });

  it.each([
    ['no id', { type: 'ready', python: '3.14' }],
    ['an unknown type', { type: 'hello', id: 1 }],
    ['progress without numbers', { type: 'progress', id: 1, loaded: '1', total: 2 }],
    ['a result without checks', { type: 'result', id: 1, ms: 1, result: {} }],
    ['an error without fatal', { type: 'error', id: 1, message: 'x' }],
    ['null', null],
    ['a string', 'ready'],
  ])('refuses %s', (_name, message) => {
    expect(isFromWorker(message)).toBe(false);
  });
});
