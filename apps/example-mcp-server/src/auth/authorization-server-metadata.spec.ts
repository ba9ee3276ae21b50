import { describe, expect, it } from '@jest/globals';
import {
  AuthorizationServerMetadataError,
  authorizationServerMetadataUrl,
  jwksUriOf,
} from './authorization-server-metadata.js';

const ISSUER = 'https://id.example.com';

describe('authorizationServerMetadataUrl (RFC 8414 §3.1)', () => {
  it.each([
    ['https://id.example.com', 'https://id.example.com/.well-known/oauth-authorization-server'],
    ['http://localhost:3000', 'http://localhost:3000/.well-known/oauth-authorization-server'],
    [
      'https://id.example.com/tenant/a',
      'https://id.example.com/.well-known/oauth-authorization-server/tenant/a',
    ],
  ])('%s → %s', (issuer, url) => {
    expect(authorizationServerMetadataUrl(issuer)).toBe(url);
  });
});

describe('jwksUriOf', () => {
  it('returns the jwks_uri of the issuer’s own metadata', () => {
    expect(jwksUriOf({ issuer: ISSUER, jwks_uri: `${ISSUER}/jwks?v=2` }, ISSUER)).toBe(
      `${ISSUER}/jwks?v=2`,
    );
  });

  it.each([
    ['not an object', [ISSUER]],
    ['null', null],
    [
      'another issuer (RFC 8414 §3.3)',
      { issuer: 'https://evil.example', jwks_uri: `${ISSUER}/jwks` },
    ],
    ['the issuer with a trailing slash', { issuer: `${ISSUER}/`, jwks_uri: `${ISSUER}/jwks` }],
    ['no jwks_uri', { issuer: ISSUER }],
    ['a relative jwks_uri', { issuer: ISSUER, jwks_uri: '/jwks' }],
    ['an http jwks_uri off loopback', { issuer: ISSUER, jwks_uri: 'http://id.example.com/jwks' }],
    ['a jwks_uri with a fragment', { issuer: ISSUER, jwks_uri: `${ISSUER}/jwks#a` }],
    [
      'a jwks_uri with credentials',
      { issuer: ISSUER, jwks_uri: 'https://u:p@id.example.com/jwks' },
    ],
  ])('refuses metadata with %s', (_case, document) => {
    expect(() => jwksUriOf(document, ISSUER)).toThrow(AuthorizationServerMetadataError);
  });
});
