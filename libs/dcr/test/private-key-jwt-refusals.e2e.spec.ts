import { generateKeyPairSync, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ClientAuthenticationService, JWT_BEARER_CLIENT_ASSERTION_TYPE } from '../src/index.js';
import {
  assertionBody,
  assertionClaims,
  hmacJwt,
  publicKeyBytes,
  sign,
  signingKey,
  startJwksFixture,
  unsecuredJwt,
  type JwksFixture,
  type SigningKey,
} from './support/client-assertions.js';
import { createDcrTestApp, TEST_ISSUER, type DcrTestApp } from './support/dcr-test-app.js';
import {
  expectInvalidClient,
  registerClient,
  registerKeyClient,
  type RegisteredTestClient,
} from './support/private-key-jwt-clients.js';

// RFC 7523 §3 and RFC 7521 §4.2.1: every assertion that fails a check is invalid_client, 401,
// with one description that does not say which check failed.
let t: DcrTestApp;
let auth: ClientAuthenticationService;
let jwks: JwksFixture;
let key: SigningKey;
// Another RSA key that claims the registered key's kid, and one with a kid of its own.
let impostor: SigningKey;
let stranger: SigningKey;
let client: RegisteredTestClient;

beforeAll(async () => {
  jwks = await startJwksFixture();
  t = await createDcrTestApp({ dcr: { outbound: { allowLoopbackHttp: true } } });
  auth = t.app.get(ClientAuthenticationService);
  // RSA keys are made once, up front: their generation is slow on a loaded machine.
  key = await signingKey('RS256');
  impostor = await signingKey('RS256', { kid: key.kid });
  stranger = await signingKey('RS256');
  client = await registerKeyClient(t, { jwks: { keys: [key.publicJwk] } });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await jwks?.close();
});

const now = () => Math.floor(Date.now() / 1000);
const claims = (overrides: Record<string, unknown> = {}) =>
  assertionClaims(client.client_id, TEST_ISSUER, overrides);
const present = (assertion: string, extra: Record<string, unknown> = {}) =>
  auth.authenticate({ body: assertionBody(assertion, extra) });

describe('private_key_jwt refusals: claims (RFC 7523 §3)', () => {
  it('accepts the baseline assertion the refusals below each break once', async () => {
    expect((await present(await sign(key, claims()))).clientId).toBe(client.client_id);
  });

  // Functions, so that the times are taken when each test runs.
  it.each<[string, () => Record<string, unknown>]>([
    ['a wrong aud', () => ({ aud: 'https://other.example' })],
    [
      'an aud list without this server',
      () => ({ aud: ['https://a.example', 'https://b.example'] }),
    ],
    ['the registration endpoint as aud', () => ({ aud: `${TEST_ISSUER}/register` })],
    ['no aud', () => ({ aud: undefined })],
    ['no exp', () => ({ exp: undefined })],
    ['an exp past the tolerance', () => ({ exp: now() - 31, iat: now() - 120 })],
    ['an exp an hour ahead', () => ({ exp: now() + 3600 })],
    ['an exp just past the 300 s bound and 30 s tolerance', () => ({ exp: now() + 300 + 30 + 5 })],
    ['a string exp', () => ({ exp: `${now() + 60}` })],
    ['an nbf in the future', () => ({ nbf: now() + 120 })],
    ['an iat in the future', () => ({ iat: now() + 120 })],
    ['a wrong iss', () => ({ iss: 'someone-else' })],
    ['no iss', () => ({ iss: undefined })],
    ['no jti', () => ({ jti: undefined })],
    ['an empty jti', () => ({ jti: '' })],
    ['a numeric jti', () => ({ jti: 42 })],
  ])('%s', async (_label, overrides) => {
    await expectInvalidClient(present(await sign(key, claims(overrides()))));
  });

  it('accepts an exp at the bound: 300 s plus the tolerance', async () => {
    expect((await present(await sign(key, claims({ exp: now() + 300 + 25 })))).clientId).toBe(
      client.client_id,
    );
  });

  it('a sub naming another client, signed with this client key', async () => {
    const other = await registerKeyClient(t, {
      jwks: { keys: [(await signingKey('ES256')).publicJwk] },
    });
    const forged = await sign(key, {
      ...claims(),
      iss: other.client_id,
      sub: other.client_id,
    });
    await expectInvalidClient(present(forged));
  });

  it('iss differing from sub, even when both are registered clients', async () => {
    const other = await registerKeyClient(t, { jwks: { keys: [key.publicJwk] } });
    await expectInvalidClient(present(await sign(key, claims({ iss: other.client_id }))));
  });

  it('a body client_id naming another client (RFC 7521 §4.2)', async () => {
    await expectInvalidClient(
      present(await sign(key, claims()), { client_id: `${client.client_id.slice(1)}A` }),
      'client_id differs from the sub of the client_assertion (RFC 7521 §4.2)',
    );
  });
});

