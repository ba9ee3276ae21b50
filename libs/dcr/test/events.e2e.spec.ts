import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ClientAuthenticationService, DcrEvents, type DcrEvent } from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';

const ADMIN_TOKEN = 'admin-token-for-event-tests-0123456789';

describe('DcrEvents', () => {
  let t: DcrTestApp;
  const seen: DcrEvent[] = [];

  beforeAll(async () => {
    t = await createDcrTestApp({ adminPath: 'admin', dcr: { adminToken: ADMIN_TOKEN } });
    const events = t.app.get(DcrEvents);
    events.subscribe(() => {
      throw new Error('a faulty listener must not break requests or other listeners');
    });
    events.subscribe((event) => seen.push(event));
  });

  afterAll(async () => {
    await t.close();
  });

  it('publishes registered, updated, authenticated and deleted, without credentials', async () => {
    const body = {
      redirect_uris: ['https://a.example/cb'],
      token_endpoint_auth_method: 'client_secret_post',
    };
    const { body: client } = await request(t.server).post('/register').send(body).expect(201);
    const path = new URL(client.registration_client_uri as string).pathname;
    const auth = `Bearer ${client.registration_access_token}`;

    await request(t.server)
      .put(path)
      .set('Authorization', auth)
      .send({ ...body, client_id: client.client_id })
      .expect(200);
    await t.app
      .get(ClientAuthenticationService)
      .authenticate({ body: { client_id: client.client_id, client_secret: client.client_secret } });
    await request(t.server)
      .post(`/admin/clients/${client.client_id}/registration-token`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(201);
    await request(t.server)
      .delete(`/admin/clients/${client.client_id}`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(204);

    const mine = seen.filter((event) => event.clientId === client.client_id);
    expect(mine.map(({ type, actor }) => [type, actor])).toEqual([
      ['client.registered', 'client'],
      ['client.updated', 'client'],
      ['client.authenticated', 'client'],
      ['client.updated', 'operator'],
      ['client.deleted', 'operator'],
    ]);
    for (const event of mine) {
      expect(event.at).toBeInstanceOf(Date);
      expect(Object.keys(event).sort()).toEqual(['actor', 'at', 'clientId', 'details', 'type']);
    }
    expect(JSON.stringify(mine)).not.toContain(client.client_secret);
    expect(JSON.stringify(mine)).not.toContain(client.registration_access_token);
  });

  it('publishes nothing for a rejected request', async () => {
    const before = seen.length;
    await request(t.server)
      .post('/register')
      .send({ redirect_uris: ['http://evil.example/cb'] })
      .expect(400);
    expect(seen.length).toBe(before);
  });
});
