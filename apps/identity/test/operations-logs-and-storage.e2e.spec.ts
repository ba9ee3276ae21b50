import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '@agent-runtimes/testing';
import {
  assertBuilt,
  killAllApps,
  logLines,
  startApp,
  stopApp,
  untilLogged,
  type RunningApp,
} from './support/identity-process.js';
import { CONFIDENTIAL, json, post } from './support/operations-requests.js';
import { databaseUrlFor } from './support/test-database-url.js';

const TIMEOUT_MS = 60_000;
const ADMIN_TOKEN = 'operations-admin-token-0123456789abcdef';

let schema: TestSchema;

beforeAll(async () => {
  assertBuilt();
  schema = await createTestSchema('identity_ops');
});

afterAll(async () => {
  await killAllApps();
  await schema.drop();
});

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

    const line = await untilLogged(app, (entry) => entry.reqId === 'ops-trace-1');
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

  it('logs no secret, token, software statement or Authorization header', async () => {
    // Lines are written asynchronously: wait for the line of a last request, so that every line of
    // the flows above is in the output being searched.
    await fetch(`${app.url}/health`, { headers: { 'X-Request-Id': 'ops-last-line' } });
    await untilLogged(app, (entry) => entry.reqId === 'ops-last-line');
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
