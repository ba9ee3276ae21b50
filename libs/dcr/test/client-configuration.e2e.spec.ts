import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createDcrTestApp, TEST_ISSUER, type DcrTestApp } from './support/dcr-test-app.js';

const confidential = {
  client_name: 'Config Client',
  redirect_uris: ['https://app.example.com/cb'],
  token_endpoint_auth_method: 'client_secret_basic',
  scope: 'read write',
};

let t: DcrTestApp;

beforeAll(async () => {
  t = await createDcrTestApp();
});

afterAll(async () => {
  await t.close();
});

interface Registered {
  client_id: string;
  client_secret?: string;
  registration_access_token: string;
  registration_client_uri: string;
  client_id_issued_at: number;
}

async function registerClient(body: object = confidential): Promise<Registered> {
  return (await request(t.server).post('/register').send(body).expect(201)).body as Registered;
}

const pathOf = (client: Registered) => new URL(client.registration_client_uri).pathname;

function expectInvalidToken(response: request.Response): void {
  expect(response.status).toBe(401);
  expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.body).toEqual({ error: 'invalid_token', error_description: expect.any(String) });
}

describe('GET registration_client_uri (RFC 7592 §2.1)', () => {
  it('returns the current registration with the valid token, without the secret', async () => {
    const client = await registerClient();
    const response = await request(t.server)
      .get(pathOf(client))
      .set('Authorization', `Bearer ${client.registration_access_token}`)
      .expect(200);

    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['pragma']).toBe('no-cache');
    expect(response.body).toEqual({
      client_id: client.client_id,
      client_id_issued_at: client.client_id_issued_at,
      client_secret_expires_at: 0,
      registration_access_token: client.registration_access_token,
      registration_client_uri: `${TEST_ISSUER}/register/${client.client_id}`,
      redirect_uris: ['https://app.example.com/cb'],
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      client_name: 'Config Client',
      scope: 'read write',
    });
  });

  it('accepts the scheme name in any case (RFC 9110 §11.1)', async () => {
    const client = await registerClient();
    await request(t.server)
      .get(pathOf(client))
      .set('Authorization', `bEaReR ${client.registration_access_token}`)
      .expect(200);
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty header', ''],
    ['another scheme', 'Basic Zm9vOmJhcg=='],
    ['a malformed bearer', 'Bearer a b'],
    ['an unknown token', 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ])('answers 401 invalid_token for %s', async (_case, authorization) => {
    const client = await registerClient();
    const call = request(t.server).get(pathOf(client));
    if (authorization !== undefined) call.set('Authorization', authorization);
    expectInvalidToken(await call);
  });

  it('answers 401, not 404, for an unknown client id, and reveals nothing of it', async () => {
    const client = await registerClient();
    const response = await request(t.server)
      .get('/register/no-such-client')
      .set('Authorization', `Bearer ${client.registration_access_token}`);
    expectInvalidToken(response);
  });

  it("refuses client A's token on client B's URI and reveals nothing of B", async () => {
    const a = await registerClient();
    const b = await registerClient({ ...confidential, client_name: 'Secret B' });
    const response = await request(t.server)
      .get(pathOf(b))
      .set('Authorization', `Bearer ${a.registration_access_token}`);
    expectInvalidToken(response);
    expect(JSON.stringify(response.body)).not.toContain('Secret B');
    expect(JSON.stringify(response.body)).not.toContain(b.client_id);
  });
});

