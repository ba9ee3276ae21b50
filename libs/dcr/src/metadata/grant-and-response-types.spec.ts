import { describe, expect, it } from '@jest/globals';
import { resolveGrantAndResponseTypes, responseTypesFor } from './grant-and-response-types.js';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';
import {
  CLIENT_CREDENTIALS_ONLY,
  DEFAULT_POLICY,
  WITH_IMPLICIT,
} from './grant-and-response-types.spec-helpers.js';

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
        '/grant_types',
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

    it('refuses an empty response_types with no grant_types: it leaves the client no grant', () => {
      expectOAuthError(
        () => resolveGrantAndResponseTypes(undefined, [], DEFAULT_POLICY),
        'invalid_client_metadata',
        /^response_types: leaves the client no grant type; send grant_types$/,
        '/response_types',
      );
    });

    it('lets a client_credentials-only server register client_credentials clients', () => {
      expect(
        resolveGrantAndResponseTypes(['client_credentials'], undefined, CLIENT_CREDENTIALS_ONLY),
      ).toEqual({ grant_types: ['client_credentials'], response_types: [] });
    });

    it('refuses response_types token alone when the implicit grant is not supported', () => {
      expectOAuthError(
        () => resolveGrantAndResponseTypes(undefined, ['token'], DEFAULT_POLICY),
        'invalid_client_metadata',
        /^response_types: none of "token" is supported \(supported: code\)$/,
        '/response_types',
      );
    });

    it('names response_types when only an unknown response type is sent', () => {
      // The client sent no grant_types, so an error about grant_types "x" would point at a field
      // (and a value) it never sent.
      expectOAuthError(
        () => resolveGrantAndResponseTypes(undefined, ['code id_token'], DEFAULT_POLICY),
        'invalid_client_metadata',
        /^response_types: none of "code id_token" is supported \(supported: code\)$/,
        '/response_types',
      );
    });

    it.each(['toString', 'constructor', '__proto__'])(
      'does not look up the response type %s on Object.prototype',
      (type) => {
        expectOAuthError(
          () => resolveGrantAndResponseTypes(undefined, [type], DEFAULT_POLICY),
          'invalid_client_metadata',
          new RegExp(`"${type}" is supported`),
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
        '/response_types',
      );
    });

    it('requires authorization_code when code is a response type', () => {
      expectOAuthError(
        () => resolveGrantAndResponseTypes(['client_credentials'], ['code'], DEFAULT_POLICY),
        'invalid_client_metadata',
        /^response_types includes "code", so grant_types must include "authorization_code" \(RFC 7591 §2\.1\)$/,
        '/grant_types',
      );
    });

    it('requires token when implicit is a grant type', () => {
      expectOAuthError(
        () =>
          resolveGrantAndResponseTypes(['authorization_code', 'implicit'], ['code'], WITH_IMPLICIT),
        'invalid_client_metadata',
        /^grant_types includes "implicit", so response_types must include "token"/,
        '/response_types',
      );
    });

    it('requires implicit when token is a response type', () => {
      expectOAuthError(
        () =>
          resolveGrantAndResponseTypes(['authorization_code'], ['code', 'token'], WITH_IMPLICIT),
        'invalid_client_metadata',
        /^response_types includes "token", so grant_types must include "implicit"/,
        '/grant_types',
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
});
