import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createDcrTestApp, TEST_ISSUER, type DcrTestApp } from './support/dcr-test-app.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Bits of randomness in a base64url string without padding. */
const bitsOf = (value: string) => value.length * 6;

const publicClient = {
  client_name: 'Example Agent',
  redirect_uris: ['http://127.0.0.1:33418/callback'],
  token_endpoint_auth_method: 'none',
};

let t: DcrTestApp;

beforeAll(async () => {
  t = await createDcrTestApp();
});

afterAll(async () => {
  await t.close();
});

const register = (body: unknown) =>
  request(t.server)
    .post('/register')
    .send(body as object);

describe('POST /register: success (RFC 7591 §3.2.1)', () => {
  it('answers 201 with JSON, Cache-Control: no-store and Pragma: no-cache', async () => {
    const response = await register(publicClient);

    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['pragma']).toBe('no-cache');
  });

  it('issues an unguessable client_id, the issue time, a registration token and URI', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { body } = await register(publicClient).expect(201);
    const after = Math.ceil(Date.now() / 1000);

    expect(body.client_id).toMatch(BASE64URL);
    expect(bitsOf(body.client_id)).toBeGreaterThanOrEqual(128);
    expect(body.client_id_issued_at).toBeGreaterThanOrEqual(before);
    expect(body.client_id_issued_at).toBeLessThanOrEqual(after);
    expect(Number.isInteger(body.client_id_issued_at)).toBe(true);
    expect(body.registration_access_token).toMatch(BASE64URL);
    expect(bitsOf(body.registration_access_token)).toBeGreaterThanOrEqual(256);
    expect(body.registration_client_uri).toBe(`${TEST_ISSUER}/register/${body.client_id}`);
  });

  it('gives a public client (none) no secret and echoes its metadata with defaults', async () => {
    const { body } = await register(publicClient).expect(201);

    expect(body).not.toHaveProperty('client_secret');
    expect(body).not.toHaveProperty('client_secret_expires_at');
    expect(body).toMatchObject({
      client_name: 'Example Agent',
      redirect_uris: ['http://127.0.0.1:33418/callback'],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    });
  });

  it('defaults to client_secret_basic and issues a 256-bit secret that never expires', async () => {
    const { body } = await register({ redirect_uris: ['https://app.example.com/cb'] }).expect(201);

    expect(body.token_endpoint_auth_method).toBe('client_secret_basic');
    expect(body.grant_types).toEqual(['authorization_code']);
    expect(body.response_types).toEqual(['code']);
    expect(body.client_secret).toMatch(BASE64URL);
    expect(bitsOf(body.client_secret)).toBeGreaterThanOrEqual(256);
    expect(body.client_secret_expires_at).toBe(0);
  });

  it.each(['client_secret_basic', 'client_secret_post'])(
    'issues a secret for %s',
    async (method) => {
      const { body } = await register({
        redirect_uris: ['https://app.example.com/cb'],
        token_endpoint_auth_method: method,
      }).expect(201);
      expect(typeof body.client_secret).toBe('string');
      expect(body.client_secret_expires_at).toBe(0);
    },
  );

  it('issues no secret for private_key_jwt, whose credential is its own key', async () => {
    const { body } = await register({
      redirect_uris: ['https://app.example.com/cb'],
      token_endpoint_auth_method: 'private_key_jwt',
      jwks_uri: 'https://app.example.com/jwks.json',
    }).expect(201);
    expect(body).not.toHaveProperty('client_secret');
    expect(body.jwks_uri).toBe('https://app.example.com/jwks.json');
  });

  it('echoes every registered metadata field of the seed interface', async () => {
    const metadata = {
      redirect_uris: ['https://app.example.com/cb', 'http://[::1]:8080/cb'],
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      client_name: 'Full Client',
      client_uri: 'https://app.example.com',
      logo_uri: 'https://app.example.com/logo.png',
      scope: 'openid profile email',
      contacts: ['ops@example.com', 'security@example.com'],
      tos_uri: 'https://app.example.com/tos',
      policy_uri: 'https://app.example.com/privacy',
      jwks: {
        keys: [
          {
            kty: 'EC',
            crv: 'P-256',
            x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
            y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
          },
        ],
      },
      software_id: 'b1d9c4e2-agent',
      software_version: '2.1.0',
    };
    const { body } = await register(metadata).expect(201);
    expect(body).toMatchObject(metadata);
  });

  it('applies the configured order: server-issued values first, then metadata', async () => {
    const { body } = await register({ ...publicClient, scope: 'read' }).expect(201);
    expect(Object.keys(body)).toEqual([
      'client_id',
      'client_id_issued_at',
      'registration_access_token',
      'registration_client_uri',
      'redirect_uris',
      'token_endpoint_auth_method',
      'grant_types',
      'response_types',
      'client_name',
      'scope',
    ]);
  });

  it('derives response_types from grant_types for a client_credentials client', async () => {
    const { body } = await register({ grant_types: ['client_credentials'] }).expect(201);
    expect(body.grant_types).toEqual(['client_credentials']);
    expect(body.response_types).toEqual([]);
    expect(body.redirect_uris).toEqual([]);
    expect(typeof body.client_secret).toBe('string');
  });

  it('accepts a private-use reverse-domain scheme for native apps (RFC 8252 §7.1)', async () => {
    const { body } = await register({
      ...publicClient,
      redirect_uris: ['com.example.agent:/oauth/callback'],
    }).expect(201);
    expect(body.redirect_uris).toEqual(['com.example.agent:/oauth/callback']);
  });

  it('replaces values only the server may set', async () => {
    const { body } = await register({
      ...publicClient,
      client_id: 'chosen-by-client',
      client_secret: 'chosen-secret',
      client_secret_expires_at: 42,
      client_id_issued_at: 1,
      registration_access_token: 'chosen-token',
      registration_client_uri: 'https://evil.example/x',
    }).expect(201);

    expect(body.client_id).not.toBe('chosen-by-client');
    expect(body).not.toHaveProperty('client_secret');
    expect(body).not.toHaveProperty('client_secret_expires_at');
    expect(body.client_id_issued_at).toBeGreaterThan(1);
    expect(body.registration_access_token).not.toBe('chosen-token');
    expect(body.registration_client_uri).toBe(`${TEST_ISSUER}/register/${body.client_id}`);
  });

  it('ignores metadata it does not understand: neither stored nor echoed', async () => {
    const { body } = await register({
      ...publicClient,
      favourite_colour: 'blue',
      'scope#fr': 'lire',
      nested: { deep: true },
    }).expect(201);

    expect(body).not.toHaveProperty('favourite_colour');
    expect(body).not.toHaveProperty('scope#fr');
    expect(body).not.toHaveProperty('nested');
    const [row] = await t.schema.query<{ metadata: Record<string, unknown> }>(
      'SELECT metadata FROM dcr_client WHERE client_id = $1',
      [body.client_id],
    );
    expect(row?.metadata).not.toHaveProperty('favourite_colour');
    expect(row?.metadata).not.toHaveProperty('scope#fr');
    expect(row?.metadata).not.toHaveProperty('nested');
  });

  it('stores and echoes language-tagged human-readable fields (RFC 7591 §2.2)', async () => {
    const tagged = {
      'client_name#ja-Jpan-JP': 'クライアント名',
      'client_name#fr': 'Agent exemple',
      'client_uri#fr': 'https://app.example.com/fr',
      'logo_uri#de': 'https://app.example.com/logo-de.png',
      'tos_uri#en-GB': 'https://app.example.com/tos-gb',
      'policy_uri#zh-Hant-TW': 'https://app.example.com/privacy-tw',
    };
    const { body } = await register({ ...publicClient, ...tagged }).expect(201);

    expect(body).toMatchObject(tagged);
    const [row] = await t.schema.query<{ metadata: Record<string, unknown> }>(
      'SELECT metadata FROM dcr_client WHERE client_id = $1',
      [body.client_id],
    );
    expect(row?.metadata).toMatchObject(tagged);
  });

  it('does no harm with __proto__ and constructor keys', async () => {
    const raw = `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"client_name":"p","redirect_uris":["https://a.example/cb"],"token_endpoint_auth_method":"none"}`;
    const response = await request(t.server)
      .post('/register')
      .set('content-type', 'application/json')
      .send(raw);

    // Fastify's parser refuses prototype keys (400); either way nothing is polluted.
    expect([201, 400]).toContain(response.status);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(response.body).not.toHaveProperty('polluted');
  });

  it('stores credentials only as SHA-256 digests', async () => {
    const { body } = await register({ redirect_uris: ['https://app.example.com/cb'] }).expect(201);
    const [row] = await t.schema.query<Record<string, unknown>>(
      'SELECT * FROM dcr_client WHERE client_id = $1',
      [body.client_id],
    );
    const sha256 = (value: string) => createHash('sha256').update(value).digest();

    expect(row?.client_secret_digest).toEqual(sha256(body.client_secret));
    expect(row?.registration_token_digest).toEqual(sha256(body.registration_access_token));
    const dump = JSON.stringify(row);
    expect(dump).not.toContain(body.client_secret);
    expect(dump).not.toContain(body.registration_access_token);
  });

  it('issues distinct identifiers and tokens for concurrent registrations', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => register(publicClient).expect(201)),
    );
    const ids = new Set(responses.map((r) => r.body.client_id));
    const tokens = new Set(responses.map((r) => r.body.registration_access_token));
    expect(ids.size).toBe(20);
    expect(tokens.size).toBe(20);
  });
});

