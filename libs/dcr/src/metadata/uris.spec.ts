import { describe, expect, it } from '@jest/globals';
import { isHttpsUrl, isLoopbackHost, isWebUrl, parseAbsoluteUri } from './uris.js';

describe('parseAbsoluteUri', () => {
  it.each([
    ['https://client.example.com/cb', 'https:', 'client.example.com'],
    ['http://127.0.0.1:8080/cb', 'http:', '127.0.0.1'],
    ['http://[::1]/cb', 'http:', '[::1]'],
    ['com.example.app:/oauth2redirect', 'com.example.app:', ''],
    ['urn:ietf:wg:oauth:2.0:oob', 'urn:', ''],
  ])('parses the absolute URI %s', (value, protocol, hostname) => {
    const url = parseAbsoluteUri(value);
    expect(url).toBeInstanceOf(URL);
    expect(url?.protocol).toBe(protocol);
    expect(url?.hostname).toBe(hostname);
  });

  it('lowercases the scheme of an uppercase URI without rejecting it', () => {
    expect(parseAbsoluteUri('HTTPS://CLIENT.EXAMPLE.COM/cb')?.protocol).toBe('https:');
  });

  it.each([
    ['a path-absolute reference', '/callback'],
    ['a path-relative reference', 'callback'],
    ['a network-path reference', '//client.example.com/cb'],
    ['a bare host name', 'client.example.com'],
    ['an empty string', ''],
    ['a query-only reference', '?a=b'],
    ['a fragment-only reference', '#frag'],
  ])('returns undefined for %s', (_label, value) => {
    expect(parseAbsoluteUri(value)).toBeUndefined();
  });

  it.each([
    ['an https URL without a host', 'https://'],
    ['an invalid port', 'https://client.example.com:99999/cb'],
    ['an invalid IPv6 literal', 'http://[::1/cb'],
  ])('returns undefined for %s', (_label, value) => {
    expect(parseAbsoluteUri(value)).toBeUndefined();
  });

  it.each([
    ['a space in the path', 'https://client.example.com/c b'],
    ['a leading space', ' https://client.example.com/cb'],
    ['a trailing space', 'https://client.example.com/cb '],
    ['a tab', 'https://client.example.com/\tcb'],
    ['a line feed', 'https://client.example.com/cb\n'],
    ['a carriage return', 'https://client.\rexample.com/cb'],
    ['a NUL', 'https://client.example.com/cb\u0000'],
    ['a DEL', 'https://client.example.com/cb\u007f'],
    ['a C1 control (NEL)', 'https://client.example.com/cb\u0085'],
    ['a C1 control (U+009F)', 'https://client.example.com/\u009fcb'],
  ])('returns undefined for a URI with %s, which WHATWG would strip or encode', (_label, value) => {
    expect(parseAbsoluteUri(value)).toBeUndefined();
  });

  it.each([
    ['a backslash', 'https://good.example\\@evil.example/cb'],
    ['<', 'https://client.example.com/<'],
    ['>', 'https://client.example.com/>'],
    ['a double quote', 'https://client.example.com/"'],
    ['{', 'https://client.example.com/{'],
    ['}', 'https://client.example.com/}'],
    ['|', 'https://client.example.com/|'],
    ['^', 'https://client.example.com/^'],
    ['a backtick', 'https://client.example.com/`'],
    ['a % at the end', 'https://client.example.com/%'],
    ['a % with one hex digit', 'https://client.example.com/%a'],
    ['a % with non-hex digits', 'https://client.example.com/%g0'],
  ])('returns undefined for a URI with %s, which RFC 3986 allows nowhere', (_label, value) => {
    expect(parseAbsoluteUri(value)).toBeUndefined();
    expect(isWebUrl(value)).toBe(false);
    expect(isHttpsUrl(value)).toBe(false);
  });

  it('accepts percent-encoded octets in either case', () => {
    expect(parseAbsoluteUri('https://client.example.com/%C3%A9%2f?q=%7e')).toBeInstanceOf(URL);
  });

  it('accepts the printable ASCII characters just outside the refused ranges', () => {
    expect(parseAbsoluteUri('https://client.example.com/!~')).toBeInstanceOf(URL);
  });
});

describe('isWebUrl', () => {
  it.each([
    'https://client.example.com',
    'https://client.example.com/logo.png?size=64',
    'http://client.example.com/tos',
    'HTTP://CLIENT.EXAMPLE.COM/',
  ])('accepts the http(s) URL %s', (value) => {
    expect(isWebUrl(value)).toBe(true);
  });

  it.each([
    'ftp://client.example.com/file',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'mailto:ops@client.example.com',
    'com.example.app:/cb',
    '/relative/logo.png',
    'client.example.com/logo.png',
    'https://client.example.com/ logo.png',
    '',
  ])('rejects %s', (value) => {
    expect(isWebUrl(value)).toBe(false);
  });
});

describe('isHttpsUrl', () => {
  it.each(['https://keys.example.com/jwks.json', 'HTTPS://keys.example.com/jwks.json'])(
    'accepts %s',
    (value) => {
      expect(isHttpsUrl(value)).toBe(true);
    },
  );

  it.each([
    'http://keys.example.com/jwks.json',
    'http://localhost/jwks.json',
    'wss://keys.example.com/jwks.json',
    '/jwks.json',
    'https://keys.example.com/jwks .json',
    '',
  ])('rejects %s', (value) => {
    expect(isHttpsUrl(value)).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '[::1]', 'localhost'])('accepts %s', (hostname) => {
    expect(isLoopbackHost(hostname)).toBe(true);
  });

  it.each([
    '::1',
    '127.0.0.2',
    '0.0.0.0',
    'localhost.',
    'localhost.evil.com',
    'evil-localhost',
    'LOCALHOST',
    '127.0.0.1.nip.io',
    '',
  ])('rejects %s', (hostname) => {
    expect(isLoopbackHost(hostname)).toBe(false);
  });

  it('matches the hostname WHATWG produces for other spellings of the loopback address', () => {
    expect(isLoopbackHost(new URL('http://[0:0:0:0:0:0:0:1]/').hostname)).toBe(true);
    expect(isLoopbackHost(new URL('http://LocalHost/').hostname)).toBe(true);
    expect(isLoopbackHost(new URL('http://127.1/').hostname)).toBe(true);
  });
});
