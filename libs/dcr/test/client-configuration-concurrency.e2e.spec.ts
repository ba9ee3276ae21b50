import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { confidential, pathOf, registerClientAt } from './support/client-configuration-requests.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';

const ADMIN_TOKEN = 'admin-token-for-concurrency-0123456789abcdef';
let t: DcrTestApp;

beforeAll(async () => {
  t = await createDcrTestApp({ adminPath: 'admin', dcr: { adminToken: ADMIN_TOKEN } });
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

  it("refuses a DELETE with a token an operator's re-issue revoked while the DELETE waited", async () => {
    const client = await registerClient();
    // The test holds the client's row lock, so that the operator's re-issue queues first and the
    // client's DELETE second; then it lets them go, in that order.
    const holder = new pg.Client({ connectionString: t.schema.connection.url });
    await holder.connect();
    try {
      await holder.query(`SET search_path TO "${t.schema.name}"`);
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM dcr_client WHERE client_id = $1 FOR UPDATE', [
        client.client_id,
      ]);
      const reissue = request(t.server)
        .post(`/admin/clients/${client.client_id}/registration-token`)
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .then((response) => response);
      await untilWaitingOnLocks(1);
      const deletion = request(t.server)
        .delete(pathOf(client))
        .set('Authorization', `Bearer ${client.registration_access_token}`)
        .then((response) => response);
      await untilWaitingOnLocks(2);
      await holder.query('COMMIT');

      const [reissued, deleted] = await Promise.all([reissue, deletion]);
      expect(reissued.status).toBe(201);
      expect(deleted.status).toBe(401);
      await request(t.server)
        .get(pathOf(client))
        .set('Authorization', `Bearer ${reissued.body.registration_access_token}`)
        .expect(200);
    } finally {
      await holder.end();
    }
  });
});

/** Waits until `count` of the app's statements wait on a lock (the test's row lock). */
async function untilWaitingOnLocks(count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [row] = await t.schema.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE application_name = $1 AND wait_event_type = 'Lock'`,
      [t.applicationName],
    );
    if ((row?.waiting ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`fewer than ${count} statements of the app waited on the lock`);
}
