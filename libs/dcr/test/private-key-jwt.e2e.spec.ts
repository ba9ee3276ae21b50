import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CLIENT_ASSERTION_SIGNING_ALGORITHMS,
  ClientAuthenticationService,
  DcrEvents,
  type DcrEvent,
} from '../src/index.js';
import {
  assertionBody,
  assertionClaims,
  sign,
  signingKey,
  startJwksFixture,
  type JwksFixture,
  type SigningKey,
} from './support/client-assertions.js';
import { createDcrTestApp, TEST_ISSUER, type DcrTestApp } from './support/dcr-test-app.js';
import {
  expectInvalidClient,
  registerKeyClient,
  type RegisteredTestClient,
} from './support/private-key-jwt-clients.js';
import { sleep } from './support/sleep.js';

// RFC 7523 private_key_jwt at ClientAuthenticationService: what is accepted.
const TOKEN_ENDPOINT = `${TEST_ISSUER}/oauth/token`;

let t: DcrTestApp;
let auth: ClientAuthenticationService;
let jwks: JwksFixture;
const events: DcrEvent[] = [];

beforeAll(async () => {
  jwks = await startJwksFixture();
  t = await createDcrTestApp({
    dcr: {
      tokenEndpoint: TOKEN_ENDPOINT,
      outbound: { allowLoopbackHttp: true },
      clientAssertions: { jwksRefetchIntervalSeconds: 1 },
    },
  });
  auth = t.app.get(ClientAuthenticationService);
  t.app.get(DcrEvents).subscribe((event) => events.push(event));
});

afterAll(async () => {
  await t?.close();
  await jwks?.close();
});

async function assertionFor(
  key: SigningKey,
  client: RegisteredTestClient,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  return sign(key, assertionClaims(client.client_id, TOKEN_ENDPOINT, overrides));
}

describe('private_key_jwt with registered jwks (RFC 7523 §2.2, §3)', () => {
  it.each(CLIENT_ASSERTION_SIGNING_ALGORITHMS.map((alg) => [alg]))(
    'authenticates an assertion signed with %s, and says how',
    async (alg) => {
      const key = await signingKey(alg);
      const client = await registerKeyClient(t, { jwks: { keys: [key.publicJwk] } });
      const result = await auth.authenticate({
        body: assertionBody(await assertionFor(key, client)),
      });
      expect(result.clientId).toBe(client.client_id);
      expect(result.authenticationMethod).toBe('private_key_jwt');
      expect(result.metadata.token_endpoint_auth_method).toBe('private_key_jwt');
    },
  );

  describe('audiences', () => {
    let key: SigningKey;
    let client: RegisteredTestClient;

    beforeAll(async () => {
      key = await signingKey('ES256');
      client = await registerKeyClient(t, { jwks: { keys: [key.publicJwk] } });
    });

    it.each([
      ['the token endpoint URL', TOKEN_ENDPOINT],
      ['the issuer', TEST_ISSUER],
      ['a list holding the issuer', ['https://other.example', TEST_ISSUER]],
      ['a list holding the token endpoint', [TOKEN_ENDPOINT]],
    ])('accepts aud = %s', async (_label, aud) => {
      const assertion = await assertionFor(key, client, { aud });
      expect((await auth.authenticate({ body: assertionBody(assertion) })).clientId).toBe(
        client.client_id,
      );
    });
  });

  it('accepts a body client_id equal to the sub, no iat, and an nbf within the tolerance', async () => {
    const key = await signingKey('ES256');
    const client = await registerKeyClient(t, { jwks: { keys: [key.publicJwk] } });
    const now = Math.floor(Date.now() / 1000);
    const assertion = await assertionFor(key, client, { iat: undefined, nbf: now + 20 });
    const result = await auth.authenticate({
      body: assertionBody(assertion, { client_id: client.client_id }),
    });
    expect(result.clientId).toBe(client.client_id);
  });

  it('finds the key by kid among several, and without a kid when one key fits', async () => {
    const [first, second] = await Promise.all([signingKey('ES256'), signingKey('RS256')]);
    const client = await registerKeyClient(t, {
      jwks: { keys: [first.publicJwk, second.publicJwk] },
    });
    await auth.authenticate({ body: assertionBody(await assertionFor(second, client)) });
    const withoutKid = await sign(second, assertionClaims(client.client_id, TOKEN_ENDPOINT), {
      kid: undefined,
    });
    expect((await auth.authenticate({ body: assertionBody(withoutKid) })).clientId).toBe(
      client.client_id,
    );
  });

  it('records the authentication and publishes the method, without the assertion', async () => {
    const key = await signingKey('EdDSA');
    const client = await registerKeyClient(t, { jwks: { keys: [key.publicJwk] } });
    const assertion = await assertionFor(key, client);
    await auth.authenticate({ body: assertionBody(assertion) });
    const [row] = await t.schema.query<{ last_authenticated_at: Date | null }>(
      'SELECT last_authenticated_at FROM dcr_client WHERE client_id = $1',
      [client.client_id],
    );
    expect(row?.last_authenticated_at).toBeInstanceOf(Date);
    const event = events.find(
      (candidate) =>
        candidate.clientId === client.client_id && candidate.type === 'client.authenticated',
    );
    expect(event?.details).toEqual({ method: 'private_key_jwt' });
    expect(JSON.stringify(events)).not.toContain(assertion);
  });
});

