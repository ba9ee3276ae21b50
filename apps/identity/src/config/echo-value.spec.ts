import { describe, expect, it } from '@jest/globals';
import { maskUserinfo, quoteValue } from './echo-value.js';

describe('maskUserinfo', () => {
  it.each([
    ['https://user:pass@host/x', 'https://***@host/x'],
    ['HTTPS://user:pass@host/x', 'HTTPS://***@host/x'],
    ['postgres://app:secret@db:5432/identity', 'postgres://***@db:5432/identity'],
    ['https://user@host/x', 'https://***@host/x'],
    ['https://user:p@ss@host/x', 'https://***@host/x'],
    // WHATWG parsers read these as URLs with credentials too: no scheme is trusted without `//`.
    ['https:user:pass@host/x', '***@host/x'],
    ['https:\\\\user:pass@host/x', '***@host/x'],
    ['admin:hunter2@host', '***@host'],
    ['https://@host', 'https://***@host'],
  ])('masks %s as %s', (raw, masked) => {
    expect(maskUserinfo(raw)).toBe(masked);
  });

  it.each(['https://host/x', 'http://127.0.0.1:3000', 'not a url', ''])(
    'leaves %p, which has no @, as it is',
    (raw) => {
      expect(maskUserinfo(raw)).toBe(raw);
    },
  );

  it('hides too much rather than too little when an @ is in the path', () => {
    expect(maskUserinfo('https://host/users/a@b')).toBe('https://***@b');
  });
});

describe('quoteValue', () => {
  it('quotes as JSON, so that a line break cannot start a new line', () => {
    expect(quoteValue('a"b\nc')).toBe('"a\\"b\\nc"');
  });

  it('masks credentials before quoting', () => {
    expect(quoteValue('https://user:pass@host/x')).toBe('"https://***@host/x"');
  });

  it('cuts long values', () => {
    expect(quoteValue('y'.repeat(500))).toBe(`"${'y'.repeat(120)}…"`);
  });
});
