import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { postRegistration, publicClient } from './support/registration-requests.js';

// The HTTP answers of the metadata rules of issues 8 and 9, under the default policy, on the real
// PostgreSQL server: each refusal is a 400 naming the field, and writes nothing.

let t: DcrTestApp;

beforeAll(async () => {
  t = await createDcrTestApp();
});

afterAll(async () => {
  await t.close();
});

const register = (body: unknown) => postRegistration(t.server, body);

/** Expects a 400 with `error`, a description matching `description` and the `field` pointer. */
async function expectRefused(
  body: object,
  error: string,
  description: RegExp,
  field: string,
): Promise<void> {
  const before = await t.countClients();
  const response = await register(body);
  expect(response.status).toBe(400);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.body).toEqual({
    error,
    error_description: expect.stringMatching(description),
    field,
  });
  expect(await t.countClients()).toBe(before);
}

describe('empty lists (issue 8)', () => {
  it('refuses private_key_jwt with an empty key set', async () => {
    await expectRefused(
      { ...publicClient, token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [] } },
      'invalid_client_metadata',
      /^jwks\.keys: must hold at least one key/,
      '/jwks/keys',
    );
  });

  it('refuses an explicit grant_types: []', async () => {
    await expectRefused(
      { ...publicClient, grant_types: [] },
      'invalid_client_metadata',
      /^grant_types: must list at least one grant type/,
      '/grant_types',
    );
  });

  it('registers a client_credentials-only client with response_types: []', async () => {
    const { body } = await register({
      grant_types: ['client_credentials'],
      response_types: [],
    }).expect(201);
    expect(body.grant_types).toEqual(['client_credentials']);
    expect(body.response_types).toEqual([]);
  });
});

describe('language tags are case-insensitive (issue 8)', () => {
  it('refuses client_name#en and client_name#EN in one body', async () => {
    await expectRefused(
      { ...publicClient, 'client_name#en': 'Agent', 'client_name#EN': 'Agent' },
      'invalid_client_metadata',
      /^client_name#EN: the same field as client_name#en/,
      '/client_name#EN',
    );
  });

  it('stores and echoes the canonical case of a tag', async () => {
    const { body } = await register({
      ...publicClient,
      'client_name#EN-us': 'Agent',
      'client_name#ZH-hant-TW': '代理',
    }).expect(201);
    expect(body['client_name#en-US']).toBe('Agent');
    expect(body['client_name#zh-Hant-TW']).toBe('代理');
    expect(body).not.toHaveProperty('client_name#EN-us');
    const [row] = await t.schema.query<{ metadata: Record<string, unknown> }>(
      'SELECT metadata FROM dcr_client WHERE client_id = $1',
      [body.client_id],
    );
    expect(Object.keys(row.metadata).filter((key) => key.includes('#'))).toEqual(
      expect.arrayContaining(['client_name#en-US', 'client_name#zh-Hant-TW']),
    );
  });
});

describe('characters RFC 3986 does not allow (issue 8)', () => {
  it.each([
    ['redirect_uris', 'https://good.example\\@evil.example/cb', '/redirect_uris/0'],
    ['redirect_uris', 'https://client.example.com/{cb}', '/redirect_uris/0'],
    ['redirect_uris', 'http://127.0.0.1/cb%', '/redirect_uris/0'],
  ])('refuses %s = %s', async (_field, uri, pointer) => {
    await expectRefused(
      { ...publicClient, redirect_uris: [uri] },
      'invalid_redirect_uri',
      /must be an absolute URI of printable ASCII characters that RFC 3986 allows/,
      pointer,
    );
  });

  it.each([
    ['logo_uri', 'https://cdn.example.com/logo|1.png'],
    ['client_uri', 'https://client.example.com/^'],
    ['jwks_uri', 'https://client.example.com/jwks`.json'],
  ])('refuses %s with such a character', async (field, uri) => {
    await expectRefused(
      { ...publicClient, [field]: uri },
      'invalid_client_metadata',
      new RegExp(`^${field}: must be an absolute`),
      `/${field}`,
    );
  });
});

