import { describe, expect, it } from '@jest/globals';
import { resolveGrantAndResponseTypes, responseTypesFor } from './grant-and-response-types.js';
import type { MetadataPolicy } from './metadata-policy.js';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';

/** The policy of the default module options: no implicit grant. */
const DEFAULT_POLICY: MetadataPolicy = {
  grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
  responseTypes: ['code'],
  tokenEndpointAuthMethods: ['client_secret_basic'],
};

const WITH_IMPLICIT: MetadataPolicy = {
  grantTypes: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
  responseTypes: ['code', 'token'],
  tokenEndpointAuthMethods: ['client_secret_basic'],
};

const CLIENT_CREDENTIALS_ONLY: MetadataPolicy = {
  grantTypes: ['client_credentials'],
  responseTypes: [],
  tokenEndpointAuthMethods: ['client_secret_basic'],
};

describe('responseTypesFor', () => {
  it.each([
    [['authorization_code'], ['code']],
    [['implicit'], ['token']],
    [
      ['authorization_code', 'implicit'],
      ['code', 'token'],
    ],
    [
      ['implicit', 'authorization_code'],
      ['token', 'code'],
    ],
    [['authorization_code', 'refresh_token', 'client_credentials'], ['code']],
    [['refresh_token', 'client_credentials'], []],
    [['urn:ietf:params:oauth:grant-type:device_code'], []],
    [[], []],
    [
      ['authorization_code', 'authorization_code', 'implicit', 'implicit'],
      ['code', 'token'],
    ],
  ])('maps %p to %p (RFC 7591 §2.1)', (grantTypes, expected) => {
    expect(responseTypesFor(grantTypes)).toEqual(expected);
  });

  it('does not map inherited Object.prototype names to response types', () => {
    expect(responseTypesFor(['toString', 'constructor', '__proto__'])).toEqual([]);
  });
});

