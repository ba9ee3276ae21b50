import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import {
  assertBuilt,
  killAllApps,
  startApp,
  stopApp,
  type RunningApp,
} from './support/identity-process.js';
import { databaseUrlFor } from './support/test-database-url.js';

// Scale-out model: stateless app instances behind a load balancer, PostgreSQL the one source of
// truth. Two processes share one database; whatever one does, the other sees.
const TIMEOUT_MS = 90_000;
const ADMIN_TOKEN = 'scale-out-admin-token-0123456789abcdef';
const BODY = {
  client_name: 'Scaled',
  redirect_uris: ['https://app.example.com/cb'],
  token_endpoint_auth_method: 'client_secret_post',
};

let schema: TestSchema;
let a: RunningApp;
let b: RunningApp;

beforeAll(async () => {
  assertBuilt();
  schema = await createTestSchema('identity_scale');
  // Start one first: it runs the migrations; the second finds them applied.
  const env = {
    DATABASE_URL: databaseUrlFor(schema, 'identity-scale'),
    ADMIN_TOKEN,
    DATABASE_POOL_SIZE: '4',
  };
  a = await startApp(env);
  b = await startApp(env);
}, TIMEOUT_MS);

afterAll(async () => {
  await Promise.all([a, b].filter(Boolean).map((app) => stopApp(app)));
  await killAllApps();
  await schema.drop();
});

async function call(method: string, url: string, token?: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('two instances on one database', () => {
  it(
    'reads, updates and deletes through B a client registered through A',
    async () => {
      const { body: client } = await call('POST', `${a.url}/register`, undefined, BODY);
      const onB = `${b.url}/register/${client.client_id}`;
      const token = client.registration_access_token as string;

      expect((await call('GET', onB, token)).body.client_name).toBe('Scaled');
      expect(
        (
          await call('PUT', onB, token, {
            ...BODY,
            client_id: client.client_id,
            client_name: 'via B',
          })
        ).status,
      ).toBe(200);
      expect(
        (await call('GET', `${a.url}/register/${client.client_id}`, token)).body.client_name,
      ).toBe('via B');
      expect((await call('DELETE', onB, token)).status).toBe(204);
      expect((await call('GET', `${a.url}/register/${client.client_id}`, token)).status).toBe(401);
    },
    TIMEOUT_MS,
  );

  it(
    'never loses an update when parallel PUTs are spread over A and B',
    async () => {
      const { body: client } = await call('POST', `${a.url}/register`, undefined, BODY);
      const token = client.registration_access_token as string;
      const documents = Array.from({ length: 24 }, (_, i) => ({
        ...BODY,
        client_id: client.client_id,
        client_name: `doc-${i}`,
      }));

      const statuses = await Promise.all(
        documents.map((document, i) =>
          call('PUT', `${(i % 2 ? a : b).url}/register/${client.client_id}`, token, document).then(
            (r) => r.status,
          ),
        ),
      );
      expect(statuses).toEqual(documents.map(() => 200));
      const [row] = await schema.query<{ version: number; metadata: { client_name: string } }>(
        'SELECT version, metadata FROM dcr_client WHERE client_id = $1',
        [client.client_id],
      );
      expect(row?.version).toBe(1 + documents.length);
      expect(documents.map((d) => d.client_name)).toContain(row?.metadata.client_name);
      const viaA = await call('GET', `${a.url}/register/${client.client_id}`, token);
      const viaB = await call('GET', `${b.url}/register/${client.client_id}`, token);
      expect(viaA.body).toEqual(viaB.body);
    },
    TIMEOUT_MS,
  );

  it(
    'lets an operator on A recover a token that then works on B',
    async () => {
      const { body: client } = await call('POST', `${a.url}/register`, undefined, BODY);
      const reissued = await call(
        'POST',
        `${a.url}/admin/clients/${client.client_id}/registration-token`,
        ADMIN_TOKEN,
      );
      expect(reissued.status).toBe(201);
      const onB = `${b.url}/register/${client.client_id}`;
      expect((await call('GET', onB, reissued.body.registration_access_token)).status).toBe(200);
      expect((await call('GET', onB, client.registration_access_token)).status).toBe(401);
    },
    TIMEOUT_MS,
  );
});