describe('redirect URIs in canonical form (issue 8)', () => {
  it.each([
    ['HTTPS://client.example.com/cb', 'https://client.example.com/cb'],
    ['https://Example.com/cb', 'https://example.com/cb'],
    ['https://x.example:443/cb', 'https://x.example/cb'],
    ['http://127.1/cb', 'http://127.0.0.1/cb'],
    ['http://0x7f000001/cb', 'http://127.0.0.1/cb'],
    ['http://2130706433/cb', 'http://127.0.0.1/cb'],
    ['http://0177.0.0.1/cb', 'http://127.0.0.1/cb'],
    ['http://[0:0:0:0:0:0:0:1]/cb', 'http://[::1]/cb'],
    ['https://client.example.com/a/../cb', 'https://client.example.com/cb'],
  ])('refuses %s and shows %s', async (uri, canonical) => {
    await expectRefused(
      { ...publicClient, redirect_uris: ['http://127.0.0.1/ok', uri] },
      'invalid_redirect_uri',
      new RegExp(
        `must be written as a URL parser writes it.*register '${canonical.replace(/[.[\]]/g, '\\$&')}'$`,
      ),
      '/redirect_uris/1',
    );
  });

  it('refuses a wildcard host', async () => {
    await expectRefused(
      { ...publicClient, redirect_uris: ['https://*.example.org/cb'] },
      'invalid_redirect_uri',
      /^redirect_uris\[0\]: a wildcard host is not a host/,
      '/redirect_uris/0',
    );
  });

  it('registers a port-less loopback URI as sent (RFC 8252 §7.3)', async () => {
    const { body } = await register({
      ...publicClient,
      redirect_uris: ['http://127.0.0.1/callback', 'http://[::1]/callback'],
    }).expect(201);
    expect(body.redirect_uris).toEqual(['http://127.0.0.1/callback', 'http://[::1]/callback']);
  });
});

describe('redirect URI schemes (issue 9)', () => {
  it.each([
    'javascript:alert(1)',
    'data:text/html,hi',
    'file:///etc/passwd',
    'vbscript:msgbox(1)',
    'blob:https://client.example.com/1',
    'about:blank',
  ])('always refuses %s', async (uri) => {
    await expectRefused(
      { ...publicClient, redirect_uris: ['http://127.0.0.1/ok', uri] },
      'invalid_redirect_uri',
      /^redirect_uris\[1\]: scheme '[a-z]+' is never allowed/,
      '/redirect_uris/1',
    );
  });

  it('registers a private-use scheme that is not in reverse-domain form', async () => {
    const { body } = await register({
      ...publicClient,
      redirect_uris: ['cursor://anysphere.cursor-mcp/oauth/callback'],
    }).expect(201);
    expect(body.redirect_uris).toEqual(['cursor://anysphere.cursor-mcp/oauth/callback']);
  });
});

describe('narrowing (RFC 7591 §3.2.1, issue 9)', () => {
  it('drops unsupported grant and response types and answers the effective values', async () => {
    const { body } = await register({
      ...publicClient,
      grant_types: [
        'authorization_code',
        'urn:ietf:params:oauth:grant-type:device_code',
        'refresh_token',
        'implicit',
      ],
      response_types: ['code', 'token'],
    }).expect(201);
    expect(body.grant_types).toEqual(['authorization_code', 'refresh_token']);
    expect(body.response_types).toEqual(['code']);
  });

  it('refuses a request with no supported grant type left, naming the field', async () => {
    await expectRefused(
      { ...publicClient, grant_types: ['password', 'implicit'] },
      'invalid_client_metadata',
      /^grant_types: none of 'password', 'implicit' is supported/,
      '/grant_types',
    );
  });
});
