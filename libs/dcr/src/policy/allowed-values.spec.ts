import { describe, expect, it } from '@jest/globals';
import {
  ALLOWED_GRANT_TYPES,
  ALLOWED_SCOPES,
  ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS,
  checkAllowedAuthMethod,
  checkAllowedGrantTypes,
  checkAllowedScopes,
} from './allowed-values.js';

describe('checkAllowedGrantTypes', () => {
  const allowed = ['authorization_code', 'refresh_token'];

  it('accepts grant types that are all allowed', () => {
    expect(
      checkAllowedGrantTypes(['authorization_code', 'refresh_token'], allowed),
    ).toBeUndefined();
  });

  it('refuses the first one that is not, pointing at it', () => {
    expect(
      checkAllowedGrantTypes(['authorization_code', 'client_credentials', 'implicit'], allowed),
    ).toEqual({
      error: 'invalid_client_metadata',
      policy: ALLOWED_GRANT_TYPES,
      field: '/grant_types/1',
      reason: '"client_credentials" is not allowed (allowed: authorization_code refresh_token)',
    });
  });

  it('says "none" for an empty allow-list', () => {
    expect(checkAllowedGrantTypes(['authorization_code'], [])?.reason).toBe(
      '"authorization_code" is not allowed (allowed: none)',
    );
  });
});

describe('checkAllowedAuthMethod', () => {
  it('accepts an allowed method and refuses another', () => {
    expect(checkAllowedAuthMethod('none', ['none'])).toBeUndefined();
    expect(checkAllowedAuthMethod('client_secret_basic', ['none'])).toEqual({
      error: 'invalid_client_metadata',
      policy: ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS,
      field: '/token_endpoint_auth_method',
      reason: '"client_secret_basic" is not allowed (allowed: none)',
    });
  });
});

describe('checkAllowedScopes', () => {
  const allowed = ['openid', 'mcp:tools'];

  it('accepts no scope, and allowed scopes', () => {
    expect(checkAllowedScopes(undefined, allowed)).toBeUndefined();
    expect(checkAllowedScopes('openid mcp:tools', allowed)).toBeUndefined();
  });

  it('names every scope that is not allowed', () => {
    expect(checkAllowedScopes('openid admin mcp:tools root', allowed)).toEqual({
      error: 'invalid_client_metadata',
      policy: ALLOWED_SCOPES,
      field: '/scope',
      reason: '"admin", "root" not allowed (allowed: openid mcp:tools)',
    });
  });

  it('compares whole scope tokens, never substrings', () => {
    expect(checkAllowedScopes('mcp', allowed)).toBeDefined();
    expect(checkAllowedScopes('openid2', allowed)).toBeDefined();
  });
});
