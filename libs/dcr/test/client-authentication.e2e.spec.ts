import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ClientAuthenticationService, OAuthError } from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { sleep } from './support/sleep.js';

interface Registered {
  client_id: string;
  client_secret?: string;
  registration_access_token: string;
  registration_client_uri: string;
}

let t: DcrTestApp;
let auth: ClientAuthenticationService;

beforeAll(async () => {
  t = await createDcrTestApp();
  auth = t.app.get(ClientAuthenticationService);
});

afterAll(async () => {
  await t.close();
});

async function register(method: string, extra: object = {}): Promise<Registered> {
  const response = await request(t.server)
    .post('/register')
    .send({ redirect_uris: ['https://a.example/cb'], token_endpoint_auth_method: method, ...extra })
    .expect(201);
  return response.body as Registered;
}

// RFC 6749 §2.3.1: id and secret are form-encoded, then joined with ':' and base64-encoded.
const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${formEncode(id)}:${formEncode(secret)}`).toString('base64')}`;

async function expectOAuthError(
  attempt: Promise<unknown>,
  code: string,
  status: number,
): Promise<void> {
  const error = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(OAuthError);
  expect([(error as OAuthError).error, (error as OAuthError).status]).toEqual([code, status]);
}

async function expectInvalidClient(
  attempt: Promise<unknown>,
  basicChallenge: boolean,
): Promise<void> {
  const error = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(OAuthError);
  const oauth = error as OAuthError;
  expect(oauth.error).toBe('invalid_client');
  expect(oauth.status).toBe(401);
  expect(oauth.headers['WWW-Authenticate']).toBe(
    basicChallenge ? 'Basic realm="token", charset="UTF-8"' : undefined,
  );
}

