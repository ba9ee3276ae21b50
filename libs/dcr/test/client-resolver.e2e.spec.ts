import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DcrClientResolver } from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { sleep } from './support/sleep.js';

interface Registered {
  client_id: string;
  client_secret?: string;
  client_secret_expires_at?: number;
  registration_access_token: string;
  registration_client_uri: string;
}

describe('DcrClientResolver', () => {
  let t: DcrTestApp;
  let resolver: DcrClientResolver;

  beforeAll(async () => {
    t = await createDcrTestApp();
    resolver = t.app.get(DcrClientResolver);
  });

  afterAll(async () => {
    await t.close();
  });

  async function register(method: string, extra: object = {}): Promise<Registered> {
    const response = await request(t.server)
      .post('/register')
      .send({
        redirect_uris: ['https://a.example/cb'],
        token_endpoint_auth_method: method,
        client_name: 'Resolved',
        ...extra,
      })
      .expect(201);
    return response.body as Registered;
  }

  it('resolves a registered client to its metadata, without credentials', async () => {
    const registered = await register('client_secret_basic');
    const client = await resolver.resolve(registered.client_id);
    expect(client).toMatchObject({
      clientId: registered.client_id,
      hasSecret: true,
      clientSecretExpiresAt: null,
      metadata: {
        client_name: 'Resolved',
        redirect_uris: ['https://a.example/cb'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    });
    const text = JSON.stringify(client);
    expect(text).not.toContain(registered.client_secret);
    expect(text).not.toContain(registered.registration_access_token);
    expect(Object.keys(client ?? {}).sort()).toEqual(
      [
        'source',
        'clientId',
        'metadata',
        'hasSecret',
        'clientSecretExpiresAt',
        'issuedAt',
        'updatedAt',
      ].sort(),
    );
  });

  it('says a public client has no secret, and verifies no secret for it', async () => {
    const registered = await register('none');
    expect((await resolver.resolve(registered.client_id))?.hasSecret).toBe(false);
    expect(await resolver.verifyClientSecret(registered.client_id, '')).toBe(false);
  });

  it('verifies the secret against the stored digest', async () => {
    const registered = await register('client_secret_post');
    const secret = registered.client_secret as string;
    expect(await resolver.verifyClientSecret(registered.client_id, secret)).toBe(true);
    expect(await resolver.verifyClientSecret(registered.client_id, `${secret}x`)).toBe(false);
    expect(await resolver.verifyClientSecret(registered.client_id, secret.slice(1))).toBe(false);
  });

  it('resolves for authentication: the same client, and its secret checked against that read', async () => {
    const registered = await register('client_secret_basic');
    const secret = registered.client_secret as string;
    const found = await resolver.resolveForAuthentication(registered.client_id);
    expect(found?.client).toEqual(await resolver.resolve(registered.client_id));
    expect(found?.verifySecret(secret)).toBe(true);
    expect(found?.verifySecret(`${secret}x`)).toBe(false);
    expect(await resolver.resolveForAuthentication('AAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();

    const publicClient = await register('none');
    const none = await resolver.resolveForAuthentication(publicClient.client_id);
    expect(none?.client.clientId).toBe(publicClient.client_id);
    expect(none?.verifySecret('')).toBe(false);
  });

  it('sees an RFC 7592 update and a deletion at once', async () => {
    const registered = await register('client_secret_basic');
    const manage = (init: request.Test) =>
      init.set('Authorization', `Bearer ${registered.registration_access_token}`);
    await manage(
      request(t.server)
        .put(`/register/${registered.client_id}`)
        .send({
          client_id: registered.client_id,
          redirect_uris: ['https://b.example/cb'],
          token_endpoint_auth_method: 'client_secret_basic',
        }),
    ).expect(200);
    expect((await resolver.resolve(registered.client_id))?.metadata.redirect_uris).toEqual([
      'https://b.example/cb',
    ]);

    await manage(request(t.server).delete(`/register/${registered.client_id}`)).expect(204);
    expect(await resolver.resolve(registered.client_id)).toBeUndefined();
    expect(
      await resolver.verifyClientSecret(registered.client_id, registered.client_secret as string),
    ).toBe(false);
  });

  it.each([
    '',
    'unknown-client',
    'AAAAAAAAAAAAAAAAAAAAAA',
    'http://client.example/metadata.json',
    '\u0000',
  ])('resolves nothing for %p', async (clientId) => {
    expect(await resolver.resolve(clientId)).toBeUndefined();
    expect(await resolver.verifyClientSecret(clientId, 'secret')).toBe(false);
  });

  it('routes an https client_id to the Client ID Metadata Document source, never to the table', async () => {
    // A query is refused by the URL rules, before any fetch (the document source's own tests
    // cover fetching): the refusal names the rule instead of calling the client unknown.
    await expect(
      resolver.resolve('https://client.example/metadata.json?tenant=1'),
    ).rejects.toMatchObject({ error: 'invalid_request', rule: 'query' });
    expect(
      await resolver.verifyClientSecret('https://client.example/metadata.json', 'secret'),
    ).toBe(false);
  });
});

describe('DcrClientResolver with expiring secrets', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({ dcr: { clientSecretLifetimeSeconds: 3 } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses a secret once client_secret_expires_at has passed (RFC 7591 §3.2.1)', async () => {
    const response = await request(t.server)
      .post('/register')
      .send({
        redirect_uris: ['https://a.example/cb'],
        token_endpoint_auth_method: 'client_secret_basic',
      })
      .expect(201);
    const registered = response.body as Registered;
    const resolver = t.app.get(DcrClientResolver);
    const client = await resolver.resolve(registered.client_id);
    expect(client?.clientSecretExpiresAt?.getTime()).toBe(
      (registered.client_secret_expires_at as number) * 1000,
    );
    const secret = registered.client_secret as string;
    const before = await resolver.verifyClientSecret(registered.client_id, secret);
    await sleep((registered.client_secret_expires_at as number) * 1000 - Date.now() + 50);
    expect([before, await resolver.verifyClientSecret(registered.client_id, secret)]).toEqual([
      true,
      false,
    ]);
  });
});
