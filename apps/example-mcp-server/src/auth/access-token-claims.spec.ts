import { describe, expect, it } from '@jest/globals';
import type { JWTPayload } from 'jose';
import {
  MalformedClaimsError,
  missingScopes,
  readAccessTokenClaims,
  scopeTokens,
} from './access-token-claims.js';

const claims = {
  iss: 'https://id.example.com',
  aud: 'https://mcp.example.com/mcp',
  sub: 'alice',
  client_id: 'client-1',
  scope: 'mcp:tools  offline_access',
  iat: 1_800_000_000,
  exp: 1_800_000_300,
  jti: 'token-1',
};

describe('readAccessTokenClaims', () => {
  it('reads subject, client, scopes, expiry and identifier', () => {
    expect(readAccessTokenClaims(claims)).toEqual({
      subject: 'alice',
      clientId: 'client-1',
      scopes: ['mcp:tools', 'offline_access'],
      expiresAt: 1_800_000_300,
      tokenId: 'token-1',
    });
  });

  it('reads a token without scope as one with no scope', () => {
    expect(readAccessTokenClaims({ ...claims, scope: undefined }).scopes).toEqual([]);
  });

  it.each([
    ['sub', { sub: 42 }],
    ['sub', { sub: '' }],
    ['client_id', { client_id: ['client-1'] }],
    ['jti', { jti: 7 }],
    ['scope', { scope: ['mcp:tools'] }],
  ])('refuses a malformed %s claim', (claim, override) => {
    const payload = { ...claims, ...override } as JWTPayload;
    expect(() => readAccessTokenClaims(payload)).toThrow(MalformedClaimsError);
    expect(() => readAccessTokenClaims(payload)).toThrow(`"${claim}"`);
  });
});

describe('scopeTokens', () => {
  it('splits on spaces and ignores empty tokens', () => {
    expect(scopeTokens(' a  b ')).toEqual(['a', 'b']);
    expect(scopeTokens(undefined)).toEqual([]);
  });
});

describe('missingScopes', () => {
  it('lists the required scopes that were not granted', () => {
    expect(missingScopes(['a', 'c'], ['a', 'b', 'c', 'd'])).toEqual(['b', 'd']);
    expect(missingScopes(['a'], [])).toEqual([]);
    expect(missingScopes([], ['a'])).toEqual(['a']);
  });
});