describe('POST /register: errors (RFC 7591 §3.2.2)', () => {
  const cases: [string, unknown, string, RegExp][] = [
    [
      'http redirect on a non-loopback host',
      { ...publicClient, redirect_uris: ['http://app.example.com/cb'] },
      'invalid_redirect_uri',
      /redirect_uris\[0\].*loopback/,
    ],
    [
      'a redirect URI with a fragment',
      { ...publicClient, redirect_uris: ['https://a.example/cb#x'] },
      'invalid_redirect_uri',
      /redirect_uris\[0\].*fragment/,
    ],
    [
      'a relative redirect URI',
      { ...publicClient, redirect_uris: ['/callback'] },
      'invalid_redirect_uri',
      /redirect_uris\[0\].*absolute/,
    ],
    [
      'a javascript: redirect URI',
      { ...publicClient, redirect_uris: ['javascript:alert(1)'] },
      'invalid_redirect_uri',
      /redirect_uris\[0\].*scheme/,
    ],
    [
      'no redirect URI for authorization_code',
      { client_name: 'x' },
      'invalid_redirect_uri',
      /redirect_uris is required/,
    ],
    [
      'redirect_uris that is not an array',
      { ...publicClient, redirect_uris: 'https://a.example/cb' },
      'invalid_redirect_uri',
      /redirect_uris/,
    ],
    [
      'both jwks and jwks_uri',
      { ...publicClient, jwks: { keys: [] }, jwks_uri: 'https://a.example/jwks' },
      'invalid_client_metadata',
      /jwks and jwks_uri/,
    ],
    [
      'an unknown token_endpoint_auth_method',
      { ...publicClient, token_endpoint_auth_method: 'magic' },
      'invalid_client_metadata',
      /token_endpoint_auth_method/,
    ],
    [
      'code without authorization_code',
      { ...publicClient, grant_types: ['refresh_token'], response_types: ['code'] },
      'invalid_client_metadata',
      /authorization_code/,
    ],
    [
      'authorization_code without code',
      { ...publicClient, grant_types: ['authorization_code'], response_types: ['token'] },
      'invalid_client_metadata',
      /response_types/,
    ],
    [
      // An HMAC keyed with the plaintext secret, which is stored only as a digest: unverifiable.
      'client_secret_jwt',
      { ...publicClient, token_endpoint_auth_method: 'client_secret_jwt' },
      'invalid_client_metadata',
      /token_endpoint_auth_method: 'client_secret_jwt' is not supported/,
    ],
    [
      'an unsupported grant type',
      { ...publicClient, grant_types: ['password'] },
      'invalid_client_metadata',
      /grant_types: 'password' is not supported/,
    ],
    [
      'contacts that is not an array of strings',
      { ...publicClient, contacts: [1, 2] },
      'invalid_client_metadata',
      /contacts/,
    ],
    [
      'a scope with a double space',
      { ...publicClient, scope: 'a  b' },
      'invalid_client_metadata',
      /scope/,
    ],
    ['a scope with a quote', { ...publicClient, scope: 'a"b' }, 'invalid_client_metadata', /scope/],
    [
      'a relative client_uri',
      { ...publicClient, client_uri: 'example.com' },
      'invalid_client_metadata',
      /client_uri/,
    ],
    [
      'a javascript: logo_uri',
      { ...publicClient, logo_uri: 'javascript:alert(1)' },
      'invalid_client_metadata',
      /logo_uri/,
    ],
    [
      'a number as client_name',
      { ...publicClient, client_name: 42 },
      'invalid_client_metadata',
      /client_name/,
    ],
    ['jwks without keys', { ...publicClient, jwks: { foo: 1 } }, 'invalid_client_metadata', /jwks/],
    [
      'a private key in jwks',
      { ...publicClient, jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } },
      'invalid_client_metadata',
      /jwks\.keys\[0\]/,
    ],
    [
      'an ill-formed language tag',
      { ...publicClient, 'client_name#not_a_tag!': 'x' },
      'invalid_client_metadata',
      /client_name#not_a_tag!/,
    ],
    [
      'a tagged URI that is not a URL',
      { ...publicClient, 'tos_uri#fr': 'conditions' },
      'invalid_client_metadata',
      /tos_uri#fr/,
    ],
    [
      'client_credentials for a public client',
      { grant_types: ['client_credentials'], token_endpoint_auth_method: 'none' },
      'invalid_client_metadata',
      /client_credentials/,
    ],
    [
      'private_key_jwt without keys',
      { ...publicClient, token_endpoint_auth_method: 'private_key_jwt' },
      'invalid_client_metadata',
      /private_key_jwt/,
    ],
    [
      'a software statement that is not a JWT',
      { ...publicClient, software_statement: 'not-a-jwt' },
      'invalid_software_statement',
      /software_statement/,
    ],
    ['a body that is an array', [publicClient], 'invalid_client_metadata', /JSON object/],
  ];

  it.each(cases)('rejects %s, writing nothing', async (_name, body, error, description) => {
    const before = await t.countClients();
    const response = await register(body);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({ error, error_description: expect.stringMatching(description) });
    expect(await t.countClients()).toBe(before);
  });

  it('refuses a well-formed software statement while no issuer is trusted', async () => {
    // header {"alg":"HS256","typ":"JWT"}, payload {"software_id":"x"}, any signature
    const statement =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzb2Z0d2FyZV9pZCI6IngifQ.c2lnbmF0dXJlLWJ5dGVz';
    const response = await register({ ...publicClient, software_statement: statement });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('unapproved_software_statement');
  });

  it('answers malformed JSON with 400 invalid_client_metadata', async () => {
    const response = await request(t.server)
      .post('/register')
      .set('content-type', 'application/json')
      .send('{"redirect_uris": [');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'invalid_client_metadata',
      error_description: expect.stringMatching(/JSON/),
    });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded'])(
    'answers Content-Type %s with 400 invalid_client_metadata',
    async (contentType) => {
      const response = await request(t.server)
        .post('/register')
        .set('content-type', contentType)
        .send('client_name=x');
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('invalid_client_metadata');
      expect(response.body.error_description).toMatch(/Content-Type/);
    },
  );

  it('answers a body over 64 KiB with 413 and a JSON error', async () => {
    const before = await t.countClients();
    const response = await register({ ...publicClient, client_name: 'x'.repeat(70 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      error: 'invalid_client_metadata',
      error_description: expect.any(String),
    });
    expect(await t.countClients()).toBe(before);
  });
});
