import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { confidential, pathOf, registerClientAt } from './support/client-configuration-requests.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';

let t: DcrTestApp;

beforeAll(async () => {
  t = await createDcrTestApp();
});

afterAll(async () => {
  await t.close();
});

const registerClient = (body?: object) => registerClientAt(t.server, body);

describe('concurrency', () => {
  it('serializes 24 parallel PUTs: the final state is exactly one of the submitted documents', async () => {
    const client = await registerClient();
    const documents = Array.from({ length: 24 }, (_, i) => ({
      ...confidential,
      client_id: client.client_id,
      client_name: `name-${i}`,
      contacts: [`owner-${i}@example.com`],
      scope: `scope-${i}`,
    }));

    const responses = await Promise.all(
      documents.map((document) =>
        request(t.server)
          .put(pathOf(client))
          .set('Authorization', `Bearer ${client.registration_access_token}`)
          .send(document),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(documents.map(() => 200));

    const [row] = await t.schema.query<{ metadata: Record<string, unknown>; version: number }>(
      'SELECT metadata, version FROM dcr_client WHERE client_id = $1',
      [client.client_id],
    );
    const i = Number(String(row?.metadata.client_name).replace('name-', ''));
    expect(row?.metadata).toMatchObject({
      client_name: `name-${i}`,
      contacts: [`owner-${i}@example.com`],
      scope: `scope-${i}`,
    });
    expect(row?.version).toBe(1 + documents.length);
  });

  it('never resurrects a client when PUTs race a DELETE', async () => {
    const client = await registerClient();
    const auth = `Bearer ${client.registration_access_token}`;
    const body = { ...confidential, client_id: client.client_id };
    const calls = [
      ...Array.from({ length: 10 }, () =>
        request(t.server).put(pathOf(client)).set('Authorization', auth).send(body),
      ),
      request(t.server).delete(pathOf(client)).set('Authorization', auth),
      ...Array.from({ length: 10 }, () =>
        request(t.server).put(pathOf(client)).set('Authorization', auth).send(body),
      ),
    ];
    const statuses = (await Promise.all(calls)).map((r) => r.status);

    expect(statuses[10]).toBe(204);
    expect(statuses.every((status) => [200, 204, 401].includes(status))).toBe(true);
    expect(
      await t.schema.query('SELECT 1 FROM dcr_client WHERE client_id = $1', [client.client_id]),
    ).toEqual([]);
  });
});
