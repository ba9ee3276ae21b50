import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
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
  type RunningApp,
} from './support/identity-process.js';
import { databaseUrlFor } from './support/test-database-url.js';

const TIMEOUT_MS = 60_000;
const ADMIN_TOKEN = 'operations-admin-token-0123456789abcdef';
const CONFIDENTIAL = {
  client_name: 'Ops',
  redirect_uris: ['https://app.example.com/cb'],
  token_endpoint_auth_method: 'client_secret_basic',
};

let schema: TestSchema;

beforeAll(async () => {
  assertBuilt();
  schema = await createTestSchema('identity_ops');
});

afterAll(async () => {
  await killAllApps();
  await schema.drop();
});

// Response bodies are whatever JSON the app sent; tests read fields from them freely.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function json(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
    headers: response.headers,
  };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  json(url, {
    method: 'POST',
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
  });

async function connectionsOf(applicationName: string): Promise<number> {
  const [row] = await schema.query<{ count: string }>(
    'SELECT count(*) FROM pg_stat_activity WHERE application_name = $1',
    [applicationName],
  );
  return Number(row?.count);
}

describe('logs and stored data', () => {
  let app: RunningApp;
  const secrets: string[] = [];

  beforeAll(async () => {
    app = await startApp({
      DATABASE_URL: databaseUrlFor(schema, 'identity-ops-logs'),
      ADMIN_TOKEN,
      REGISTRATION_TOKEN_ROTATION: 'true',
      LOG_LEVEL: 'trace',
    });
    secrets.push(ADMIN_TOKEN);

    // Every flow that carries a credential, once.
    const registered = await post(`${app.url}/register`, CONFIDENTIAL);
    expect(registered.status).toBe(201);
    const { client_id, client_secret, registration_access_token } = registered.body;
    secrets.push(client_secret, registration_access_token);
    const path = `${app.url}/register/${client_id}`;

    const read = await json(path, {
      headers: { Authorization: `Bearer ${registration_access_token}` },
    });
    expect(read.status).toBe(200);
    const updated = await json(path, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${registration_access_token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ ...CONFIDENTIAL, client_id, client_secret }),
    });
    expect(updated.status).toBe(200);
    secrets.push(updated.body.registration_access_token);
    const reissued = await post(
      `${app.url}/admin/clients/${client_id}/registration-token`,
      undefined,
      {
        Authorization: `Bearer ${ADMIN_TOKEN}`,
      },
    );
    expect(reissued.status).toBe(201);
    secrets.push(reissued.body.registration_access_token);

    // Credentials in requests that fail, and a software statement.
    const statement =
      'eyJhbGciOiJIUzI1NiJ9.eyJzb2Z0d2FyZV9pZCI6InN0YXRlbWVudC1zZWNyZXQifQ.c2lnbmF0dXJl';
    secrets.push(statement);
    expect(
      (await post(`${app.url}/register`, { ...CONFIDENTIAL, software_statement: statement }))
        .status,
    ).toBe(400);
    expect(
      (await json(path, { headers: { Authorization: 'Bearer wrong-token-value-0123456789' } }))
        .status,
    ).toBe(401);
    secrets.push('wrong-token-value-0123456789');
    expect((await post(`${app.url}/register`, `{"client_secret":"${client_secret}",`)).status).toBe(
      400,
    );
  }, TIMEOUT_MS);

  afterAll(async () => {
    await stopApp(app);
  });

  it('writes one JSON line per request with request id, method, path, status and latency', async () => {
    const response = await fetch(`${app.url}/health?probe=1`, {
      headers: { 'X-Request-Id': 'ops-trace-1' },
    });
    expect(response.headers.get('x-request-id')).toBe('ops-trace-1');
    await new Promise((resolve) => setTimeout(resolve, 100));

    const line = logLines(app).find((entry) => entry.reqId === 'ops-trace-1');
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      path: '/health',
      status: 200,
    });
    expect(typeof line?.ms).toBe('number');
    const requests = logLines(app).filter((entry) => entry.msg === 'request');
    expect(requests.map((entry) => entry.path)).toEqual(
      expect.arrayContaining(['/register', expect.stringMatching(/^\/register\/[A-Za-z0-9_-]+$/)]),
    );
  });

  it('ignores an X-Request-Id that is not an identifier', async () => {
    const response = await fetch(`${app.url}/health`, {
      headers: { 'X-Request-Id': 'a b {"forged":1}' },
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs no secret, token, software statement or Authorization header', () => {
    const output = app.stdout() + app.stderr();
    expect(output.length).toBeGreaterThan(1000);
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/Bearer /);
    expect(output.toLowerCase()).not.toContain('"authorization"');
  });

  it('stores no secret or token in plain text: a pg_dump of the schema contains none', async () => {
    const { stdout: dump } = await promisify(execFile)(
      'pg_dump',
      ['--dbname', TEST_DATABASE_URL, '--schema', schema.name, '--data-only', '--inserts'],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    expect(dump).toContain('dcr_client');
    for (const secret of secrets) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(Buffer.from(secret).toString('hex'));
      expect(dump).not.toContain(Buffer.from(secret).toString('base64'));
    }
  });
});

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
        const starting = startApp({
          DATABASE_URL: databaseUrlFor(schema, 'identity-ops-wait', viaProxy.toString()),
          DATABASE_WAIT_SECONDS: '30',
        });
        await new Promise((resolve) => setTimeout(resolve, 4500));
        await proxy.restore();
        const app = await starting;

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