describe('private_key_jwt refusals: signatures and algorithms', () => {
  it('a signature by another key that claims the registered kid', async () => {
    await expectInvalidClient(present(await sign(impostor, claims())));
  });

  it('a kid the registered jwks does not have', async () => {
    await expectInvalidClient(present(await sign(stranger, claims())));
  });

  it('a tampered payload', async () => {
    const [header, , signature] = (await sign(key, claims())).split('.');
    const payload = Buffer.from(JSON.stringify(claims({ exp: now() + 120 }))).toString('base64url');
    await expectInvalidClient(present(`${header}.${payload}.${signature}`));
  });

  it('HS256 keyed with the registered public key (algorithm confusion)', async () => {
    await expectInvalidClient(present(await hmacJwt(claims(), await publicKeyBytes(key), key.kid)));
    const jwkBytes = new TextEncoder().encode(JSON.stringify(key.publicJwk));
    await expectInvalidClient(present(await hmacJwt(claims(), jwkBytes, key.kid)));
  });

  it('HS256 keyed with anything else', async () => {
    await expectInvalidClient(present(await hmacJwt(claims(), new Uint8Array(32).fill(7))));
  });

  it('alg none, with and without a kid', async () => {
    await expectInvalidClient(present(unsecuredJwt(claims(), key.kid)));
    await expectInvalidClient(present(unsecuredJwt(claims())));
  });

  it('an algorithm the key does not fit: PS256 header over an RS256 signature', async () => {
    const [, payload, signature] = (await sign(key, claims())).split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'PS256', kid: key.kid })).toString(
      'base64url',
    );
    await expectInvalidClient(present(`${header}.${payload}.${signature}`));
  });

  it('an RSA key shorter than 2048 bits, with a valid signature', async () => {
    // jose does not make such keys: node:crypto makes and signs with one.
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const weakJwk = { ...publicKey.export({ format: 'jwk' }), kid: 'weak', use: 'sig' };
    const weakClient = await registerKeyClient(t, { jwks: { keys: [weakJwk] } });
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${part({ alg: 'RS256', kid: 'weak' })}.${part(assertionClaims(weakClient.client_id, TEST_ISSUER))}`;
    const signature = cryptoSign('sha256', Buffer.from(input), privateKey).toString('base64url');
    expect(
      cryptoVerify('sha256', Buffer.from(input), publicKey, Buffer.from(signature, 'base64url')),
    ).toBe(true);
    await expectInvalidClient(present(`${input}.${signature}`));
  });
});

describe('private_key_jwt refusals: the client and its method', () => {
  it('an assertion for a client registered with another method, whatever it is signed with', async () => {
    for (const method of ['client_secret_basic', 'client_secret_post', 'none']) {
      const other = await registerClient(t, {
        token_endpoint_auth_method: method,
        // Keys registered next to another method are never used to authenticate.
        jwks: { keys: [key.publicJwk] },
      });
      await expectInvalidClient(
        present(await sign(key, assertionClaims(other.client_id, TEST_ISSUER))),
      );
    }
  });

  it('a private_key_jwt client presenting a secret, Basic or nothing', async () => {
    await expectInvalidClient(
      auth.authenticate({ body: { client_id: client.client_id, client_secret: 'anything' } }),
    );
    const error = await auth
      .authenticate({
        authorization: `Basic ${Buffer.from(`${client.client_id}:anything`).toString('base64')}`,
      })
      .catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ error: 'invalid_client', status: 401 });
    await expectInvalidClient(auth.authenticate({ body: { client_id: client.client_id } }));
  });

  it('a wrong or missing client_assertion_type', async () => {
    const assertion = await sign(key, claims());
    const description = `client_assertion_type must be ${JWT_BEARER_CLIENT_ASSERTION_TYPE} (RFC 7523 §2.2)`;
    await expectInvalidClient(
      present(assertion, {
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer',
      }),
      description,
    );
    await expectInvalidClient(
      auth.authenticate({ body: { client_assertion: assertion } }),
      description,
    );
  });

  it('an assertion next to a client_secret or Basic is invalid_request (RFC 6749 §5.2)', async () => {
    const assertion = await sign(key, claims());
    for (const attempt of [
      present(assertion, { client_secret: 'x' }),
      auth.authenticate({
        authorization: `Basic ${Buffer.from(`${client.client_id}:x`).toString('base64')}`,
        body: assertionBody(assertion),
      }),
    ]) {
      expect(await attempt.catch((thrown: unknown) => thrown)).toMatchObject({
        error: 'invalid_request',
        status: 400,
      });
    }
  });

  it('an unknown client, and a deleted one, without fetching its keys', async () => {
    const deletedKey = await signingKey('ES256');
    jwks.serve('deleted', { body: { keys: [deletedKey.publicJwk] } });
    const deleted = await registerKeyClient(t, { jwks_uri: jwks.url('deleted') });
    await request(t.server)
      .delete(new URL(deleted.registration_client_uri).pathname)
      .set('Authorization', `Bearer ${deleted.registration_access_token}`)
      .expect(204);
    await expectInvalidClient(
      present(await sign(deletedKey, assertionClaims(deleted.client_id, TEST_ISSUER))),
    );
    await expectInvalidClient(
      present(await sign(deletedKey, assertionClaims('AAAAAAAAAAAAAAAAAAAAAA', TEST_ISSUER))),
    );
    await expectInvalidClient(
      present(await sign(deletedKey, assertionClaims('not an issued id', TEST_ISSUER))),
    );
    expect(jwks.requestsFor('deleted')).toBe(0);
  });
});

describe('private_key_jwt refusals: an unusable jwks_uri is invalid_client, never a 500', () => {
  let jwksKey: SigningKey;

  beforeAll(async () => {
    jwksKey = await signingKey('ES256');
  });

  async function refusedWith(name: string): Promise<void> {
    const uriClient = await registerKeyClient(t, { jwks_uri: jwks.url(name) });
    await expectInvalidClient(
      present(await sign(jwksKey, assertionClaims(uriClient.client_id, TEST_ISSUER))),
    );
  }

  it.each([
    ['answers 500', { status: 500, body: '{"error":"down"}' }],
    ['answers 404', { status: 404, body: '{}' }],
    ['answers a redirect', { status: 302, body: '{}' }],
    ['answers HTML', { status: 200, body: '<html>keys</html>' }],
    ['answers a JSON array', { status: 200, body: '[]' }],
    ['answers an object without keys', { status: 200, body: '{"kty":"EC"}' }],
  ])('a jwks_uri that %s', async (name, answer) => {
    jwks.serve(name, answer);
    await refusedWith(name);
    expect(jwks.requestsFor(name)).toBe(1);
  });

  it('a jwks_uri publishing the private key', async () => {
    const privateJwk = {
      ...(await import('jose').then((jose) => jose.exportJWK(jwksKey.privateKey))),
      kid: jwksKey.kid,
    };
    jwks.serve('private', { body: { keys: [privateJwk] } });
    await refusedWith('private');
  });

  it('a jwks_uri whose server is down (connection refused)', async () => {
    const gone = await startJwksFixture();
    const url = gone.url('keys');
    await gone.close();
    const uriClient = await registerKeyClient(t, { jwks_uri: url });
    await expectInvalidClient(
      present(await sign(jwksKey, assertionClaims(uriClient.client_id, TEST_ISSUER))),
    );
  });
});
