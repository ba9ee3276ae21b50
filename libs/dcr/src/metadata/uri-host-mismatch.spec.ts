import { describe, expect, it } from '@jest/globals';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';
import { enforceUriHostPolicy, findUriHostMismatches } from './uri-host-mismatch.js';

const CLIENT = {
  redirect_uris: ['https://app.example.com/cb', 'http://127.0.0.1/cb', 'cursor://x.y/cb'],
  client_uri: 'https://app.example.com/',
  logo_uri: 'https://cdn.example.net/logo.png',
  tos_uri: 'https://APP.example.com/tos',
  policy_uri: 'http://127.0.0.1/policy',
  'logo_uri#fr': 'https://evil.example/logo.png',
  'client_name#fr': 'https://elsewhere.example/',
  jwks_uri: 'https://keys.example.org/jwks.json',
};

describe('findUriHostMismatches (RFC 7591 §5)', () => {
  it('reports each page URI on a host no redirect URI has, tagged variants included', () => {
    expect(findUriHostMismatches(CLIENT)).toEqual([
      { field: '/logo_uri', host: 'cdn.example.net' },
      { field: '/logo_uri#fr', host: 'evil.example' },
    ]);
  });

  it('reports nothing when every page is on a redirect host', () => {
    expect(
      findUriHostMismatches({
        redirect_uris: ['https://claude.ai/api/mcp/auth_callback'],
        client_uri: 'https://claude.ai',
      }),
    ).toEqual([]);
  });

  it('reports every page of a client with no web redirect URI', () => {
    expect(
      findUriHostMismatches({
        redirect_uris: ['com.example.app:/cb'],
        client_uri: 'https://example.com',
      }),
    ).toEqual([{ field: '/client_uri', host: 'example.com' }]);
  });

  it('compares hosts exactly: a subdomain is another host', () => {
    expect(
      findUriHostMismatches({
        redirect_uris: ['https://www.cursor.com/agents/mcp/oauth/callback'],
        client_uri: 'https://cursor.com',
      }),
    ).toEqual([{ field: '/client_uri', host: 'cursor.com' }]);
  });

  it('ignores metadata without page URIs or redirect URIs', () => {
    expect(findUriHostMismatches({})).toEqual([]);
    expect(findUriHostMismatches({ redirect_uris: 'not a list', logo_uri: 42 })).toEqual([]);
  });
});

describe('enforceUriHostPolicy', () => {
  it('refuses the first mismatch under "refuse", naming its field', () => {
    expectOAuthError(
      () => enforceUriHostPolicy(CLIENT, 'refuse'),
      'invalid_client_metadata',
      /^logo_uri: host "cdn\.example\.net" is none of the redirect URIs' hosts \(RFC 7591 §5\)$/,
      '/logo_uri',
    );
  });

  it.each(['flag', 'ignore'] as const)('accepts under "%s"', (policy) => {
    expect(() => enforceUriHostPolicy(CLIENT, policy)).not.toThrow();
  });
});
