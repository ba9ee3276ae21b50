import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useIdentityOnTestSchema } from './support/in-process-identity.js';
import { PUBLIC_CLIENT } from './support/public-client.js';

const { startApp, schema } = useIdentityOnTestSchema();

describe('the client reaper from the environment', () => {
  it('deletes a client never used REAP_UNUSED_CLIENTS_AFTER_HOURS after registration', async () => {
    const app = await startApp({
      REAP_UNUSED_CLIENTS_AFTER_HOURS: '1',
      REAP_INTERVAL_SECONDS: '1',
    });
    const register = () =>
      request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send(PUBLIC_CLIENT)
        .expect(201)
        .then((response) => (response.body as { client_id: string }).client_id);
    const [old, recent] = [await register(), await register()];
    await schema().query(
      `UPDATE dcr_client SET issued_at = now() - interval '2 hours' WHERE client_id = $1`,
      [old],
    );
    const remaining = async () =>
      (await schema().query<{ client_id: string }>('SELECT client_id FROM dcr_client')).map(
        (row) => row.client_id,
      );
    // A hang guard only: the reaper passes every second.
    for (let waited = 0; (await remaining()).includes(old) && waited < 15_000; waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await remaining()).toEqual([recent]);
  });
});