describe('private_key_jwt with a jwks_uri, fetched through the OutboundFetcher', () => {
  let first: SigningKey;
  let client: RegisteredTestClient;

  beforeAll(async () => {
    first = await signingKey('PS256');
    jwks.serve('rotating', { body: { keys: [first.publicJwk] } });
    client = await registerKeyClient(t, { jwks_uri: jwks.url('rotating') });
  });

  it('fetches the key set once, then uses it while it is fresh (Cache-Control)', async () => {
    expect(jwks.requestsFor('rotating')).toBe(0); // registration fetches nothing
    for (let i = 0; i < 3; i += 1) {
      const result = await auth.authenticate({
        body: assertionBody(await assertionFor(first, client)),
      });
      expect(result.authenticationMethod).toBe('private_key_jwt');
    }
    expect(jwks.requestsFor('rotating')).toBe(1);
    const [request] = jwks.requests;
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers.cookie).toBeUndefined();
  });

  it('refuses an unknown kid without a fetch while the refetch interval runs', async () => {
    const stranger = await signingKey('ES256');
    await auth.authenticate({ body: assertionBody(await assertionFor(first, client)) });
    const before = jwks.requestsFor('rotating');
    await expectInvalidClient(
      auth.authenticate({ body: assertionBody(await assertionFor(stranger, client)) }),
    );
    expect(jwks.requestsFor('rotating')).toBe(before);
  });

  it('refetches once for a rotated key (an unknown kid) after the interval', async () => {
    const rotated = await signingKey('ES384');
    jwks.serve('rotating', { body: { keys: [rotated.publicJwk] } });
    await sleep(1100); // the test app's jwksRefetchIntervalSeconds is 1
    const before = jwks.requestsFor('rotating');
    const result = await auth.authenticate({
      body: assertionBody(await assertionFor(rotated, client)),
    });
    expect(result.clientId).toBe(client.client_id);
    expect(jwks.requestsFor('rotating')).toBe(before + 1);

    // The refetch budget is spent: another unknown kid is refused at once, with no fetch.
    const stranger = await signingKey('ES256');
    await expectInvalidClient(
      auth.authenticate({ body: assertionBody(await assertionFor(stranger, client)) }),
    );
    expect(jwks.requestsFor('rotating')).toBe(before + 1);
    // The old key is gone from the set: refused too.
    await expectInvalidClient(
      auth.authenticate({ body: assertionBody(await assertionFor(first, client)) }),
    );
  });

  it('shares one fetch between concurrent requests of one client', async () => {
    const key = await signingKey('RS256');
    jwks.serve('concurrent', { body: { keys: [key.publicJwk] } });
    const concurrent = await registerKeyClient(t, { jwks_uri: jwks.url('concurrent') });
    const assertions = await Promise.all(
      Array.from({ length: 8 }, () => assertionFor(key, concurrent)),
    );
    const results = await Promise.all(
      assertions.map((assertion) => auth.authenticate({ body: assertionBody(assertion) })),
    );
    expect(results.map((result) => result.clientId)).toEqual(
      assertions.map(() => concurrent.client_id),
    );
    expect(jwks.requestsFor('concurrent')).toBe(1);
  });

  it('fetches again once the key set is stale, however short its Cache-Control', async () => {
    const key = await signingKey('ES512');
    jwks.serve('no-store', { body: { keys: [key.publicJwk] }, cacheControl: 'no-store' });
    const stale = await registerKeyClient(t, { jwks_uri: jwks.url('no-store') });
    await auth.authenticate({ body: assertionBody(await assertionFor(key, stale)) });
    await auth.authenticate({ body: assertionBody(await assertionFor(key, stale)) });
    // no-store is raised to the refetch interval: not one fetch per request.
    expect(jwks.requestsFor('no-store')).toBe(1);
    await sleep(1100);
    await auth.authenticate({ body: assertionBody(await assertionFor(key, stale)) });
    expect(jwks.requestsFor('no-store')).toBe(2);
  });
});
