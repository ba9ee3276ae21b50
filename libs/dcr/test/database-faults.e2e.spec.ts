import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTcpProxy, TEST_DATABASE_URL, type TcpProxy } from '@agent-runtimes/testing';
import request from 'supertest';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { sleep } from './support/sleep.js';

// The app reaches PostgreSQL through a proxy the test controls: cutting it is, for the app, the
// database going down (connections dropped, new ones refused); restoring it, the database back.
const target = new URL(TEST_DATABASE_URL);
const body = { redirect_uris: ['https://a.example/cb'], token_endpoint_auth_method: 'none' };

let proxy: TcpProxy;
let t: DcrTestApp;

beforeAll(async () => {
  proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const url = new URL(TEST_DATABASE_URL);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  t = await createDcrTestApp({
    databaseUrl: url.toString(),
    // Fail fast while the database is away: no waiting forever for a connection.
    poolOptions: { connectionTimeoutMillis: 1000, max: 4 },
  });
});

afterAll(async () => {
  await t.close();
  await proxy.close();
});

const register = () => request(t.server).post('/register').send(body);

describe('database outage', () => {
  it('answers 503 temporarily_unavailable quickly while the database is down', async () => {
    await register().expect(201);
    await proxy.cut();
    try {
      const started = Date.now();
      const responses = await Promise.all(Array.from({ length: 8 }, () => register()));
      const elapsed = Date.now() - started;

      for (const response of responses) {
        expect(response.status).toBe(503);
        expect(response.body).toEqual({
          error: 'temporarily_unavailable',
          error_description: expect.any(String),
        });
        expect(response.headers['retry-after']).toBe('1');
        expect(response.headers['cache-control']).toBe('no-store');
      }
      expect(elapsed).toBeLessThan(5000);
    } finally {
      await proxy.restore();
    }
  });

  it('recovers without a restart once the database is back', async () => {
    await proxy.cut();
    await register().expect(503);
    await proxy.restore();
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 201; attempt++) {
      status = (await register()).status;
      if (status !== 201) await sleep(250);
    }
    expect(status).toBe(201);
  });

  it('loses no acknowledged registration when the database drops mid-flight', async () => {
    const acknowledged: string[] = [];
    let failures = 0;
    const load = Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        await sleep(i * 5);
        const response = await register();
        if (response.status === 201) acknowledged.push(response.body.client_id as string);
        else {
          expect([503]).toContain(response.status);
          failures++;
        }
      }),
    );
    await sleep(100);
    await proxy.cut();
    await sleep(150);
    await proxy.restore();
    await load;

    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.length + failures).toBe(60);
    const rows = await t.schema.query<{ client_id: string }>(
      'SELECT client_id FROM dcr_client WHERE client_id = ANY($1)',
      [acknowledged],
    );
    expect(rows.map((row) => row.client_id).sort()).toEqual([...acknowledged].sort());
  });

  it('answers 503 when the server terminates the backends (pg_terminate_backend)', async () => {
    await register().expect(201);
    // Kill every connection of this app's pool, on the real server.
    await t.schema.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE pid <> pg_backend_pid() AND application_name = $1`,
      [t.applicationName],
    );
    const statuses = new Set<number>();
    for (let i = 0; i < 5; i++) statuses.add((await register()).status);
    // The pool discards dead connections and reconnects; at worst a request sees a 503.
    expect([...statuses].every((status) => status === 201 || status === 503)).toBe(true);
    await register().expect(201);
  });
});
