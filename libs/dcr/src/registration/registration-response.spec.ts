import { describe, expect, it } from '@jest/globals';
import { digest } from '../credentials/digest.js';
import type { ClientMetadata } from '../metadata/client-metadata.js';
import { DcrClientEntity } from '../persistence/dcr-client.entity.js';
import { toRegistrationResponse } from './registration-response.js';

const ENDPOINT = 'https://as.example.com/register';
const ISSUED_AT = new Date('2025-01-02T03:04:05.000Z');
const ISSUED_AT_SECONDS = 1735787045;

const MINIMAL_METADATA: ClientMetadata = {
  redirect_uris: ['https://client.example.com/cb'],
  token_endpoint_auth_method: 'client_secret_basic',
  grant_types: ['authorization_code'],
  response_types: ['code'],
};

function client(overrides: Partial<DcrClientEntity> = {}): DcrClientEntity {
  return Object.assign(new DcrClientEntity(), {
    clientId: 'Xy3_client-id',
    metadata: MINIMAL_METADATA,
    clientSecretDigest: digest('secret'),
    clientSecretExpiresAt: null,
    registrationTokenDigest: digest('token'),
    issuedAt: ISSUED_AT,
    updatedAt: ISSUED_AT,
    version: 1,
    approvalStatus: 'approved',
    initialAccessTokenId: null,
    ...overrides,
  });
}