describe('PUT registration_client_uri (RFC 7592 §2.2)', () => {
  const put = (client: Registered, body: object, token = client.registration_access_token) =>
    request(t.server).put(pathOf(client)).set('Authorization', `Bearer ${token}`).send(body);

  it('replaces the registration: omitted fields are removed or reset to defaults', async () => {
    const client = await registerClient({
      ...confidential,
      grant_types: ['authorization_code', 'refresh_token'],
      contacts: ['a@example.com'],
      'client_name#fr': 'Client de config',
    });
    const response = await put(client, {
      client_id: client.client_id,
      redirect_uris: ['https://app.example.com/new-cb'],
      client_name: 'Renamed',
    }).expect(200);

    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      client_id: client.client_id,
      client_id_issued_at: client.client_id_issued_at,
      client_secret_expires_at: 0,
      registration_access_token: client.registration_access_token,
      registration_client_uri: client.registration_client_uri,
      redirect_uris: ['https://app.example.com/new-cb'],
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      client_name: 'Renamed',
    });
    const read = await request(t.server)
      .get(pathOf(client))
      .set('Authorization', `Bearer ${client.registration_access_token}`)
      .expect(200);
    expect(read.body).toEqual(response.body);
  });

  it('increments the version and sets updated_at', async () => {
    const client = await registerClient();
    await put(client, { ...confidential, client_id: client.client_id, client_name: 'v2' }).expect(
      200,
    );
    const [row] = await t.schema.query<{ version: number; updated_at: Date; issued_at: Date }>(
      'SELECT version, updated_at, issued_at FROM dcr_client WHERE client_id = $1',
      [client.client_id],
    );
    expect(row?.version).toBe(2);
    expect(row.updated_at.getTime()).toBeGreaterThanOrEqual(row.issued_at.getTime());
  });

  it('echoes the current secret when the client sends it, and refuses any other', async () => {
    const client = await registerClient();
    const echoed = await put(client, {
      ...confidential,
      client_id: client.client_id,
      client_secret: client.client_secret,
    }).expect(200);
    expect(echoed.body.client_secret).toBe(client.client_secret);

    const before = await t.schema.query('SELECT * FROM dcr_client WHERE client_id = $1', [
      client.client_id,
    ]);
    const chosen = await put(client, {
      ...confidential,
      client_id: client.client_id,
      client_secret: 'a-secret-the-client-would-like',
    }).expect(400);
    expect(chosen.body).toEqual({
      error: 'invalid_client_metadata',
      error_description: expect.stringMatching(/^client_secret: must be the current client secret/),
    });
    const after = await t.schema.query('SELECT * FROM dcr_client WHERE client_id = $1', [
      client.client_id,
    ]);
    expect(after).toEqual(before);
  });

  it.each([
    ['a missing client_id', {}, /^client_id: /],
    ['another client_id', { client_id: 'someone-else' }, /^client_id: /],
    [
      'registration_access_token',
      { registration_access_token: 'x' },
      /^registration_access_token: /,
    ],
    [
      'registration_client_uri',
      { registration_client_uri: 'https://x' },
      /^registration_client_uri: /,
    ],
    ['client_secret_expires_at', { client_secret_expires_at: 0 }, /^client_secret_expires_at: /],
    ['client_id_issued_at', { client_id_issued_at: 1 }, /^client_id_issued_at: /],
  ])(
    'answers 400 invalid_client_metadata for %s, changing nothing',
    async (_case, extra, message) => {
      const client = await registerClient();
      const body = { ...confidential, client_id: client.client_id, ...extra };
      if (_case === 'a missing client_id') delete (body as { client_id?: string }).client_id;
      const before = await t.schema.query('SELECT * FROM dcr_client WHERE client_id = $1', [
        client.client_id,
      ]);

      const response = await put(client, body).expect(400);

      expect(response.body).toEqual({
        error: 'invalid_client_metadata',
        error_description: expect.stringMatching(message),
      });
      expect(
        await t.schema.query('SELECT * FROM dcr_client WHERE client_id = $1', [client.client_id]),
      ).toEqual(before);
    },
  );

  it('applies the registration rules, with the same errors', async () => {
    const client = await registerClient();
    const response = await put(client, {
      client_id: client.client_id,
      redirect_uris: ['http://app.example.com/cb'],
    }).expect(400);
    expect(response.body.error).toBe('invalid_redirect_uri');
  });

  it('checks the token before the body: a stranger learns nothing from body errors', async () => {
    const client = await registerClient();
    expectInvalidToken(await put(client, { client_id: 'x', redirect_uris: 'nope' }, 'wrong-token'));
  });

  it('issues a secret, once, when a public client becomes confidential, and removes it back', async () => {
    const client = await registerClient({ ...confidential, token_endpoint_auth_method: 'none' });
    expect(client.client_secret).toBeUndefined();

    const confidentialNow = await put(client, {
      ...confidential,
      client_id: client.client_id,
      token_endpoint_auth_method: 'client_secret_post',
    }).expect(200);
    expect(confidentialNow.body.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(confidentialNow.body.client_secret_expires_at).toBe(0);

    const read = await request(t.server)
      .get(pathOf(client))
      .set('Authorization', `Bearer ${client.registration_access_token}`)
      .expect(200);
    expect(read.body).not.toHaveProperty('client_secret');
    expect(read.body.client_secret_expires_at).toBe(0);

    const publicAgain = await put(client, {
      ...confidential,
      client_id: client.client_id,
      token_endpoint_auth_method: 'none',
    }).expect(200);
    expect(publicAgain.body).not.toHaveProperty('client_secret');
    expect(publicAgain.body).not.toHaveProperty('client_secret_expires_at');
    const [row] = await t.schema.query<{ client_secret_digest: Buffer | null }>(
      'SELECT client_secret_digest FROM dcr_client WHERE client_id = $1',
      [client.client_id],
    );
    expect(row?.client_secret_digest).toBeNull();
  });

  it('answers 400 for a body that is not JSON', async () => {
    const client = await registerClient();
    const response = await request(t.server)
      .put(pathOf(client))
      .set('Authorization', `Bearer ${client.registration_access_token}`)
      .set('content-type', 'application/json')
      .send('[1, 2');
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_client_metadata');
  });
});

describe('DELETE registration_client_uri (RFC 7592 §2.3)', () => {
  it('answers 204; afterwards the id and the token are invalid and a second delete is 401', async () => {
    const client = await registerClient();
    const auth = `Bearer ${client.registration_access_token}`;

    const deleted = await request(t.server).delete(pathOf(client)).set('Authorization', auth);
    expect(deleted.status).toBe(204);
    expect(deleted.headers['cache-control']).toBe('no-store');
    expect(deleted.text).toBe('');

    expectInvalidToken(await request(t.server).get(pathOf(client)).set('Authorization', auth));
    expectInvalidToken(await request(t.server).delete(pathOf(client)).set('Authorization', auth));
    expect(
      await t.schema.query('SELECT 1 FROM dcr_client WHERE client_id = $1', [client.client_id]),
    ).toEqual([]);
  });

  it("refuses to delete with another client's token", async () => {
    const a = await registerClient();
    const b = await registerClient();
    expectInvalidToken(
      await request(t.server)
        .delete(pathOf(b))
        .set('Authorization', `Bearer ${a.registration_access_token}`),
    );
    await request(t.server)
      .get(pathOf(b))
      .set('Authorization', `Bearer ${b.registration_access_token}`)
      .expect(200);
  });
});

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
