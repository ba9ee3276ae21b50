import { describe, expect, it } from '@jest/globals';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';
import { FORBIDDEN_REDIRECT_SCHEMES } from './redirect-uri.js';
import { checkPostLogoutRedirectUris, checkRedirectUris } from './redirect-uris.js';

const CODE = ['authorization_code'];
const STRICT_NATIVE = { policy: 'strict', applicationType: 'native' } as const;
const STRICT_WEB = { policy: 'strict', applicationType: 'web' } as const;

function expectRefused(
  uri: string,
  options: Parameters<typeof checkRedirectUris>[2],
  description: RegExp,
): void {
  expectOAuthError(
    () => checkRedirectUris(['https://client.example.com/cb', uri], CODE, options),
    'invalid_redirect_uri',
    new RegExp(`^redirect_uris\\[1\\]: ${description.source}`),
    '/redirect_uris/1',
  );
}

describe('schemes refused in every mode', () => {
  it.each([
    ['javascript', 'javascript:alert(document.cookie)'],
    ['javascript', 'JavaScript:alert(1)'],
    ['vbscript', 'vbscript:msgbox(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'.replace(/[<>]/g, '')],
    ['data', 'data:text/html;base64,PHNjcmlwdD4'],
    ['blob', 'blob:https://client.example.com/0b5c4e2a'],
    ['about', 'about:blank'],
    ['view-source', 'view-source:https://client.example.com/'],
    ['file', 'file:///etc/passwd'],
    ['filesystem', 'filesystem:https://client.example.com/temporary/x'],
    ['ftp', 'ftp://client.example.com/cb'],
    ['ws', 'ws://localhost/cb'],
    ['wss', 'wss://client.example.com/cb'],
  ])('refuses the %s scheme (%s)', (scheme, uri) => {
    for (const options of [{}, STRICT_NATIVE, { applicationType: 'native' } as const]) {
      expectRefused(uri, options, new RegExp(`scheme "${scheme}" is never allowed`));
    }
  });

  it('lists exactly the schemes it refuses', () => {
    expect([...FORBIDDEN_REDIRECT_SCHEMES].sort()).toEqual([
      'about',
      'blob',
      'data',
      'file',
      'filesystem',
      'ftp',
      'javascript',
      'vbscript',
      'view-source',
      'ws',
      'wss',
    ]);
  });
});

describe('private-use schemes, compatible policy (the default)', () => {
  it.each([
    'cursor://anysphere.cursor-mcp/oauth/callback',
    'cursor://anysphere.cursor-retrieval/oauth/user-mcp/callback',
    'vscode://vscode.github-authentication/did-authenticate',
    'myapp:/cb',
    'myapp://cb',
    'com.example.app:/oauth2redirect',
    'com.example.app://cb',
  ])('accepts %s whatever the application_type', (uri) => {
    for (const applicationType of [undefined, 'web', 'native'] as const) {
      expect(checkRedirectUris([uri], CODE, { applicationType })).toEqual([uri]);
    }
  });

  it('accepts a private-use scheme next to https and loopback in one request, as Cursor sends', () => {
    const uris = [
      'cursor://anysphere.cursor-mcp/oauth/callback',
      'https://www.cursor.com/agents/mcp/oauth/callback',
      'http://localhost:8787/callback',
    ];
    expect(checkRedirectUris(uris, CODE, { applicationType: 'web' })).toEqual(uris);
  });

  it('refuses a private-use URI with nothing after the scheme', () => {
    expectRefused('myapp:', {}, /a private-use URI must name a path after "myapp:"/);
  });

  it.each(['mailto:ops@client.example.com', 'urn:ietf:wg:oauth:2.0:oob'])(
    'treats %s as a private-use URI (no browser hands a response to it)',
    (uri) => {
      expect(checkRedirectUris([uri], CODE)).toEqual([uri]);
    },
  );
});