describe('toRegistrationResponse (RFC 7591 §3.2.1, RFC 7592 §3)', () => {
  it('answers a confidential client with its credentials and metadata', () => {
    const response = toRegistrationResponse(
      client(),
      { clientSecret: 'the-secret', registrationAccessToken: 'the-token' },
      ENDPOINT,
    );
    expect(response).toEqual({
      client_id: 'Xy3_client-id',
      client_secret: 'the-secret',
      client_id_issued_at: ISSUED_AT_SECONDS,
      client_secret_expires_at: 0,
      registration_access_token: 'the-token',
      registration_client_uri: 'https://as.example.com/register/Xy3_client-id',
      redirect_uris: ['https://client.example.com/cb'],
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    });
  });

  it('puts server-issued values first, then the metadata in a stable order, then tagged variants', () => {
    // Stored metadata comes back from jsonb in any key order.
    const metadata = {
      'client_name#fr': 'Mon client',
      software_version: '1.0',
      software_id: 'sw',
      jwks: { keys: [{ kty: 'EC' }] },
      policy_uri: 'https://client.example.com/policy',
      tos_uri: 'https://client.example.com/tos',
      contacts: ['ops@client.example.com'],
      scope: 'openid',
      logo_uri: 'https://client.example.com/logo.png',
      client_uri: 'https://client.example.com',
      client_name: 'My client',
      response_types: ['code'],
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'private_key_jwt',
      'logo_uri#de': 'https://client.example.com/logo-de.png',
      redirect_uris: ['https://client.example.com/cb'],
    } as ClientMetadata;
    const response = toRegistrationResponse(
      client({ metadata, clientSecretDigest: null }),
      { registrationAccessToken: 'the-token' },
      ENDPOINT,
    );
    expect(Object.keys(response)).toEqual([
      'client_id',
      'client_id_issued_at',
      'registration_access_token',
      'registration_client_uri',
      'redirect_uris',
      'token_endpoint_auth_method',
      'grant_types',
      'response_types',
      'client_name',
      'client_uri',
      'logo_uri',
      'scope',
      'contacts',
      'tos_uri',
      'policy_uri',
      'jwks',
      'software_id',
      'software_version',
      'client_name#fr',
      'logo_uri#de',
    ]);
    expect(response).toMatchObject({
      'client_name#fr': 'Mon client',
      'logo_uri#de': 'https://client.example.com/logo-de.png',
      jwks: { keys: [{ kty: 'EC' }] },
    });
  });

  it('places jwks_uri between policy_uri and jwks', () => {
    const metadata: ClientMetadata = {
      ...MINIMAL_METADATA,
      software_id: 'sw',
      jwks_uri: 'https://client.example.com/jwks.json',
      policy_uri: 'https://client.example.com/policy',
    };
    const keys = Object.keys(toRegistrationResponse(client({ metadata }), {}, ENDPOINT));
    expect(keys.slice(-3)).toEqual(['policy_uri', 'jwks_uri', 'software_id']);
  });

  describe('client_secret_expires_at', () => {
    it('is 0 when the secret never expires', () => {
      const response = toRegistrationResponse(client(), { clientSecret: 's' }, ENDPOINT);
      expect(response.client_secret_expires_at).toBe(0);
    });

    it('is the expiry in Unix seconds, rounded down', () => {
      const response = toRegistrationResponse(
        client({ clientSecretExpiresAt: new Date('2025-01-03T03:04:05.999Z') }),
        { clientSecret: 's' },
        ENDPOINT,
      );
      expect(response.client_secret_expires_at).toBe(ISSUED_AT_SECONDS + 86_400);
    });

    it('is present whenever a secret digest exists, even when the secret is not shown', () => {
      const response = toRegistrationResponse(client(), {}, ENDPOINT);
      expect(response.client_secret_expires_at).toBe(0);
      expect(response).not.toHaveProperty('client_secret');
    });

    it('is absent for a client without a secret, even with a stale expiry', () => {
      const response = toRegistrationResponse(
        client({
          clientSecretDigest: null,
          clientSecretExpiresAt: new Date('2030-01-01T00:00:00Z'),
          metadata: { ...MINIMAL_METADATA, token_endpoint_auth_method: 'none' },
        }),
        { registrationAccessToken: 't' },
        ENDPOINT,
      );
      expect(response).not.toHaveProperty('client_secret_expires_at');
      expect(response).not.toHaveProperty('client_secret');
      expect(response.token_endpoint_auth_method).toBe('none');
    });
  });

  it('leaves out credentials that are not shown, rather than sending undefined', () => {
    const response = toRegistrationResponse(client(), {}, ENDPOINT);
    expect(Object.keys(response)).not.toContain('client_secret');
    expect(Object.keys(response)).not.toContain('registration_access_token');
    expect(Object.values(response)).not.toContain(undefined);
    expect(JSON.parse(JSON.stringify(response))).toEqual(response);
  });

  it('leaves out metadata fields that are undefined', () => {
    const metadata = {
      ...MINIMAL_METADATA,
      client_name: undefined,
      scope: undefined,
      'client_name#fr': undefined,
    } as ClientMetadata;
    const response = toRegistrationResponse(client({ metadata }), {}, ENDPOINT);
    expect(Object.keys(response)).not.toContain('client_name');
    expect(Object.keys(response)).not.toContain('scope');
    expect(Object.keys(response)).not.toContain('client_name#fr');
  });

  it('reports client_id_issued_at in whole Unix seconds', () => {
    const response = toRegistrationResponse(
      client({ issuedAt: new Date('2025-01-02T03:04:05.999Z') }),
      {},
      ENDPOINT,
    );
    expect(response.client_id_issued_at).toBe(ISSUED_AT_SECONDS);
  });

  it('builds registration_client_uri from the given endpoint and the client_id', () => {
    expect(
      toRegistrationResponse(
        client({ clientId: 'abc' }),
        {},
        'http://localhost:3000/api/oauth/register',
      ).registration_client_uri,
    ).toBe('http://localhost:3000/api/oauth/register/abc');
  });

  it('does not echo stored fields that are not client metadata, nor any digest', () => {
    const metadata = {
      ...MINIMAL_METADATA,
      client_secret: 'leaked',
      unknown_field: 'x',
    } as unknown as ClientMetadata;
    const response = toRegistrationResponse(
      client({ metadata }),
      { clientSecret: 'shown' },
      ENDPOINT,
    );
    expect(response.client_secret).toBe('shown');
    expect(response).not.toHaveProperty('unknown_field');
    const json = JSON.stringify(response);
    expect(json).not.toContain('leaked');
    expect(json).not.toContain('Digest');
    expect(json).not.toContain(digest('secret').toString('hex'));
  });

  it('returns the software statement unmodified, last (RFC 7591 §3.2.1)', () => {
    const metadata: ClientMetadata = { ...MINIMAL_METADATA, software_statement: 'a.b.c' };
    const response = toRegistrationResponse(client({ metadata }), {}, ENDPOINT);
    expect(response.software_statement).toBe('a.b.c');
    expect(Object.keys(response).at(-1)).toBe('software_statement');
  });

  it('says approval_status "pending" while the client waits for approval, nothing once approved', () => {
    const pending = toRegistrationResponse(client({ approvalStatus: 'pending' }), {}, ENDPOINT);
    expect(pending.approval_status).toBe('pending');
    expect(Object.keys(pending).at(-1)).toBe('approval_status');
    const approved = toRegistrationResponse(client({ approvalStatus: 'approved' }), {}, ENDPOINT);
    expect(approved).not.toHaveProperty('approval_status');
  });

  it('does not modify the stored metadata', () => {
    const metadata: ClientMetadata = { ...MINIMAL_METADATA, client_name: 'x' };
    const snapshot = structuredClone(metadata);
    toRegistrationResponse(client({ metadata }), { clientSecret: 's' }, ENDPOINT);
    expect(metadata).toEqual(snapshot);
  });
});
