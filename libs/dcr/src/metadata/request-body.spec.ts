import { describe, expect, it } from '@jest/globals';
import { ClientRegistrationRequestDto } from '../dto/client-registration-request.dto.js';
import { MAX_NESTING_DEPTH, readRequestDto, requireJsonObject } from './request-body.js';
import { expectOAuthError } from '../errors/oauth-error.spec-helpers.js';

/** A description that names `field` (class-validator says "x must ..." or "each value in x ..."). */
function naming(field: string): RegExp {
  return new RegExp(`^(each value in )?${field} `);
}

const FULL_BODY = {
  redirect_uris: ['https://client.example.com/cb'],
  token_endpoint_auth_method: 'client_secret_post',
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  client_name: 'Example Client',
  client_uri: 'https://client.example.com',
  logo_uri: 'https://client.example.com/logo.png',
  scope: 'openid profile',
  contacts: ['ops@client.example.com'],
  tos_uri: 'https://client.example.com/tos',
  policy_uri: 'https://client.example.com/policy',
  jwks_uri: 'https://client.example.com/jwks.json',
  jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] },
  software_id: '4NRB1-0XZABZI9E6-5SM3R',
  software_version: '2.1.0',
};

describe('requireJsonObject', () => {
  it('returns a JSON object as it is', () => {
    const body = { client_name: 'x' };
    expect(requireJsonObject(body)).toBe(body);
    expect(requireJsonObject({})).toEqual({});
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', [{ client_name: 'x' }]],
    ['an empty array', []],
    ['a string', '{"client_name":"x"}'],
    ['a number', 42],
    ['a boolean', true],
  ])('rejects %s', (_label, body) => {
    expectOAuthError(
      () => requireJsonObject(body),
      'invalid_client_metadata',
      /^the request body must be a JSON object of client metadata \(RFC 7591 §3\.1\)$/,
      '',
    );
  });
});

