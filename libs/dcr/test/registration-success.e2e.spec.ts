import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createDcrTestApp, TEST_ISSUER, type DcrTestApp } from './support/dcr-test-app.js';
import { postRegistration, publicClient } from './support/registration-requests.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Bits of randomness in a base64url string without padding. */
const bitsOf = (value: string) => value.length * 6;

let t: DcrTestApp;

beforeAll(async () => {
  t = await createDcrTestApp();
});

afterAll(async () => {
  await t.close();
});

const register = (body: unknown) => postRegistration(t.server, body);

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

  it('ignores a Client ID Metadata Document URL sent as client_id, like any server-chosen value', async () => {
    const url = 'https://client.example/oauth/client-metadata.json';
    const { body } = await register({ ...publicClient, client_id: url }).expect(201);

    // draft-ietf-oauth-client-id-metadata-document section 7.1: issued ids never start with https://
    expect(body.client_id).not.toBe(url);
    expect(body.client_id).toMatch(BASE64URL);
    expect(body.client_id.startsWith('https://')).toBe(false);
    expect(body.registration_client_uri).toBe(`${TEST_ISSUER}/register/${body.client_id}`);
    const stored = await t.schema.query('SELECT client_id FROM dcr_client WHERE client_id = $1', [
      url,
    ]);
    expect(stored).toEqual([]);
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
