import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { findUriHostMismatches } from '../src/index.js';
import { pathOf, type Registered } from './support/client-configuration-requests.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { startHttpFixture, type FixtureServer } from './support/outbound-fixtures.js';
import { postRegistration, publicClient } from './support/registration-requests.js';

// OpenID Connect Registration 1.0 §2 members over HTTP, on the real PostgreSQL server: stored,
// echoed in RFC 7591 §3.2.1 responses and RFC 7592 reads, and refused with the field named.

let t: DcrTestApp;
// Serves the sector identifier document (OpenID Connect Registration 1.0 §5), which registration
// fetches; plain http to loopback with the fetcher's test switch.
let sector: FixtureServer;
const REDIRECT_URIS = ['https://app.example.com/cb', 'http://127.0.0.1/cb'];

beforeAll(async () => {
  sector = await startHttpFixture((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(REDIRECT_URIS));
  });
  OIDC_MEMBERS.sector_identifier_uri = `http://127.0.0.1:${sector.port}/sector.json`;
  t = await createDcrTestApp({ dcr: { outbound: { allowLoopbackHttp: true } } });
});

afterAll(async () => {
  await t.close();
  await sector.close();
});

const register = (body: unknown) => postRegistration(t.server, body);

const KEYS = {
  keys: [
    {
      kty: 'EC',
      crv: 'P-256',
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
    },
  ],
};

const OIDC_MEMBERS = {
  application_type: 'native',
  sector_identifier_uri: 'set once the sector document is served',
  subject_type: 'pairwise',
  id_token_signed_response_alg: 'ES256',
  id_token_encrypted_response_alg: 'ECDH-ES',
  id_token_encrypted_response_enc: 'A256GCM',
  userinfo_signed_response_alg: 'RS256',
  userinfo_encrypted_response_alg: 'RSA-OAEP-256',
  userinfo_encrypted_response_enc: 'A128CBC-HS256',
  request_object_signing_alg: 'ES256',
  request_object_encryption_alg: 'RSA-OAEP',
  request_object_encryption_enc: 'A128GCM',
  token_endpoint_auth_signing_alg: 'ES256',
  default_max_age: 600,
  require_auth_time: true,
  default_acr_values: ['phr', 'urn:mace:incommon:iap:silver'],
  initiate_login_uri: 'https://app.example.com/login',
  request_uris: ['https://app.example.com/request.jwt#cbbd9e5f'],
  post_logout_redirect_uris: ['https://app.example.com/bye', 'com.example.app:/bye'],
};

describe('OpenID Connect Registration 1.0 metadata', () => {
  it('stores every member and echoes it, after the RFC 7591 fields, on POST and GET', async () => {
    const response = await register({
      redirect_uris: REDIRECT_URIS,
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: KEYS,
      ...OIDC_MEMBERS,
    }).expect(201);
    const body = response.body as Registered & Record<string, unknown>;
    expect(body).toMatchObject(OIDC_MEMBERS);
    const keys = Object.keys(body);
    expect(keys.indexOf('jwks')).toBeLessThan(keys.indexOf('application_type'));
    expect(keys.slice(-Object.keys(OIDC_MEMBERS).length)).toEqual(Object.keys(OIDC_MEMBERS));

    const read = await request(t.server)
      .get(pathOf(body))
      .set('authorization', `Bearer ${body.registration_access_token}`)
      .expect(200);
    expect(read.body).toMatchObject(OIDC_MEMBERS);
  });

  it('adds no member the client did not send', async () => {
    const { body } = await register(publicClient).expect(201);
    for (const member of Object.keys(OIDC_MEMBERS)) expect(body).not.toHaveProperty(member);
  });

  it.each([
    [
      'an HS256 ID token',
      { id_token_signed_response_alg: 'HS256' },
      /keyed with the client secret/,
      '/id_token_signed_response_alg',
    ],
    [
      'none for client authentication',
      { token_endpoint_auth_signing_alg: 'none' },
      /unsigned JWT/,
      '/token_endpoint_auth_signing_alg',
    ],
    [
      'a symmetric encryption',
      { userinfo_encrypted_response_alg: 'dir' },
      /keyed with the client secret/,
      '/userinfo_encrypted_response_alg',
    ],
    [
      'an enc without its alg',
      { id_token_encrypted_response_enc: 'A128GCM' },
      /needs id_token_encrypted_response_alg/,
      '/id_token_encrypted_response_enc',
    ],
    [
      'encryption without client keys',
      { id_token_encrypted_response_alg: 'RSA-OAEP' },
      /uses the client's public keys/,
      '/id_token_encrypted_response_alg',
    ],
    [
      'an unknown application_type',
      { application_type: 'browser' },
      /application_type must be one of/,
      '/application_type',
    ],
    [
      'an unknown subject_type',
      { subject_type: 'secret' },
      /subject_type must be one of/,
      '/subject_type',
    ],
    [
      'a negative default_max_age',
      { default_max_age: -1 },
      /default_max_age must not be less than 0/,
      '/default_max_age',
    ],
    [
      'a string require_auth_time',
      { require_auth_time: 'yes' },
      /require_auth_time must be a boolean/,
      '/require_auth_time',
    ],
    [
      'an http sector_identifier_uri',
      { sector_identifier_uri: 'http://app.example.com/s.json' },
      /^sector_identifier_uri: must be an absolute https URL/,
      '/sector_identifier_uri',
    ],
    [
      'an http initiate_login_uri',
      { initiate_login_uri: 'http://127.0.0.1/login' },
      /^initiate_login_uri: must be an absolute https URL/,
      '/initiate_login_uri',
    ],
    [
      'an http request_uri',
      { request_uris: ['https://a.example/r', 'http://a.example/r'] },
      /^request_uris\[1\]: must be an absolute https URL/,
      '/request_uris/1',
    ],
    [
      'a javascript: post-logout URI',
      { post_logout_redirect_uris: ['javascript:alert(1)'] },
      /^post_logout_redirect_uris\[0\]: scheme 'javascript' is never allowed/,
      '/post_logout_redirect_uris/0',
    ],
    [
      'pairwise over several hosts without a sector',
      { subject_type: 'pairwise', redirect_uris: ['https://a.example/cb', 'https://b.example/cb'] },
      /^sector_identifier_uri: required for pairwise/,
      '/sector_identifier_uri',
    ],
  ])('refuses %s, naming the field', async (_label, members, description, field) => {
    const before = await t.countClients();
    const response = await register({ ...publicClient, ...members }).expect(400);
    expect(response.body).toEqual({
      error: 'invalid_client_metadata',
      error_description: expect.stringMatching(description),
      field,
    });
    expect(await t.countClients()).toBe(before);
  });
});

describe('page URIs on another host (RFC 7591 §5), flagged by default', () => {
  it('registers the client, and the mismatch is computed from what was stored', async () => {
    const { body } = await register({
      ...publicClient,
      redirect_uris: ['https://app.example.com/cb'],
      client_uri: 'https://app.example.com/',
      logo_uri: 'https://cdn.example.net/logo.png',
    }).expect(201);
    const [row] = await t.schema.query<{ metadata: Record<string, unknown> }>(
      'SELECT metadata FROM dcr_client WHERE client_id = $1',
      [body.client_id],
    );
    expect(findUriHostMismatches(row.metadata)).toEqual([
      { field: '/logo_uri', host: 'cdn.example.net' },
    ]);
  });
});
