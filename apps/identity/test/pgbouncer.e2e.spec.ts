import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createScratchDatabase,
  startPgBouncer,
  type PgBouncer,
  type ScratchDatabase,
} from '@agent-runtimes/testing';
import {
  assertBuilt,
  killAllApps,
  startApp,
  stopApp,
  type RunningApp,
} from './support/identity-process.js';
import { json, post } from './support/operations-requests.js';

// PgBouncer as Debian ships it (1.18: no prepared statements in transaction pooling, and it refuses
// unknown startup parameters such as statement_timeout), in transaction mode, in front of a
// database of its own. The app pools more connections than PgBouncer has server connections, so
// consecutive statements of one app connection land on different server connections. At 5f29789
// the app did not start ("unsupported startup parameter: statement_timeout"), and with that
// parameter ignored, named prepared statements failed 16 of 50 parallel registrations.
const TIMEOUT_MS = 120_000;
const BODY = {
  client_name: 'Pooled',
  redirect_uris: ['https://app.example.com/cb'],
  token_endpoint_auth_method: 'client_secret_basic',
};

describe('apps/identity through PgBouncer in transaction pooling mode', () => {
  let database: ScratchDatabase;
  let pgbouncer: PgBouncer;
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    assertBuilt();
    database = await createScratchDatabase('identity_pgbouncer');
    pgbouncer = await startPgBouncer(database.url, 4);
    // Two instances started at once: their migrations take turns through the pooler too.
    const env = { DATABASE_URL: pgbouncer.url, DATABASE_POOL_SIZE: '16' };
    apps.push(...(await Promise.all([startApp(env), startApp(env)])));
  }, TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(apps.map((app) => stopApp(app)));
    await killAllApps();
    await pgbouncer?.stop();
    await database?.drop();
  });

  it(
    'answers 50 parallel registrations, 20 parallel updates, reads and deletes without a 5xx',
    async () => {
      const [a, b] = apps as [RunningApp, RunningApp];
      const registered = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          post(`${(i % 2 ? a : b).url}/register`, { ...BODY, client_name: `Pooled ${i}` }),
        ),
      );
      expect(registered.map((response) => response.status)).toEqual(Array(50).fill(201));
      const [{ count }] = await database.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM dcr_client',
      );
      expect(count).toBe(50);

      const client = registered[0]?.body as Record<string, string>;
      const auth = { Authorization: `Bearer ${client.registration_access_token}` };
      const path = `/register/${client.client_id}`;
      const updates = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          json(`${(i % 2 ? a : b).url}${path}`, {
            method: 'PUT',
            headers: { ...auth, 'Content-Type': 'application/json' },
            body: JSON.stringify({ ...BODY, client_id: client.client_id, client_name: `v${i}` }),
          }),
        ),
      );
      expect(updates.map((response) => response.status)).toEqual(Array(20).fill(200));
      const [{ version }] = await database.query<{ version: number }>(
        'SELECT version FROM dcr_client WHERE client_id = $1',
        [client.client_id],
      );
      expect(version).toBe(21);

      const reads = await Promise.all(
        registered.map((response) => {
          const { client_id, registration_access_token } = response.body as Record<string, string>;
          return json(`${a.url}/register/${client_id}`, {
            headers: { Authorization: `Bearer ${registration_access_token}` },
          });
        }),
      );
      expect(reads.map((response) => response.status)).toEqual(Array(50).fill(200));
      expect((await json(`${b.url}/health/ready`)).status).toBe(200);
      expect((await json(`${b.url}${path}`, { method: 'DELETE', headers: auth })).status).toBe(204);
      expect((await json(`${a.url}${path}`, { headers: auth })).status).toBe(401);
    },
    TIMEOUT_MS,
  );

  it('ran each migration once, through the pooler', async () => {
    const rows = await database.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM migrations GROUP BY name HAVING count(*) > 1',
    );
    expect(rows).toEqual([]);
  });
});
