import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { sleep } from './support/sleep.js';

// Lifetimes are whole seconds; the clock is real, so these tests wait a little.
const GRACE_SECONDS = 2;
const SECRET_LIFETIME_SECONDS = 1;

const body = {
  client_name: 'Rotating',
  redirect_uris: ['https://app.example.com/cb'],
  token_endpoint_auth_method: 'client_secret_post',
};

interface Registered {
  client_id: string;
  client_secret: string;
  client_secret_expires_at: number;
  client_id_issued_at: number;
  registration_access_token: string;
  registration_client_uri: string;
}

describe('registration access token rotation (opt-in)', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({
      dcr: {
        rotateRegistrationAccessToken: true,
        registrationAccessTokenGracePeriodSeconds: GRACE_SECONDS,
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const register = async () =>
    (await request(t.server).post('/register').send(body).expect(201)).body as Registered;
  const path = (client: Registered) => new URL(client.registration_client_uri).pathname;
  const put = (client: Registered, token: string) =>
    request(t.server)
      .put(path(client))
      .set('Authorization', `Bearer ${token}`)
      .send({ ...body, client_id: client.client_id });
  const get = (client: Registered, token: string) =>
    request(t.server).get(path(client)).set('Authorization', `Bearer ${token}`);

  it('returns a new token on update; the previous one works during the grace period only', async () => {
    const client = await register();
    const first = client.registration_access_token;

    const updated = await put(client, first).expect(200);
    const second = updated.body.registration_access_token as string;
    expect(second).not.toBe(first);

    expect((await get(client, second).expect(200)).body.registration_access_token).toBe(second);
    await sleep((GRACE_SECONDS + 1) * 1000);
    expect((await get(client, first)).status).toBe(401);
    await get(client, second).expect(200);
  });

  it('lets a client that lost the update response retry with its old token', async () => {
    const client = await register();
    const first = client.registration_access_token;
    const lost = (await put(client, first).expect(200)).body.registration_access_token as string;

    // The response carrying `lost` never arrived: the client retries with `first`.
    const retried = await put(client, first).expect(200);
    const third = retried.body.registration_access_token as string;
    expect(third).not.toBe(lost);
    expect(third).not.toBe(first);
    await get(client, third).expect(200);
    // The token of the lost response is no longer current, nor the previous one.
    expect((await get(client, lost)).status).toBe(401);
  });

  it('gives a fresh token to a read presenting the replaced token (RFC 7592 §2.1)', async () => {
    const client = await register();
    const first = client.registration_access_token;
    await put(client, first).expect(200);

    const read = await get(client, first).expect(200);
    const fresh = read.body.registration_access_token as string;
    expect(fresh).not.toBe(first);
    await get(client, fresh).expect(200);
  });
});

describe('without rotation (the default)', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({ dcr: { clientSecretLifetimeSeconds: SECRET_LIFETIME_SECONDS } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('keeps the first registration access token across updates', async () => {
    const client = (await request(t.server).post('/register').send(body).expect(201))
      .body as Registered;
    const token = client.registration_access_token;
    for (const name of ['a', 'b']) {
      const updated = await request(t.server)
        .put(new URL(client.registration_client_uri).pathname)
        .set('Authorization', `Bearer ${token}`)
        .send({ ...body, client_id: client.client_id, client_name: name })
        .expect(200);
      expect(updated.body.registration_access_token).toBe(token);
    }
  });

  it('sets client_secret_expires_at from the lifetime and replaces an expired secret on update', async () => {
    const client = (await request(t.server).post('/register').send(body).expect(201))
      .body as Registered;
    expect(client.client_secret_expires_at).toBe(
      client.client_id_issued_at + SECRET_LIFETIME_SECONDS,
    );

    await sleep((SECRET_LIFETIME_SECONDS + 1) * 1000);
    const updated = await request(t.server)
      .put(new URL(client.registration_client_uri).pathname)
      .set('Authorization', `Bearer ${client.registration_access_token}`)
      .send({ ...body, client_id: client.client_id })
      .expect(200);

    expect(updated.body.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(updated.body.client_secret).not.toBe(client.client_secret);
    expect(updated.body.client_secret_expires_at).toBeGreaterThan(client.client_secret_expires_at);
  });

  it('keeps an unexpired secret on update and does not return it', async () => {
    const long = await createDcrTestApp({
      schema: t.schema,
      dcr: { clientSecretLifetimeSeconds: 3600 },
    });
    try {
      const client = (await request(long.server).post('/register').send(body).expect(201))
        .body as Registered;
      const updated = await request(long.server)
        .put(new URL(client.registration_client_uri).pathname)
        .set('Authorization', `Bearer ${client.registration_access_token}`)
        .send({ ...body, client_id: client.client_id })
        .expect(200);
      expect(updated.body).not.toHaveProperty('client_secret');
      expect(updated.body.client_secret_expires_at).toBe(client.client_secret_expires_at);
    } finally {
      await long.close();
    }
  });
});
