import { describe, expect, it } from '@jest/globals';
import { checkRedirectUris } from './redirect-uris.js';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';

const CODE = ['authorization_code'];

function expectRejected(uri: string, description: RegExp): void {
  expectOAuthError(
    () => checkRedirectUris([uri], CODE),
    'invalid_redirect_uri',
    new RegExp(`^redirect_uris\\[0\\]: ${description.source}`),
    '/redirect_uris/0',
  );
}

describe('checkRedirectUris', () => {
  describe('presence against the grant types (RFC 7591 §2)', () => {
    it.each([
      ['authorization_code', undefined],
      ['authorization_code', []],
      ['implicit', undefined],
      ['implicit', []],
    ])('requires redirect_uris for the %s grant (uris: %p)', (grant, uris) => {
      expectOAuthError(
        () => checkRedirectUris(uris, ['refresh_token', grant]),
        'invalid_redirect_uri',
        new RegExp(`^redirect_uris is required for the ${grant} grant$`),
        '/redirect_uris',
      );
    });

    it('names the first redirect-based grant listed', () => {
      expectOAuthError(
        () => checkRedirectUris(undefined, ['implicit', 'authorization_code']),
        'invalid_redirect_uri',
        /for the implicit grant/,
      );
    });

    it('returns an empty list when no redirect-based grant is used and none are sent', () => {
      expect(checkRedirectUris(undefined, ['client_credentials'])).toEqual([]);
      expect(checkRedirectUris([], ['client_credentials', 'refresh_token'])).toEqual([]);
      expect(checkRedirectUris(undefined, [])).toEqual([]);
    });

    it('still checks URIs sent by a client that uses no redirect-based grant', () => {
      expectOAuthError(
        () => checkRedirectUris(['https://client.example.com/cb#x'], ['client_credentials']),
        'invalid_redirect_uri',
        /^redirect_uris\[0\]: must not contain a fragment/,
        '/redirect_uris/0',
      );
      expect(checkRedirectUris(['https://client.example.com/cb'], ['client_credentials'])).toEqual([
        'https://client.example.com/cb',
      ]);
    });
  });

  describe('accepted URIs', () => {
    it.each([
      'https://client.example.com/cb',
      'https://client.example.com:8443/oauth/callback?tenant=a&x=1',
      'https://client.example.com',
      'https://192.0.2.10/cb',
      'https://[2001:db8::1]/cb',
      'http://127.0.0.1/cb',
      'http://127.0.0.1:51004/oauth2redirect',
      'http://[::1]/cb',
      'http://[::1]:8080/cb',
      'http://localhost/cb',
      'http://localhost:3000/cb',
      'http://127.0.0.1:33418/',
      'http://127.0.0.1:3000',
      'https://client.example.com:8443',
      'https://xn--bcher-kva.example/cb',
      'https://client.example.com./cb',
      'https://client.example.com/cb?q=%C3%A9&x=%2e%2e',
      'https://client.example.com/a%2Fb',
      'com.example.app:/oauth2redirect',
      'com.example.app:/cb',
      'com.example.app://cb',
      'com.example.my-app.v2:/cb',
      'io.github.user+app:/cb',
    ])('accepts %s', (uri) => {
      expect(checkRedirectUris([uri], CODE)).toEqual([uri]);
    });

    it('returns the URIs exactly as sent, in order, in a new array', () => {
      const uris = [
        'https://client.example.com/b',
        'http://localhost/a',
        'https://client.example.com/b',
        'com.example.app:/cb',
      ];
      const result = checkRedirectUris(uris, CODE);
      expect(result).toEqual(uris);
      expect(result).not.toBe(uris);
    });

    it('checks every URI, not only the first', () => {
      expectOAuthError(
        () =>
          checkRedirectUris(
            ['https://client.example.com/ok', 'http://127.0.0.1/ok', 'http://evil.example.com/cb'],
            CODE,
          ),
        'invalid_redirect_uri',
        /^redirect_uris\[2\]: http is allowed only for loopback hosts/,
        '/redirect_uris/2',
      );
    });
  });

  describe('absolute URIs only', () => {
    it.each([
      '/cb',
      'cb',
      './cb',
      '../cb',
      '//client.example.com/cb',
      'client.example.com/cb',
      '?code=1',
      '',
    ])('rejects the relative reference %p', (uri) => {
      expectRejected(
        uri,
        /must be an absolute URI of printable ASCII characters that RFC 3986 allows, with a host for http and https$/,
      );
    });

    it.each([
      ['a space', 'https://client.example.com/my cb'],
      ['a leading space', ' https://client.example.com/cb'],
      ['a trailing space', 'https://client.example.com/cb '],
      ['a tab', 'https://client.example.com/\tcb'],
      ['a line feed', 'https://client.example.com/cb\n'],
      ['a carriage return and line feed', 'https://client.example.com/cb\r\nX-Injected: 1'],
      ['a NUL', 'https://client.example.com/cb\u0000.evil.com'],
      ['a DEL', 'https://client.example.com/\u007fcb'],
      ['a C1 control', 'https://client.example.com/\u0085cb'],
      ['a space in the host', 'https://client .example.com/cb'],
    ])('rejects a URI with %s', (_label, uri) => {
      expectRejected(
        uri,
        /must be an absolute URI of printable ASCII characters that RFC 3986 allows, with a host for http and https$/,
      );
    });

    it.each([
      ['a no-break space (U+00A0)', 'https://client.example.com/\u00a0cb'],
      ['a line separator (U+2028)', 'https://client.example.com/cb\u2028'],
    ])('rejects a URI with %s, which WHATWG would silently percent-encode', (_label, uri) => {
      expectRejected(
        uri,
        /must be an absolute URI of printable ASCII characters that RFC 3986 allows, with a host for http and https$/,
      );
    });

    it.each(['https://', 'http://', 'https://client.example.com:70000/cb', 'http://[::1/cb'])(
      'rejects the unparseable URI %p',
      (uri) => {
        expectRejected(
          uri,
          /must be an absolute URI of printable ASCII characters that RFC 3986 allows, with a host for http and https$/,
        );
      },
    );
  });

  describe('characters RFC 3986 allows nowhere (issue 8)', () => {
    it.each([
      ['a backslash before an @', 'https://good.example\\@evil.example/cb'],
      ['a backslash in the path', 'https://client.example.com\\cb'],
      ['<', 'https://client.example.com/<cb'],
      ['>', 'https://client.example.com/cb>'],
      ['a double quote', 'https://client.example.com/"cb"'],
      ['{', 'https://client.example.com/{cb'],
      ['}', 'https://client.example.com/cb}'],
      ['|', 'https://client.example.com/a|b'],
      ['^', 'https://client.example.com/a^b'],
      ['a backtick', 'https://client.example.com/a`b'],
      ['a bare %', 'https://client.example.com/100%'],
      ['% and one hex digit', 'https://client.example.com/%4'],
      ['% and non-hex digits', 'https://client.example.com/%zz'],
      ['a bare % in a private-use URI', 'com.example.app:/%'],
    ])('rejects a URI with %s', (_label, uri) => {
      expectRejected(
        uri,
        /must be an absolute URI of printable ASCII characters that RFC 3986 allows, with a host for http and https$/,
      );
    });
  });

  describe('fragments (RFC 6749 §3.1.2)', () => {
    it.each([
      'https://client.example.com/cb#section',
      'https://client.example.com/cb#',
      'http://127.0.0.1/cb#',
      'https://client.example.com/#/route',
      'com.example.app:/cb#x',
    ])('rejects %s', (uri) => {
      expectRejected(uri, /must not contain a fragment \(RFC 6749 §3\.1\.2\)$/);
    });
  });

  describe('user credentials', () => {
    it.each([
      'https://user:pass@client.example.com/cb',
      'https://user@client.example.com/cb',
      'https://:pass@client.example.com/cb',
      'http://user:pass@127.0.0.1/cb',
      'http://localhost@evil.example.com/cb',
      'com.example.app://user:pass@host/cb',
    ])('rejects %s', (uri) => {
      // `http://localhost@evil.example.com` has user "localhost" and host evil.example.com.
      expectRejected(uri, /must not contain user credentials$/);
    });
  });

  describe('https needs a host', () => {
    it.each(['https:///cb', 'https:client.example.com/cb'])(
      'rejects %s, which has an empty host per RFC 3986 (RFC 9110 §4.2.2)',
      (uri) => {
        expectRejected(
          uri,
          /must be an absolute URI of printable ASCII characters that RFC 3986 allows, with a host for http and https$/,
        );
      },
    );

    it.each(['http:///localhost/cb', 'http:localhost/cb'])(
      'rejects %s, an http URI with an empty host that WHATWG reads as http://localhost/cb',
      (uri) => {
        expectOAuthError(
          () => checkRedirectUris([uri], CODE),
          'invalid_redirect_uri',
          /^redirect_uris\[0\]: /,
        );
      },
    );
  });

  describe('http only on a loopback host (RFC 8252 §7.3)', () => {
    it.each([
      'http://client.example.com/cb',
      'http://localhost.evil.com/cb',
      'http://localhost./cb',
      'http://evil-localhost/cb',
      'http://127.0.0.1.nip.io/cb',
      'http://127.0.0.2/cb',
      'http://0.0.0.0/cb',
      'http://192.168.1.10/cb',
      'http://[::2]/cb',
    ])('rejects %s', (uri) => {
      expectRejected(
        uri,
        /http is allowed only for loopback hosts \(127\.0\.0\.1, \[::1\], localhost\); use https$/,
      );
    });
  });
});
