import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { get } from 'node:http';
import pg from 'pg';
import {
  createTestSchema,
  startTcpProxy,
  TEST_DATABASE_URL,
  type TcpProxy,
  type TestSchema,
} from '@agent-runtimes/testing';
import {
  assertBuilt,
  killAllApps,
  logLines,
  spawnApp,
  startApp,
  stopApp,
  untilListening,
  untilLogged,
  type RunningApp,
} from './support/identity-process.js';
import { CONFIDENTIAL, json, post } from './support/operations-requests.js';
import { databaseUrlFor } from './support/test-database-url.js';

const TIMEOUT_MS = 60_000;

let schema: TestSchema;

beforeAll(async () => {
  assertBuilt();
  schema = await createTestSchema('identity_ops');
});

afterAll(async () => {
  await killAllApps();
  await schema.drop();
});

async function connectionsOf(applicationName: string): Promise<number> {
  const [row] = await schema.query<{ count: string }>(
    'SELECT count(*) FROM pg_stat_activity WHERE application_name = $1',
    [applicationName],
  );
  return Number(row?.count);
}

describe('readiness', () => {
  let proxy: TcpProxy;
  let app: RunningApp;

  beforeAll(async () => {
    const target = new URL(TEST_DATABASE_URL);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(TEST_DATABASE_URL);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    app = await startApp({
      DATABASE_URL: databaseUrlFor(schema, 'identity-ops-ready', viaProxy.toString()),
    });
  }, TIMEOUT_MS);

  afterAll(async () => {
    await stopApp(app);
    await proxy.close();
  });

  it(
    'reports the database: ready 200 when up, 503 when down, and live throughout',
    async () => {
      expect((await json(`${app.url}/health/ready`)).status).toBe(200);
      await proxy.cut();
      try {
        const ready = await json(`${app.url}/health/ready`);
        expect(ready.status).toBe(503);
        expect(ready.body.error.database.status).toBe('down');
        expect((await json(`${app.url}/health`)).status).toBe(200);
        expect((await post(`${app.url}/register`, CONFIDENTIAL)).status).toBe(503);
      } finally {
        await proxy.restore();
      }
      let status = 0;
      for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
        status = (await json(`${app.url}/health/ready`)).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(status).toBe(200);
    },
    TIMEOUT_MS,
  );

  it(
    "fails when the module's own queries fail, although the database answers a ping",
    async () => {
      expect((await json(`${app.url}/health/ready`)).status).toBe(200);
      // The server is up and `SELECT 1` works, but every registration query would fail.
      await schema.query('ALTER TABLE dcr_client RENAME TO dcr_client_away');
      try {
        const ready = await json(`${app.url}/health/ready`);
        expect(ready.status).toBe(503);
        expect(ready.body.error.database.status).toBe('down');
      } finally {
        await schema.query('ALTER TABLE dcr_client_away RENAME TO dcr_client');
      }
      expect((await json(`${app.url}/health/ready`)).status).toBe(200);
    },
    TIMEOUT_MS,
  );
});

describe('start-up with the database down', () => {
  it(
    'waits, one log line per attempt, and starts once the database is back',
    async () => {
      const target = new URL(TEST_DATABASE_URL);
      const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
      await proxy.cut();
      const viaProxy = new URL(TEST_DATABASE_URL);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      try {
        const starting = spawnApp({
          PORT: '0',
          ISSUER: 'http://127.0.0.1',
          DATABASE_URL: databaseUrlFor(schema, 'identity-ops-wait', viaProxy.toString()),
          DATABASE_WAIT_SECONDS: '30',
        });
        // The database comes back only once the app has found it down and said so.
        await untilLogged(starting, (entry) =>
          String(entry.msg).startsWith('Database unreachable'),
        );
        await proxy.restore();
        const app = await untilListening(starting);

        const waits = logLines(app).filter((entry) =>
          String(entry.msg).startsWith('Database unreachable'),
        );
        expect(waits.length).toBeGreaterThanOrEqual(1);
        expect(waits[0]).toMatchObject({ level: 'warn', context: 'Database' });
        expect(String(waits[0]?.msg)).toMatch(
          /^Database unreachable at 127\.0\.0\.1:\d+\/test \(ECONNREFUSED\); retrying in 2 s/,
        );
        expect(app.stdout() + app.stderr()).not.toMatch(/\n\s+at /);
        expect((await post(`${app.url}/register`, CONFIDENTIAL)).status).toBe(201);
        await stopApp(app);
      } finally {
        await proxy.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'gives up after DATABASE_WAIT_SECONDS with one fatal line and exit code 1',
    async () => {
      const app = spawnApp({
        PORT: '0',
        ISSUER: 'http://127.0.0.1',
        DATABASE_URL: 'postgres://postgres:do-not-log-me@127.0.0.1:9/test',
        DATABASE_WAIT_SECONDS: '1',
      });
      expect(await app.exited).toEqual({ code: 1, signal: null });
      const fatal = logLines(app).filter((entry) => entry.level === 'fatal');
      expect(fatal).toHaveLength(1);
      expect(String(fatal[0]?.msg)).toMatch(
        /^Database unreachable at 127\.0\.0\.1:9\/test .*giving up$/,
      );
      expect(app.stdout() + app.stderr()).not.toContain('do-not-log-me');
      expect(app.stdout() + app.stderr()).not.toMatch(/\n\s+at /);
    },
    TIMEOUT_MS,
  );
});

describe('SIGTERM', () => {
  it(
    'finishes a request in flight, refuses new ones, closes the pool and exits 0',
    async () => {
      const applicationName = 'identity-ops-sigterm';
      const app = await startApp({ DATABASE_URL: databaseUrlFor(schema, applicationName) });
      const { body: client } = await post(`${app.url}/register`, CONFIDENTIAL);

      // Hold the client's row so that a PUT is stuck in flight when SIGTERM arrives.
      const blocker = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query(
        `SELECT 1 FROM "${schema.name}".dcr_client WHERE client_id = $1 FOR UPDATE`,
        [client.client_id],
      );
      try {
        const inFlight = json(`${app.url}/register/${client.client_id}`, {
          method: 'PUT',
          headers: {
            Authorization: `Bearer ${client.registration_access_token}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({
            ...CONFIDENTIAL,
            client_id: client.client_id,
            client_name: 'finished',
          }),
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        app.child.kill('SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, 300));

        // A new connection, not a pooled keep-alive one: it must be refused (or answered 503).
        const refused = await new Promise<number | string>((resolve) => {
          const probe = get(`${app.url}/health`, { agent: false, timeout: 5000 }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          });
          probe.on('timeout', () => {
            probe.destroy();
            resolve('hung');
          });
          probe.on('error', () => resolve('refused'));
        });
        expect([503, 'refused']).toContain(refused);
        await blocker.query('COMMIT');

        const finished = await inFlight;
        expect(finished.status).toBe(200);
        expect(finished.body.client_name).toBe('finished');
        expect(await app.exited).toEqual({ code: 0, signal: null });
        expect(logLines(app).map((entry) => entry.msg)).toContain('Closed');
        expect(await connectionsOf(applicationName)).toBe(0);
      } finally {
        await blocker.query('ROLLBACK').catch(() => undefined);
        await blocker.end();
      }
    },
    TIMEOUT_MS,
  );
});
