import { describe, expect, it } from '@jest/globals';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';
import { resolveGrantAndResponseTypes } from './grant-and-response-types.js';
import {
  CLIENT_CREDENTIALS_ONLY,
  DEFAULT_POLICY,
  withoutNarrowing,
} from './grant-and-response-types.spec-helpers.js';
import type { MetadataPolicy } from './metadata-policy.js';

const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

describe('resolveGrantAndResponseTypes: empty lists (issue 8)', () => {
  it.each([
    ['with narrowing', DEFAULT_POLICY],
    ['without narrowing', withoutNarrowing(DEFAULT_POLICY)],
  ])('refuses an explicit grant_types: [] %s', (_label, policy) => {
    expectOAuthError(
      () => resolveGrantAndResponseTypes([], undefined, policy),
      'invalid_client_metadata',
      /^grant_types: must list at least one grant type/,
      '/grant_types',
    );
    expectOAuthError(
      () => resolveGrantAndResponseTypes([], [], policy),
      'invalid_client_metadata',
      /^grant_types: must list at least one grant type/,
      '/grant_types',
    );
  });

  it('keeps response_types: [] for grant types that use no authorization endpoint', () => {
    expect(
      resolveGrantAndResponseTypes(['client_credentials', 'refresh_token'], [], DEFAULT_POLICY),
    ).toEqual({ grant_types: ['client_credentials', 'refresh_token'], response_types: [] });
  });
});

describe('resolveGrantAndResponseTypes: narrowing (RFC 7591 §3.2.1), the default', () => {
  it("drops VS Code's device-code grant and keeps the rest in order", () => {
    expect(
      resolveGrantAndResponseTypes(
        ['authorization_code', 'refresh_token', DEVICE_CODE],
        ['code'],
        DEFAULT_POLICY,
      ),
    ).toEqual({ grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] });
  });

  it("drops Claude's jwt-bearer grant", () => {
    expect(
      resolveGrantAndResponseTypes(
        ['authorization_code', 'refresh_token', JWT_BEARER],
        undefined,
        DEFAULT_POLICY,
      ).grant_types,
    ).toEqual(['authorization_code', 'refresh_token']);
  });

  it('drops implicit, which is not supported by default, and derives from what remains', () => {
    expect(
      resolveGrantAndResponseTypes(['authorization_code', 'implicit'], undefined, DEFAULT_POLICY),
    ).toEqual({ grant_types: ['authorization_code'], response_types: ['code'] });
  });

  it('drops an unsupported response type, and keeps the §2.1 rules on the result', () => {
    expect(
      resolveGrantAndResponseTypes(['authorization_code'], ['code', 'token'], DEFAULT_POLICY),
    ).toEqual({ grant_types: ['authorization_code'], response_types: ['code'] });
    expect(resolveGrantAndResponseTypes(undefined, ['code', 'token'], DEFAULT_POLICY)).toEqual({
      grant_types: ['authorization_code'],
      response_types: ['code'],
    });
  });

  it('checks the §2.1 rules on the narrowed lists, not the requested ones', () => {
    // implicit is dropped, leaving refresh_token; code then has no authorization_code grant.
    expectOAuthError(
      () => resolveGrantAndResponseTypes(['implicit', 'refresh_token'], ['code'], DEFAULT_POLICY),
      'invalid_client_metadata',
      /^response_types includes "code", so grant_types must include "authorization_code"/,
      '/grant_types',
    );
  });

  it('compares grant types case-sensitively, so a miscased one is dropped', () => {
    expect(
      resolveGrantAndResponseTypes(
        ['Authorization_Code', 'authorization_code'],
        ['code'],
        DEFAULT_POLICY,
      ).grant_types,
    ).toEqual(['authorization_code']);
  });

  it('refuses grant types with nothing supported left, naming each and the supported list', () => {
    expectOAuthError(
      () => resolveGrantAndResponseTypes(['password', 'implicit'], undefined, DEFAULT_POLICY),
      'invalid_client_metadata',
      /^grant_types: none of "password", "implicit" is supported \(supported: authorization_code, refresh_token, client_credentials\)$/,
      '/grant_types',
    );
  });

  it('says "none" when the server supports no response type', () => {
    expectOAuthError(
      () => resolveGrantAndResponseTypes(['client_credentials'], ['code'], CLIENT_CREDENTIALS_ONLY),
      'invalid_client_metadata',
      /^response_types: none of "code" is supported \(supported: none\)$/,
      '/response_types',
    );
  });

  it('narrows each field only when its switch is on', () => {
    const grantsOnly: MetadataPolicy = {
      ...DEFAULT_POLICY,
      narrow: { grantTypes: true, responseTypes: false, scopes: true },
    };
    expect(
      resolveGrantAndResponseTypes(['authorization_code', DEVICE_CODE], ['code'], grantsOnly)
        .grant_types,
    ).toEqual(['authorization_code']);
    expectOAuthError(
      () => resolveGrantAndResponseTypes(['authorization_code'], ['code', 'token'], grantsOnly),
      'invalid_client_metadata',
      /^response_types: "token" is not supported/,
      '/response_types/1',
    );
  });
});

describe('resolveGrantAndResponseTypes: without narrowing', () => {
  const strict = withoutNarrowing(DEFAULT_POLICY);

  it('refuses implicit, naming its index and the supported list', () => {
    expectOAuthError(
      () => resolveGrantAndResponseTypes(['authorization_code', 'implicit'], undefined, strict),
      'invalid_client_metadata',
      /^grant_types: "implicit" is not supported \(supported: authorization_code, refresh_token, client_credentials\)$/,
      '/grant_types/1',
    );
  });

  it('refuses the first unknown grant type', () => {
    expectOAuthError(
      () =>
        resolveGrantAndResponseTypes(['password', 'authorization_code', 'x'], undefined, strict),
      'invalid_client_metadata',
      /^grant_types: "password" is not supported/,
      '/grant_types/0',
    );
  });

  it('refuses an unsupported response type, naming its index', () => {
    expectOAuthError(
      () => resolveGrantAndResponseTypes(['authorization_code'], ['code', 'token'], strict),
      'invalid_client_metadata',
      /^response_types: "token" is not supported \(supported: code\)$/,
      '/response_types/1',
    );
  });

  it('accepts a grant type outside the §2.1 table when the server supports it', () => {
    const policy: MetadataPolicy = {
      ...strict,
      grantTypes: [DEVICE_CODE],
      responseTypes: [],
    };
    expect(resolveGrantAndResponseTypes([DEVICE_CODE], undefined, policy)).toEqual({
      grant_types: [DEVICE_CODE],
      response_types: [],
    });
  });
});