describe('resolveGrantAndResponseTypes', () => {
  describe('defaults (RFC 7591 §2)', () => {
    it('defaults to authorization_code and code when neither list is sent', () => {
      expect(resolveGrantAndResponseTypes(undefined, undefined, DEFAULT_POLICY)).toEqual({
        grant_types: ['authorization_code'],
        response_types: ['code'],
      });
    });

    it('rejects the default when the server does not support authorization_code', () => {
      expectOAuthError(
        () => resolveGrantAndResponseTypes(undefined, undefined, CLIENT_CREDENTIALS_ONLY),
        'invalid_client_metadata',
        /^grant_types: "authorization_code" is not supported \(supported: client_credentials\)$/,
      );
    });
  });

  describe('deriving the missing list through the §2.1 table', () => {
    it.each([
      [['authorization_code'], ['code']],
      [['authorization_code', 'refresh_token'], ['code']],
      [['client_credentials'], []],
      [['refresh_token', 'client_credentials'], []],
    ])('derives response_types from grant_types %p', (grantTypes, responseTypes) => {
      expect(resolveGrantAndResponseTypes(grantTypes, undefined, DEFAULT_POLICY)).toEqual({
        grant_types: grantTypes,
        response_types: responseTypes,
      });
    });

    it('derives token from implicit when the server supports it', () => {
      expect(
        resolveGrantAndResponseTypes(['implicit', 'authorization_code'], undefined, WITH_IMPLICIT),
      ).toEqual({
        grant_types: ['implicit', 'authorization_code'],
        response_types: ['token', 'code'],
      });
    });

    it('derives grant_types from response_types', () => {
      expect(resolveGrantAndResponseTypes(undefined, ['code'], DEFAULT_POLICY)).toEqual({
        grant_types: ['authorization_code'],
        response_types: ['code'],
      });
      expect(resolveGrantAndResponseTypes(undefined, ['code', 'token'], WITH_IMPLICIT)).toEqual({
        grant_types: ['authorization_code', 'implicit'],
        response_types: ['code', 'token'],
      });
    });

    it('accepts an empty response_types with no grant_types as a client of no grant', () => {
      expect(resolveGrantAndResponseTypes(undefined, [], DEFAULT_POLICY)).toEqual({
        grant_types: [],
        response_types: [],
      });
    });

    it('lets a client_credentials-only server register client_credentials clients', () => {
      expect(
        resolveGrantAndResponseTypes(['client_credentials'], undefined, CLIENT_CREDENTIALS_ONLY),
      ).toEqual({ grant_types: ['client_credentials'], response_types: [] });
    });

    it('rejects response_types token alone when the implicit grant is not supported', () => {
      expectOAuthError(
        () => resolveGrantAndResponseTypes(undefined, ['token'], DEFAULT_POLICY),
        'invalid_client_metadata',
        /grant_types: "implicit" is not supported|response_types: "token" is not supported/,
      );
    });

    it('names response_types when only an unknown response type is sent', () => {
      // The client sent no grant_types, so an error about grant_types "x" would point at a field
      // (and a value) it never sent.
      expectOAuthError(
        () => resolveGrantAndResponseTypes(undefined, ['code id_token'], DEFAULT_POLICY),
        'invalid_client_metadata',
        /^response_types: "code id_token" is not supported \(supported: code\)$/,
      );
    });

    it.each(['toString', 'constructor', '__proto__'])(
      'does not look up the response type %s on Object.prototype',
      (type) => {
        expectOAuthError(
          () => resolveGrantAndResponseTypes(undefined, [type], DEFAULT_POLICY),
          'invalid_client_metadata',
          new RegExp(`"${type}" is not supported`),
        );
      },
    );
  });

  describe('both lists sent', () => {
    it('accepts consistent lists and keeps their order', () => {
      expect(
        resolveGrantAndResponseTypes(
          ['refresh_token', 'authorization_code'],
          ['code'],
          DEFAULT_POLICY,
        ),
      ).toEqual({ grant_types: ['refresh_token', 'authorization_code'], response_types: ['code'] });
      expect(
        resolveGrantAndResponseTypes(
          ['authorization_code', 'implicit'],
          ['token', 'code'],
          WITH_IMPLICIT,
        ),
      ).toEqual({
        grant_types: ['authorization_code', 'implicit'],
        response_types: ['token', 'code'],
      });
    });

    it('accepts client_credentials with an explicit empty response_types', () => {
      expect(resolveGrantAndResponseTypes(['client_credentials'], [], DEFAULT_POLICY)).toEqual({
        grant_types: ['client_credentials'],
        response_types: [],
      });
    });

    it('removes duplicates, keeping the first occurrence', () => {
      expect(
        resolveGrantAndResponseTypes(
          ['authorization_code', 'refresh_token', 'authorization_code'],
          ['code', 'code'],
          DEFAULT_POLICY,
        ),
      ).toEqual({ grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] });
    });

    it('does not modify the requested arrays', () => {
      const grants = ['authorization_code', 'authorization_code'];
      const responses = ['code', 'code'];
      const result = resolveGrantAndResponseTypes(grants, responses, DEFAULT_POLICY);
      expect(grants).toEqual(['authorization_code', 'authorization_code']);
      expect(responses).toEqual(['code', 'code']);
      expect(result.grant_types).not.toBe(grants);
      expect(result.response_types).not.toBe(responses);
    });

    it('requires code when authorization_code is a grant type', () => {
      expectOAuthError(
        () => resolveGrantAndResponseTypes(['authorization_code'], [], DEFAULT_POLICY),
        'invalid_client_metadata',
        /^grant_types includes "authorization_code", so response_types must include "code" \(RFC 7591 §2\.1\)$/,
      );
    });

    it('requires authorization_code when code is a response type', () => {
      expectOAuthError(
        () => resolveGrantAndResponseTypes(['client_credentials'], ['code'], DEFAULT_POLICY),
        'invalid_client_metadata',
        /^response_types includes "code", so grant_types must include "authorization_code" \(RFC 7591 §2\.1\)$/,
      );
    });

    it('requires token when implicit is a grant type', () => {
      expectOAuthError(
        () =>
          resolveGrantAndResponseTypes(['authorization_code', 'implicit'], ['code'], WITH_IMPLICIT),
        'invalid_client_metadata',
        /^grant_types includes "implicit", so response_types must include "token"/,
      );
    });

    it('requires implicit when token is a response type', () => {
      expectOAuthError(
        () =>
          resolveGrantAndResponseTypes(['authorization_code'], ['code', 'token'], WITH_IMPLICIT),
        'invalid_client_metadata',
        /^response_types includes "token", so grant_types must include "implicit"/,
      );
    });

    it('rejects response_types that do not match grant_types at all', () => {
      expectOAuthError(
        () => resolveGrantAndResponseTypes(['implicit'], ['code'], WITH_IMPLICIT),
        'invalid_client_metadata',
        /^grant_types includes "implicit", so response_types must include "token"|^response_types includes "code", so grant_types must include "authorization_code"/,
      );
    });
  });

  describe('server support', () => {
    it('rejects implicit, which is not supported by default', () => {
      expectOAuthError(
        () => resolveGrantAndResponseTypes(['implicit'], undefined, DEFAULT_POLICY),
        'invalid_client_metadata',
        /^grant_types: "implicit" is not supported \(supported: authorization_code, refresh_token, client_credentials\)$/,
      );
    });

    it('rejects an unknown grant type and names it', () => {
      expectOAuthError(
        () =>
          resolveGrantAndResponseTypes(
            ['authorization_code', 'password'],
            undefined,
            DEFAULT_POLICY,
          ),
        'invalid_client_metadata',
        /^grant_types: "password" is not supported/,
      );
    });

    it('compares grant types case-sensitively', () => {
      expectOAuthError(
        () => resolveGrantAndResponseTypes(['Authorization_Code'], ['code'], DEFAULT_POLICY),
        'invalid_client_metadata',
        /^grant_types: "Authorization_Code" is not supported/,
      );
    });

    it('rejects an unsupported response type and names it', () => {
      expectOAuthError(
        () =>
          resolveGrantAndResponseTypes(['authorization_code'], ['code', 'token'], DEFAULT_POLICY),
        'invalid_client_metadata',
        /^response_types: "token" is not supported \(supported: code\)$/,
      );
    });

    it('says "none" when the server supports no response type', () => {
      expectOAuthError(
        () =>
          resolveGrantAndResponseTypes(['client_credentials'], ['code'], CLIENT_CREDENTIALS_ONLY),
        'invalid_client_metadata',
        /^response_types: "code" is not supported \(supported: none\)$/,
      );
    });

    it('accepts a grant type outside the §2.1 table when the server supports it', () => {
      const policy: MetadataPolicy = {
        ...DEFAULT_POLICY,
        grantTypes: ['urn:ietf:params:oauth:grant-type:device_code'],
        responseTypes: [],
      };
      expect(
        resolveGrantAndResponseTypes(
          ['urn:ietf:params:oauth:grant-type:device_code'],
          undefined,
          policy,
        ),
      ).toEqual({
        grant_types: ['urn:ietf:params:oauth:grant-type:device_code'],
        response_types: [],
      });
    });
  });
});