describe('readRequestDto', () => {
  it('reads every metadata field the server understands into the DTO', () => {
    const dto = readRequestDto(FULL_BODY);
    expect(dto).toBeInstanceOf(ClientRegistrationRequestDto);
    expect({ ...dto }).toEqual(FULL_BODY);
  });

  it('reads an empty body into an empty DTO, without unset fields', () => {
    const dto = readRequestDto({});
    expect(dto).toBeInstanceOf(ClientRegistrationRequestDto);
    expect(Object.keys(dto)).toEqual([]);
  });

  it('drops unknown keys, server-only keys, the software statement and tagged keys', () => {
    const dto = readRequestDto({
      client_name: 'Example Client',
      client_id: 'chosen-by-client',
      client_secret: 'chosen-by-client',
      client_id_issued_at: 1,
      client_secret_expires_at: 0,
      registration_access_token: 'chosen-by-client',
      registration_client_uri: 'https://evil.example.com/register/x',
      software_statement: 'a.b.c',
      'client_name#fr': 'Mon client',
      frobnicate: true,
    });
    expect({ ...dto }).toEqual({ client_name: 'Example Client' });
  });

  it('passes null values through as omitted fields (IsOptional)', () => {
    const dto = readRequestDto({ client_name: null, redirect_uris: null, jwks: null });
    expect(dto.client_name).toBeNull();
    expect(dto.redirect_uris).toBeNull();
    expect(dto.jwks).toBeNull();
  });

  describe('__proto__ and constructor keys', () => {
    it('does no harm with top-level __proto__ and constructor keys', () => {
      const body = JSON.parse(
        '{"client_name":"x","__proto__":{"polluted":"yes","client_id":"evil"},' +
          '"constructor":{"prototype":{"polluted2":"yes"}},"prototype":{"polluted3":"yes"}}',
      ) as Record<string, unknown>;
      const dto = readRequestDto(body);

      expect(Object.getPrototypeOf(dto)).toBe(ClientRegistrationRequestDto.prototype);
      expect(dto.constructor).toBe(ClientRegistrationRequestDto);
      expect(Object.keys(dto)).toEqual(['client_name']);
      expect((dto as unknown as Record<string, unknown>).client_id).toBeUndefined();
      expect((dto as unknown as Record<string, unknown>).polluted).toBeUndefined();
      const fresh = {} as Record<string, unknown>;
      expect(fresh.polluted).toBeUndefined();
      expect(fresh.polluted2).toBeUndefined();
      expect(fresh.polluted3).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(
        (ClientRegistrationRequestDto.prototype as unknown as Record<string, unknown>).polluted2,
      ).toBeUndefined();
    });

    it('does no harm with __proto__ keys nested in jwks', () => {
      const body = JSON.parse(
        '{"jwks":{"__proto__":{"polluted":"yes"},"keys":[{"kty":"EC","__proto__":{"d":"secret"}}]}}',
      ) as Record<string, unknown>;
      const dto = readRequestDto(body);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).d).toBeUndefined();
      expect(Object.getPrototypeOf(dto.jwks)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(dto.jwks?.keys[0])).toBe(Object.prototype);
    });
  });

  describe('JSON types and sizes', () => {
    it.each([
      ['token_endpoint_auth_method', 'client_secret'],
      ['token_endpoint_auth_method', 'tls_client_auth'],
      ['token_endpoint_auth_method', 'NONE'],
      ['token_endpoint_auth_method', 1],
      ['grant_types', 'authorization_code'],
      ['grant_types', [1]],
      ['grant_types', [null]],
      ['grant_types', { 0: 'authorization_code' }],
      ['response_types', 'code'],
      ['response_types', [{}]],
      ['client_name', 1],
      ['client_name', ''],
      ['client_name', ['x']],
      ['client_name', true],
      ['client_uri', 1],
      ['logo_uri', {}],
      ['scope', ['openid', 'profile']],
      ['scope', 1],
      ['contacts', 'ops@client.example.com'],
      ['contacts', ['']],
      ['contacts', [1]],
      ['tos_uri', false],
      ['policy_uri', 1],
      ['jwks_uri', ['https://client.example.com/jwks.json']],
      ['jwks', []],
      ['jwks', '{"keys":[]}'],
      ['jwks', 1],
      ['software_id', ''],
      ['software_id', 1],
      ['software_version', ''],
      ['software_version', 2.1],
    ])('rejects %s = %p with invalid_client_metadata naming it', (field, value) => {
      expectOAuthError(
        () => readRequestDto({ ...FULL_BODY, [field]: value }),
        'invalid_client_metadata',
        naming(field),
        `/${field}`,
      );
    });

    it.each([
      ['a string', 'https://client.example.com/cb'],
      ['an object', { 0: 'https://client.example.com/cb' }],
      ['an array with a number', ['https://client.example.com/cb', 1]],
      ['an array with null', [null]],
      ['an array with an array', [['https://client.example.com/cb']]],
      ['true', true],
    ])('rejects redirect_uris as %s with invalid_redirect_uri', (_label, value) => {
      expectOAuthError(
        () => readRequestDto({ ...FULL_BODY, redirect_uris: value }),
        'invalid_redirect_uri',
        naming('redirect_uris'),
        '/redirect_uris',
      );
    });

    it('accepts 64 redirect URIs and rejects 65 with invalid_redirect_uri', () => {
      const uris = Array.from({ length: 65 }, (_, i) => `https://client.example.com/cb/${i}`);
      expect(readRequestDto({ redirect_uris: uris.slice(0, 64) }).redirect_uris).toHaveLength(64);
      expectOAuthError(
        () => readRequestDto({ redirect_uris: uris }),
        'invalid_redirect_uri',
        naming('redirect_uris'),
        '/redirect_uris',
      );
    });

    it('accepts a redirect URI of 2048 characters and rejects one of 2049', () => {
      const prefix = 'https://client.example.com/';
      const uri = prefix + 'a'.repeat(2048 - prefix.length);
      expect(readRequestDto({ redirect_uris: [uri] }).redirect_uris).toEqual([uri]);
      expectOAuthError(
        () => readRequestDto({ redirect_uris: [`${uri}a`] }),
        'invalid_redirect_uri',
        naming('redirect_uris'),
        '/redirect_uris',
      );
    });

    it.each([
      ['grant_types', 16, 'authorization_code'],
      ['response_types', 16, 'code'],
      ['contacts', 16, 'ops@client.example.com'],
    ])('accepts %s with %i elements and rejects one more', (field, max, value) => {
      const values = Array.from({ length: max + 1 }, () => value);
      expect(() => readRequestDto({ [field]: values.slice(0, max) })).not.toThrow();
      expectOAuthError(
        () => readRequestDto({ [field]: values }),
        'invalid_client_metadata',
        naming(field),
        `/${field}`,
      );
    });

    it.each([
      ['client_name', 512],
      ['software_id', 512],
      ['software_version', 512],
      ['client_uri', 2048],
      ['logo_uri', 2048],
      ['scope', 2048],
      ['tos_uri', 2048],
      ['policy_uri', 2048],
      ['jwks_uri', 2048],
    ])('accepts %s of %i characters and rejects one more', (field, max) => {
      const value = 'a'.repeat(max);
      expect(readRequestDto({ [field]: value })).toHaveProperty(field, value);
      expectOAuthError(
        () => readRequestDto({ [field]: `${value}a` }),
        'invalid_client_metadata',
        naming(field),
        `/${field}`,
      );
    });

    it.each([
      ['contacts', 512],
      ['response_types', 512],
      ['grant_types', 2048],
    ])('accepts elements of %s of %i characters and rejects one more', (field, max) => {
      const value = 'a'.repeat(max);
      expect(readRequestDto({ [field]: [value] })).toHaveProperty(field, [value]);
      expectOAuthError(
        () => readRequestDto({ [field]: [`${value}a`] }),
        'invalid_client_metadata',
        naming(field),
        `/${field}`,
      );
    });

    it('reports a redirect_uris error as invalid_redirect_uri even when other fields are wrong too', () => {
      expectOAuthError(
        () => readRequestDto({ redirect_uris: 'x', client_name: 1 }),
        'invalid_redirect_uri',
        naming('redirect_uris'),
        '/redirect_uris',
      );
    });

    it('accepts every RFC 7591 §2 token endpoint auth method', () => {
      for (const method of [
        'none',
        'client_secret_basic',
        'client_secret_post',
        'client_secret_jwt',
        'private_key_jwt',
      ]) {
        expect(
          readRequestDto({ token_endpoint_auth_method: method }).token_endpoint_auth_method,
        ).toBe(method);
      }
    });

    it('does not convert values to the declared types', () => {
      expectOAuthError(
        () => readRequestDto({ client_name: 123 }),
        'invalid_client_metadata',
        naming('client_name'),
      );
      expect(readRequestDto({ scope: '123' }).scope).toBe('123');
    });
  });
});

describe('requireJsonObject: nesting depth', () => {
  const nested = (depth: number) =>
    JSON.parse(`{"a":${'['.repeat(depth - 1)}null${']'.repeat(depth - 1)}}`);

  it('accepts values nested up to MAX_NESTING_DEPTH levels', () => {
    expect(() => requireJsonObject(nested(MAX_NESTING_DEPTH))).not.toThrow();
  });

  it.each([MAX_NESTING_DEPTH + 1, 30_000])(
    'refuses %d levels without overflowing the stack',
    (depth) => {
      expect(() => requireJsonObject(nested(depth))).toThrow(
        `the request body nests values more than ${MAX_NESTING_DEPTH} levels deep`,
      );
    },
  );
});
