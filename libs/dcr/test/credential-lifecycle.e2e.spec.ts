import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { sleep } from './support/sleep.js';

// Lifetimes are whole seconds; the clock is real, so these tests wait a little.
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