describe('ClientAuthenticationService.authenticate', () => {
  it('authenticates client_secret_basic and returns metadata without credentials', async () => {
    const client = await register('client_secret_basic', { client_name: 'Basic' });
    const result = await auth.authenticate({
      authorization: basic(client.client_id, client.client_secret!),
    });
    expect(result.clientId).toBe(client.client_id);
    expect(result.metadata.client_name).toBe('Basic');
    expect(result.metadata.token_endpoint_auth_method).toBe('client_secret_basic');
    expect(JSON.stringify(result)).not.toContain(client.client_secret);
    expect(JSON.stringify(result)).not.toContain('Digest');
  });

  it('decodes form-encoded Basic credentials (RFC 6749 §2.3.1)', async () => {
    const client = await register('client_secret_basic');
    // A base64url secret has '-' and '_'; encoded the strict way, '-' stays and so does '_'.
    // Encode every character to make sure decoding is applied.
    const encoded = [...client.client_secret!]
      .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join('');
    const header = `Basic ${Buffer.from(`${client.client_id}:${encoded}`).toString('base64')}`;
    expect((await auth.authenticate({ authorization: header })).clientId).toBe(client.client_id);
  });

  it('authenticates client_secret_post', async () => {
    const client = await register('client_secret_post');
    const result = await auth.authenticate({
      body: { client_id: client.client_id, client_secret: client.client_secret },
    });
    expect(result.clientId).toBe(client.client_id);
  });

  it('authenticates a public client by its client_id alone', async () => {
    const client = await register('none');
    expect((await auth.authenticate({ body: { client_id: client.client_id } })).clientId).toBe(
      client.client_id,
    );
  });

  it('records the last authentication, at most once a minute', async () => {
    const client = await register('client_secret_post');
    const lastAuthenticated = async () =>
      (
        await t.schema.query<{ last_authenticated_at: Date | null }>(
          'SELECT last_authenticated_at FROM dcr_client WHERE client_id = $1',
          [client.client_id],
        )
      )[0]?.last_authenticated_at;
    expect(await lastAuthenticated()).toBeNull();

    const credentials = {
      body: { client_id: client.client_id, client_secret: client.client_secret },
    };
    await auth.authenticate(credentials);
    const first = await lastAuthenticated();
    expect(first).toBeInstanceOf(Date);
    await sleep(20);
    await auth.authenticate(credentials);
    expect(await lastAuthenticated()).toEqual(first);
  });

  describe('rejections (RFC 6749 §5.2 invalid_client)', () => {
    it('a wrong secret, with the Basic challenge when Basic was used', async () => {
      const client = await register('client_secret_basic');
      await expectInvalidClient(
        auth.authenticate({ authorization: basic(client.client_id, 'wrong') }),
        true,
      );
    });

    it('an unknown client', async () => {
      await expectInvalidClient(
        auth.authenticate({ body: { client_id: 'nobody', client_secret: 'x' } }),
        false,
      );
      await expectInvalidClient(auth.authenticate({ body: { client_id: 'nobody' } }), false);
    });

    it('a deleted client', async () => {
      const client = await register('client_secret_post');
      await request(t.server)
        .delete(new URL(client.registration_client_uri).pathname)
        .set('Authorization', `Bearer ${client.registration_access_token}`)
        .expect(204);
      await expectInvalidClient(
        auth.authenticate({
          body: { client_id: client.client_id, client_secret: client.client_secret },
        }),
        false,
      );
    });

    it('a method other than the registered one, both ways', async () => {
      const basicClient = await register('client_secret_basic');
      await expectInvalidClient(
        auth.authenticate({
          body: { client_id: basicClient.client_id, client_secret: basicClient.client_secret },
        }),
        false,
      );
      const postClient = await register('client_secret_post');
      await expectInvalidClient(
        auth.authenticate({
          authorization: basic(postClient.client_id, postClient.client_secret!),
        }),
        true,
      );
    });

    it('a confidential client presenting no secret', async () => {
      const client = await register('client_secret_post');
      await expectInvalidClient(
        auth.authenticate({ body: { client_id: client.client_id } }),
        false,
      );
    });

    it('a public client presenting a secret', async () => {
      const client = await register('none');
      await expectInvalidClient(
        auth.authenticate({ body: { client_id: client.client_id, client_secret: 'anything' } }),
        false,
      );
      await expectInvalidClient(
        auth.authenticate({ authorization: basic(client.client_id, 'anything') }),
        true,
      );
    });

    it('two methods at once is invalid_request, 400 (RFC 6749 §2.3, §5.2)', async () => {
      const client = await register('client_secret_basic');
      await expectOAuthError(
        auth.authenticate({
          authorization: basic(client.client_id, client.client_secret!),
          body: { client_secret: client.client_secret },
        }),
        'invalid_request',
        400,
      );
    });

    it('a repeated parameter is invalid_request, 400 (RFC 6749 §3.2, §5.2)', async () => {
      await expectOAuthError(
        auth.authenticate({ body: { client_id: ['a', 'b'] } }),
        'invalid_request',
        400,
      );
    });

    it('no credentials, malformed Basic, client assertions', async () => {
      await expectInvalidClient(auth.authenticate({}), false);
      await expectInvalidClient(auth.authenticate({ authorization: 'Basic !!!' }), true);
      await expectInvalidClient(
        auth.authenticate({ authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` }),
        true,
      );
      await expectInvalidClient(
        auth.authenticate({
          body: {
            client_id: 'x',
            client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
            client_assertion: 'a.b.c',
          },
        }),
        false,
      );
    });

    it('an expired secret', async () => {
      // The expiry counts from the registration's whole second, so a lifetime of N s ends N-1 to
      // N s after the response: 3 s leaves the first authentication (under load) 2 s at least.
      const shortLived = await createDcrTestApp({
        schema: t.schema,
        dcr: { clientSecretLifetimeSeconds: 3 },
      });
      try {
        const client = (
          await request(shortLived.server)
            .post('/register')
            .send({
              redirect_uris: ['https://a.example/cb'],
              token_endpoint_auth_method: 'client_secret_post',
            })
            .expect(201)
        ).body as Registered;
        const credentials = {
          body: { client_id: client.client_id, client_secret: client.client_secret },
        };
        await shortLived.app.get(ClientAuthenticationService).authenticate(credentials);
        await sleep(3200);
        await expectInvalidClient(
          shortLived.app.get(ClientAuthenticationService).authenticate(credentials),
          false,
        );
      } finally {
        await shortLived.close();
      }
    });
  });
});

describe('ClientAuthenticationService.findClient', () => {
  it('returns metadata without credentials, and undefined for an unknown client', async () => {
    const client = await register('client_secret_post', { client_name: 'Findable' });
    const found = await auth.findClient(client.client_id);
    expect(found?.metadata.client_name).toBe('Findable');
    expect(Object.keys(found ?? {}).sort()).toEqual([
      'approvalStatus',
      'clientId',
      'clientSecretExpiresAt',
      'firstAuthenticatedAt',
      'initialAccessTokenId',
      'issuedAt',
      'lastAuthenticatedAt',
      'metadata',
      'updatedAt',
    ]);
    expect(found).toMatchObject({ approvalStatus: 'approved', initialAccessTokenId: null });
    expect(await auth.findClient('unknown')).toBeUndefined();
  });
});