describe('strict policy: RFC 8252 §7.1 and OpenID Connect Registration 1.0 §2', () => {
  it.each(['com.example.app:/oauth2redirect', 'com.example.app://cb', 'io.github.user+app:/cb'])(
    'accepts the reverse-domain URI %s for a native client',
    (uri) => {
      expect(checkRedirectUris([uri], CODE, STRICT_NATIVE)).toEqual([uri]);
    },
  );

  it.each([
    ['cursor', 'cursor://anysphere.cursor-mcp/oauth/callback'],
    ['myapp', 'myapp:/cb'],
    ['com.example.', 'com.example.:/cb'],
    ['com..example', 'com..example:/cb'],
  ])('refuses the scheme %s, which is not in reverse-domain form', (scheme, uri) => {
    expectRefused(
      uri,
      STRICT_NATIVE,
      new RegExp(
        `scheme "${scheme.replace(/\./g, '\\.')}" is not allowed; use https, http on a loopback host, or a private-use scheme in reverse-domain form`,
      ),
    );
  });

  it.each([undefined, 'web'] as const)(
    'refuses a private-use scheme for a web client (application_type %p)',
    (applicationType) => {
      expectRefused(
        'com.example.app:/cb',
        { policy: 'strict', applicationType },
        /scheme "com\.example\.app": web clients \(application_type "web", the default\) use https or loopback http; a private-use scheme needs application_type "native"/,
      );
    },
  );

  it('lets web clients use https and loopback http, as agents register them', () => {
    const uris = [
      'https://client.example.com/cb',
      'http://127.0.0.1/callback',
      'http://[::1]:8080/',
    ];
    expect(checkRedirectUris(uris, CODE, STRICT_WEB)).toEqual(uris);
  });

  it('lets native clients use loopback http on any port and https (RFC 8252 §7.2, §7.3)', () => {
    const uris = ['http://127.0.0.1/cb', 'http://localhost:51004/cb', 'https://app.example.com/cb'];
    expect(checkRedirectUris(uris, CODE, STRICT_NATIVE)).toEqual(uris);
  });

  it('keeps web clients of the implicit grant off loopback hosts', () => {
    expectOAuthError(
      () => checkRedirectUris(['http://127.0.0.1/cb'], ['implicit'], STRICT_WEB),
      'invalid_redirect_uri',
      /^redirect_uris\[0\]: web clients using the implicit grant must use https/,
      '/redirect_uris/0',
    );
    expect(checkRedirectUris(['http://127.0.0.1/cb'], ['implicit'], STRICT_NATIVE)).toEqual([
      'http://127.0.0.1/cb',
    ]);
  });
});

describe('checkPostLogoutRedirectUris (the redirect URI rules, invalid_client_metadata)', () => {
  it('accepts what a redirect URI may be', () => {
    expect(() =>
      checkPostLogoutRedirectUris(
        ['https://client.example.com/bye', 'http://127.0.0.1/bye', 'cursor://a.b/bye'],
        CODE,
      ),
    ).not.toThrow();
  });

  it.each([
    ['javascript:alert(1)', /scheme "javascript" is never allowed/],
    ['https://client.example.com/bye#x', /must not contain a fragment/],
    ['http://client.example.com/bye', /http is allowed only for loopback hosts/],
    ['HTTPS://client.example.com/bye', /must be written as a URL parser writes it/],
    [
      'https://good.example\\@evil.example/bye',
      /must be an absolute URI of printable ASCII characters that RFC 3986 allows/,
    ],
  ])('refuses %s, naming its pointer', (uri, description) => {
    expectOAuthError(
      () => checkPostLogoutRedirectUris(['https://client.example.com/ok', uri], CODE),
      'invalid_client_metadata',
      new RegExp(`^post_logout_redirect_uris\\[1\\]: ${description.source}`),
      '/post_logout_redirect_uris/1',
    );
  });

  it('applies the strict policy too', () => {
    expectOAuthError(
      () => checkPostLogoutRedirectUris(['myapp:/bye'], CODE, STRICT_NATIVE),
      'invalid_client_metadata',
      /reverse-domain form/,
      '/post_logout_redirect_uris/0',
    );
  });
});
