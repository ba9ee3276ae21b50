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

// Key generation (RSA above all) is slow on a loaded machine: keys are made once, up front, under
// a generous hang guard, and the tests use them.
const KEY_GENERATION_GUARD_MS = 60_000;

let t: DcrTestApp;
let auth: ClientAuthenticationService;
let jwks: JwksFixture;
const events: DcrEvent[] = [];
const keys = new Map<string, SigningKey>();

/** The pre-generated key for `alg`. */
function keyFor(alg: string): SigningKey {
  const key = keys.get(alg);
  if (!key) throw new Error(`no key for ${alg}`);
  return key;
}

beforeAll(async () => {
  for (const alg of CLIENT_ASSERTION_SIGNING_ALGORITHMS) keys.set(alg, await signingKey(alg));
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
}, KEY_GENERATION_GUARD_MS);

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
      const key = keyFor(alg);
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
    const [first, second] = [await signingKey('ES256'), keyFor('RS256')];
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
  it('fetches the key set once, then uses it while it is fresh (Cache-Control)', async () => {
    const key = keyFor('PS256');
    jwks.serve('fresh', { body: { keys: [key.publicJwk] }, cacheControl: 'max-age=300' });
    const client = await registerKeyClient(t, { jwks_uri: jwks.url('fresh') });
    expect(jwks.requestsFor('fresh')).toBe(0); // registration fetches nothing
    for (let i = 0; i < 3; i += 1) {
      const result = await auth.authenticate({
        body: assertionBody(await assertionFor(key, client)),
      });
      expect(result.authenticationMethod).toBe('private_key_jwt');
    }
    expect(jwks.requestsFor('fresh')).toBe(1);
    const request = jwks.requests.at(-1);
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers.cookie).toBeUndefined();
  });

  it('refetches once for a rotated key (an unknown kid) once the refetch interval has passed', async () => {
    const [first, rotated] = [keyFor('ES256'), keyFor('ES384')];
    jwks.serve('rotating', { body: { keys: [first.publicJwk] } });
    const client = await registerKeyClient(t, { jwks_uri: jwks.url('rotating') });
    await auth.authenticate({ body: assertionBody(await assertionFor(first, client)) });
    expect(jwks.requestsFor('rotating')).toBe(1);

    jwks.serve('rotating', { body: { keys: [rotated.publicJwk] } });
    await sleep(1100); // the app's jwksRefetchIntervalSeconds is 1
    const result = await auth.authenticate({
      body: assertionBody(await assertionFor(rotated, client)),
    });
    expect(result.clientId).toBe(client.client_id);
    expect(jwks.requestsFor('rotating')).toBe(2);
  });

  it('fetches a key set again once it is stale', async () => {
    const key = keyFor('ES512');
    jwks.serve('no-store', { body: { keys: [key.publicJwk] }, cacheControl: 'no-store' });
    const client = await registerKeyClient(t, { jwks_uri: jwks.url('no-store') });
    await auth.authenticate({ body: assertionBody(await assertionFor(key, client)) });
    await sleep(1100);
    await auth.authenticate({ body: assertionBody(await assertionFor(key, client)) });
    expect(jwks.requestsFor('no-store')).toBe(2);
  });

  it('shares one fetch between concurrent requests of one client', async () => {
    const key = keyFor('RS256');
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
});

describe('the refetch budget: one jwks_uri fetch per client per interval', () => {
  // Another instance on the same schema, whose interval (an hour) cannot pass during the test.
  let patient: DcrTestApp;
  let patientAuth: ClientAuthenticationService;

  beforeAll(async () => {
    patient = await createDcrTestApp({
      schema: t.schema,
      dcr: {
        tokenEndpoint: TOKEN_ENDPOINT,
        outbound: { allowLoopbackHttp: true },
        clientAssertions: { jwksRefetchIntervalSeconds: 3600 },
      },
    });
    patientAuth = patient.app.get(ClientAuthenticationService);
  }, 30_000);

  afterAll(async () => {
    await patient?.close();
  });

  it('refuses an unknown kid without a fetch, before and after the client rotates', async () => {
    const [first, rotated, stranger] = [keyFor('ES256'), keyFor('ES384'), keyFor('EdDSA')];
    jwks.serve('budget', { body: { keys: [first.publicJwk] } });
    const client = await registerKeyClient(t, { jwks_uri: jwks.url('budget') });
    await patientAuth.authenticate({ body: assertionBody(await assertionFor(first, client)) });
    expect(jwks.requestsFor('budget')).toBe(1);

    await expectInvalidClient(
      patientAuth.authenticate({ body: assertionBody(await assertionFor(stranger, client)) }),
    );
    jwks.serve('budget', { body: { keys: [rotated.publicJwk] } });
    await expectInvalidClient(
      patientAuth.authenticate({ body: assertionBody(await assertionFor(rotated, client)) }),
    );
    expect(jwks.requestsFor('budget')).toBe(1);
    // The key set it holds still works.
    await patientAuth.authenticate({ body: assertionBody(await assertionFor(first, client)) });
    // The other instance (interval 1 s) fetches for itself and finds the rotated key.
    await auth.authenticate({ body: assertionBody(await assertionFor(rotated, client)) });
    expect(jwks.requestsFor('budget')).toBe(2);
  });

  it('keeps a key set at least one interval, even with Cache-Control: no-store', async () => {
    const key = keyFor('PS384');
    jwks.serve('budget-no-store', { body: { keys: [key.publicJwk] }, cacheControl: 'no-store' });
    const client = await registerKeyClient(t, { jwks_uri: jwks.url('budget-no-store') });
    for (let i = 0; i < 3; i += 1) {
      await patientAuth.authenticate({ body: assertionBody(await assertionFor(key, client)) });
    }
    expect(jwks.requestsFor('budget-no-store')).toBe(1);
  });

  it('does not retry a failed fetch within the interval', async () => {
    const key = keyFor('ES256');
    jwks.serve('flaky', { status: 503, body: '{}' });
    const client = await registerKeyClient(t, { jwks_uri: jwks.url('flaky') });
    await expectInvalidClient(
      patientAuth.authenticate({ body: assertionBody(await assertionFor(key, client)) }),
    );
    jwks.serve('flaky', { body: { keys: [key.publicJwk] } });
    await expectInvalidClient(
      patientAuth.authenticate({ body: assertionBody(await assertionFor(key, client)) }),
    );
    expect(jwks.requestsFor('flaky')).toBe(1);
    // The instance with a 1 s interval fetches for itself and succeeds.
    await auth.authenticate({ body: assertionBody(await assertionFor(key, client)) });
    expect(jwks.requestsFor('flaky')).toBe(2);
  });
});
