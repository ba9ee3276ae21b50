import { describe, expect, it } from '@jest/globals';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';
import { canonicalFormOf, describeHostProblem } from './canonical-uri.js';
import { checkRedirectUris } from './redirect-uris.js';

const CODE = ['authorization_code'];

/** Expects `uri` to be refused as non-canonical, showing `canonical` as the form to register. */
function expectNonCanonical(uri: string, canonical: string): void {
  const error = expectOAuthError(
    () => checkRedirectUris(['https://client.example.com/ok', uri], CODE),
    'invalid_redirect_uri',
    /^redirect_uris\[1\]: must be written as a URL parser writes it \(lower-case scheme and host, no default port, dotted-decimal IPv4, compressed IPv6, no dot segments\)/,
    '/redirect_uris/1',
  );
  expect(error.description.endsWith(`register "${canonical}"`)).toBe(true);
}

describe('redirect URIs in canonical form (issue 8: stored as a parser reads them)', () => {
  it.each([
    ['an upper-case scheme', 'HTTPS://client.example.com/cb', 'https://client.example.com/cb'],
    ['a mixed-case scheme', 'Https://client.example.com/cb', 'https://client.example.com/cb'],
    ['an upper-case host', 'https://Example.com/cb', 'https://example.com/cb'],
    ['an upper-case loopback name', 'http://LOCALHOST:3000/cb', 'http://localhost:3000/cb'],
    ['an upper-case private-use scheme', 'COM.EXAMPLE.APP:/cb', 'com.example.app:/cb'],
    ['the https default port', 'https://x.example:443/cb', 'https://x.example/cb'],
    ['the http default port', 'http://127.0.0.1:80/cb', 'http://127.0.0.1/cb'],
    ['an empty port', 'https://x.example:/cb', 'https://x.example/cb'],
    ['a port with a leading zero', 'https://x.example:08443/cb', 'https://x.example:8443/cb'],
    ['a short IPv4 form', 'http://127.1/cb', 'http://127.0.0.1/cb'],
    ['a hexadecimal IPv4 address', 'http://0x7f000001/cb', 'http://127.0.0.1/cb'],
    ['a decimal IPv4 address', 'http://2130706433/cb', 'http://127.0.0.1/cb'],
    ['an octal IPv4 address', 'http://0177.0.0.1/cb', 'http://127.0.0.1/cb'],
    ['a public IPv4 address in hex', 'https://0xc0.0.2.10/cb', 'https://192.0.2.10/cb'],
    ['an uncompressed IPv6 address', 'http://[0:0:0:0:0:0:0:1]/cb', 'http://[::1]/cb'],
    ['IPv6 with upper-case hex', 'https://[2001:DB8::1]/cb', 'https://[2001:db8::1]/cb'],
    ['IPv6 with leading zeros', 'https://[2001:0db8::0001]/cb', 'https://[2001:db8::1]/cb'],
    ['a dot segment', 'https://client.example.com/a/../cb', 'https://client.example.com/cb'],
    ['a single-dot segment', 'https://client.example.com/./cb', 'https://client.example.com/cb'],
    [
      'an encoded dot segment',
      'https://client.example.com/a/%2e%2e/cb',
      'https://client.example.com/cb',
    ],
    [
      'a dot segment after a private-use authority',
      'cursor://anysphere.cursor-mcp/a/../cb',
      'cursor://anysphere.cursor-mcp/cb',
    ],
    ['a dot segment in a private-use path', 'com.example.app:/./cb', 'com.example.app:/cb'],
    [
      'a dot segment before an empty segment',
      'com.example.app:/a/..//cb',
      'com.example.app:/.//cb',
    ],
  ])('refuses %s and shows the canonical form', (_label, uri, canonical) => {
    expectNonCanonical(uri, canonical);
  });

  it.each([
    'https://client.example.com/cb',
    'https://client.example.com',
    'https://client.example.com/',
    'http://127.0.0.1/callback',
    'http://127.0.0.1:33418/',
    'http://[::1]:8080/cb',
    'https://192.0.2.10:8443/cb',
    'https://client.example.com/cb?tenant=A&x=%2E',
    'cursor://anysphere.cursor-mcp/oauth/callback',
    'cursor://Anysphere/oauth/callback',
    'com.example.app:/oauth2redirect',
    'myapp:callback',
    // The parser writes the path "//" of a URI without authority as "/.//", so that is canonical.
    'com.example.app:/.//cb',
    'https://client.example.com?tenant=a',
  ])('accepts the canonical URI %s as sent', (uri) => {
    expect(checkRedirectUris([uri], CODE)).toEqual([uri]);
  });

  it('keeps port-less loopback URIs valid: the client then uses any port (RFC 8252 §7.3)', () => {
    expect(checkRedirectUris(['http://127.0.0.1/callback', 'http://[::1]/'], CODE)).toEqual([
      'http://127.0.0.1/callback',
      'http://[::1]/',
    ]);
  });
});

describe('hosts that are no host', () => {
  it.each([
    ['https://*.example.org/cb', /a wildcard host is not a host/],
    ['https://*/cb', /a wildcard host is not a host/],
    ['http://*.localhost/cb', /a wildcard host is not a host/],
    [
      'https://ex!ample.com/cb',
      /the host must be a DNS name, an IPv4 address or a bracketed IPv6 address$/,
    ],
    ["https://it's.example/cb", /the host must be a DNS name/],
    ['https://a,b.example/cb', /the host must be a DNS name/],
  ])('refuses %s', (uri, description) => {
    expectOAuthError(
      () => checkRedirectUris([uri], CODE),
      'invalid_redirect_uri',
      new RegExp(`^redirect_uris\\[0\\]: ${description.source}`),
      '/redirect_uris/0',
    );
  });

  it('accepts DNS names with digits, hyphens and underscores, and IP literals', () => {
    for (const host of ['a-1.example', '_srv.example', '192.0.2.1', '[2001:db8::1]']) {
      expect(describeHostProblem(new URL(`https://${host}/`))).toBeUndefined();
    }
  });
});

describe('canonicalFormOf', () => {
  it('returns undefined for a canonical URI and the serialization otherwise', () => {
    const check = (uri: string) => canonicalFormOf(uri, new URL(uri));
    expect(check('https://a.example/cb?x=1')).toBeUndefined();
    expect(check('https://A.example/cb?x=1')).toBe('https://a.example/cb?x=1');
  });
});
