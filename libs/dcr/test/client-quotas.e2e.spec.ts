import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import {
  ADMIN_TOKEN,
  mintToken,
  registerWith,
  remainingUses,
} from './support/initial-access-requests.js';
import { publicClient } from './support/registration-requests.js';

describe('client quotas, over two instances', () => {
  let first: DcrTestApp;
  let second: DcrTestApp;

  beforeAll(async () => {
    const options = {
      adminPath: 'admin',
      dcr: {
        adminToken: ADMIN_TOKEN,
        registration: {
          mode: 'mixed' as const,
          maxClients: 8,
          maxClientsPerSoftwareId: 2,
          maxClientsPerInitialAccessToken: 1,
        },
      },
    };
    first = await createDcrTestApp(options);
    second = await createDcrTestApp({ ...options, schema: first.schema });
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('holds the per-software_id limit under parallel registrations: 2 of 6 get 201, the others 403', async () => {
    const body = { ...publicClient, software_id: 'race-software' };
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        registerWith((index % 2 ? first : second).server, body),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([
      201, 201, 403, 403, 403, 403,
    ]);
    expect(responses.find((response) => response.status === 403)?.body).toEqual({
      error: 'access_denied',
      error_description:
        'software_id: this software_id has reached its limit of 2 registered clients (policy max_clients_per_software_id)',
      policy: 'max_clients_per_software_id',
      field: '/software_id',
    });
  });

  it('frees a place when a client is deleted', async () => {
    const body = { ...publicClient, software_id: 'deletable' };
    const registered = (await registerWith(first.server, body).expect(201)).body as Record<
      string,
      string
    >;
    await registerWith(first.server, body).expect(201);
    await registerWith(first.server, body).expect(403);
    await request(first.server)
      .delete(new URL(registered.registration_client_uri).pathname)
      .set('Authorization', `Bearer ${registered.registration_access_token}`)
      .expect(204);
    await registerWith(second.server, body).expect(201);
  });

  it('holds the per-token limit, and a refusal uses nothing of the token', async () => {
    const minted = await mintToken(first, { expires_in: 3600, max_uses: 5 });
    await registerWith(first.server, publicClient, minted.token).expect(201);
    const response = await registerWith(second.server, publicClient, minted.token).expect(403);
    expect(response.body).toMatchObject({
      error: 'access_denied',
      policy: 'max_clients_per_initial_access_token',
      field: '',
    });
    expect(await remainingUses(first, minted.id)).toBe(4);
  });

  it('holds the global limit under parallel registrations', async () => {
    const existing = await first.countClients();
    expect(existing).toBeLessThan(8);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        registerWith((index % 2 ? first : second).server, publicClient),
      ),
    );
    const created = responses.filter((response) => response.status === 201).length;
    expect(created).toBe(8 - existing);
    expect(responses.filter((response) => response.status === 403)).toHaveLength(10 - created);
    expect(responses.find((response) => response.status === 403)?.body).toMatchObject({
      error: 'access_denied',
      policy: 'max_clients',
      field: '',
    });
    expect(await first.countClients()).toBe(8);
  });
});
