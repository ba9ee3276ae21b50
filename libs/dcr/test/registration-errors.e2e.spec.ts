import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { postRegistration, publicClient } from './support/registration-requests.js';

let t: DcrTestApp;

beforeAll(async () => {
  t = await createDcrTestApp();
});

afterAll(async () => {
  await t.close();
});

const register = (body: unknown) => postRegistration(t.server, body);

describe('POST /register: errors (RFC 7591 §3.2.2)', () => {
  const cases: [string, unknown, string, RegExp, string | undefined][] = [
    [
      'http redirect on a non-loopback host',
      { ...publicClient, redirect_uris: ['http://app.example.com/cb'] },
      'invalid_redirect_uri',
      /redirect_uris\[0\].*loopback/,
      '/redirect_uris/0',
    ],
    [
      'a redirect URI with a fragment',
      { ...publicClient, redirect_uris: ['https://a.example/cb#x'] },
      'invalid_redirect_uri',
      /redirect_uris\[0\].*fragment/,
      '/redirect_uris/0',
    ],
    [
      'a relative redirect URI',
      { ...publicClient, redirect_uris: ['/callback'] },
      'invalid_redirect_uri',
      /redirect_uris\[0\].*absolute/,
      '/redirect_uris/0',
    ],
    [
      'a javascript: redirect URI',
      { ...publicClient, redirect_uris: ['javascript:alert(1)'] },
      'invalid_redirect_uri',
      /redirect_uris\[0\]: scheme 'javascript' is never allowed/,
      '/redirect_uris/0',
    ],
    [
      'no redirect URI for authorization_code',
      { client_name: 'x' },
      'invalid_redirect_uri',
      /redirect_uris is required/,
      '/redirect_uris',
    ],
    [
      'redirect_uris that is not an array',
      { ...publicClient, redirect_uris: 'https://a.example/cb' },
      'invalid_redirect_uri',
      /redirect_uris/,
      '/redirect_uris',
    ],
    [
      'both jwks and jwks_uri',
      { ...publicClient, jwks: { keys: [] }, jwks_uri: 'https://a.example/jwks' },
      'invalid_client_metadata',
      /jwks and jwks_uri/,
      '/jwks_uri',
    ],
    [
      'an unknown token_endpoint_auth_method',
      { ...publicClient, token_endpoint_auth_method: 'magic' },
      'invalid_client_metadata',
      /token_endpoint_auth_method/,
      '/token_endpoint_auth_method',
    ],
    [
      'code without authorization_code',
      { ...publicClient, grant_types: ['refresh_token'], response_types: ['code'] },
      'invalid_client_metadata',
      /authorization_code/,
      '/grant_types',
    ],
    [
      'authorization_code without code',
      { ...publicClient, grant_types: ['authorization_code'], response_types: ['token'] },
      'invalid_client_metadata',
      /response_types/,
      '/response_types',
    ],
    [
      // An HMAC keyed with the plaintext secret, which is stored only as a digest: unverifiable.
      'client_secret_jwt',
      { ...publicClient, token_endpoint_auth_method: 'client_secret_jwt' },
      'invalid_client_metadata',
      /token_endpoint_auth_method: 'client_secret_jwt' is not supported/,
      '/token_endpoint_auth_method',
    ],
    [
      'an unsupported grant type',
      { ...publicClient, grant_types: ['password'] },
      'invalid_client_metadata',
      /grant_types: none of 'password' is supported/,
      '/grant_types',
    ],
    [
      'contacts that is not an array of strings',
      { ...publicClient, contacts: [1, 2] },
      'invalid_client_metadata',
      /contacts/,
      '/contacts',
    ],
    [
      'a scope with a double space',
      { ...publicClient, scope: 'a  b' },
      'invalid_client_metadata',
      /scope/,
      '/scope',
    ],
    [
      'a scope with a quote',
      { ...publicClient, scope: 'a"b' },
      'invalid_client_metadata',
      /scope/,
      '/scope',
    ],
    [
      'a relative client_uri',
      { ...publicClient, client_uri: 'example.com' },
      'invalid_client_metadata',
      /client_uri/,
      '/client_uri',
    ],
    [
      'a javascript: logo_uri',
      { ...publicClient, logo_uri: 'javascript:alert(1)' },
      'invalid_client_metadata',
      /logo_uri/,
      '/logo_uri',
    ],
    [
      'a number as client_name',
      { ...publicClient, client_name: 42 },
      'invalid_client_metadata',
      /client_name/,
      '/client_name',
    ],
    [
      'jwks without keys',
      { ...publicClient, jwks: { foo: 1 } },
      'invalid_client_metadata',
      /jwks/,
      '/jwks',
    ],
    [
      'a private key in jwks',
      { ...publicClient, jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } },
      'invalid_client_metadata',
      /jwks\.keys\[0\]/,
      '/jwks/keys/0/k',
    ],
    [
      'an ill-formed language tag',
      { ...publicClient, 'client_name#not_a_tag!': 'x' },
      'invalid_client_metadata',
      /client_name#not_a_tag!/,
      '/client_name#not_a_tag!',
    ],
    [
      'a tagged URI that is not a URL',
      { ...publicClient, 'tos_uri#fr': 'conditions' },
      'invalid_client_metadata',
      /tos_uri#fr/,
      '/tos_uri#fr',
    ],
    [
      'client_credentials for a public client',
      { grant_types: ['client_credentials'], token_endpoint_auth_method: 'none' },
      'invalid_client_metadata',
      /client_credentials/,
      '/token_endpoint_auth_method',
    ],
    [
      'private_key_jwt without keys',
      { ...publicClient, token_endpoint_auth_method: 'private_key_jwt' },
      'invalid_client_metadata',
      /private_key_jwt/,
      '/token_endpoint_auth_method',
    ],
    [
      'a software statement that is not a JWT',
      { ...publicClient, software_statement: 'not-a-jwt' },
      'invalid_software_statement',
      /software_statement/,
      '/software_statement',
    ],
    ['a body that is an array', [publicClient], 'invalid_client_metadata', /JSON object/, ''],
  ];

  it.each(cases)(
    'rejects %s, naming the field, writing nothing',
    async (_name, body, error, description, field) => {
      const before = await t.countClients();
      const response = await register(body);

      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({
        error,
        error_description: expect.stringMatching(description),
        ...(field === undefined ? {} : { field }),
      });
      expect(await t.countClients()).toBe(before);
    },
  );

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
