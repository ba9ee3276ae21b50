import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import type { DcrModuleOptions } from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { postRegistration, publicClient } from './support/registration-requests.js';

// The metadata policy options of issue 9 over HTTP: the strict redirect URI policy, narrowing
// turned off, scope narrowing, and refusing page URIs on another host. One schema, one app per
// configuration.

let schema: TestSchema;
const apps: DcrTestApp[] = [];

beforeAll(async () => {
  schema = await createTestSchema('dcr');
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await schema.drop();
});

function appWith(dcr: Partial<DcrModuleOptions>): () => DcrTestApp {
  let app: DcrTestApp;
  beforeAll(async () => {
    app = await createDcrTestApp({ schema, dcr });
    apps.push(app);
  });
  return () => app;
}

async function expectRefused(
  app: DcrTestApp,
  body: object,
  error: string,
  description: RegExp,
  field: string,
): Promise<void> {
  const response = await postRegistration(app.server, body);
  expect(response.status).toBe(400);
  expect(response.body).toEqual({
    error,
    error_description: expect.stringMatching(description),
    field,
  });
}

const CURSOR = {
  client_name: 'Cursor',
  redirect_uris: [
    'cursor://anysphere.cursor-mcp/oauth/callback',
    'https://www.cursor.com/agents/mcp/oauth/callback',
    'http://localhost:8787/callback',
  ],
  token_endpoint_auth_method: 'none',
  application_type: 'web',
};

describe("redirectUriPolicy: 'strict'", () => {
  const app = appWith({ redirectUriPolicy: 'strict' });

  it("refuses Cursor's private-use callback for a web client", async () => {
    await expectRefused(
      app(),
      CURSOR,
      'invalid_redirect_uri',
      /^redirect_uris\[0\]: scheme 'cursor': web clients .* needs application_type 'native'/,
      '/redirect_uris/0',
    );
  });

  it('refuses a scheme that is not in reverse-domain form, even for a native client', async () => {
    await expectRefused(
      app(),
      { ...CURSOR, application_type: 'native' },
      'invalid_redirect_uri',
      /^redirect_uris\[0\]: scheme 'cursor' is not allowed; .* reverse-domain form/,
      '/redirect_uris/0',
    );
  });

  it('registers a native client with a reverse-domain scheme and loopback http', async () => {
    const redirect_uris = ['com.example.app:/oauth2redirect', 'http://127.0.0.1/cb'];
    const response = await postRegistration(app().server, {
      ...publicClient,
      application_type: 'native',
      redirect_uris,
    }).expect(201);
    expect(response.body.redirect_uris).toEqual(redirect_uris);
  });

  it('still registers web clients on https and loopback http without application_type', async () => {
    await postRegistration(app().server, {
      ...publicClient,
      redirect_uris: ['https://app.example.com/cb', 'http://127.0.0.1:33418/'],
    }).expect(201);
  });
});

describe('narrowUnsupported: off', () => {
  const app = appWith({
    narrowUnsupported: { grantTypes: false, responseTypes: false, scopes: false },
    scopesSupported: ['mcp:tools', 'mcp:read'],
  });

  it('refuses the first unsupported grant type, naming its index', async () => {
    await expectRefused(
      app(),
      {
        ...publicClient,
        grant_types: [
          'authorization_code',
          'refresh_token',
          'urn:ietf:params:oauth:grant-type:device_code',
        ],
      },
      'invalid_client_metadata',
      /^grant_types: 'urn:ietf:params:oauth:grant-type:device_code' is not supported/,
      '/grant_types/2',
    );
  });

  it('refuses an unsupported scope', async () => {
    await expectRefused(
      app(),
      { ...publicClient, scope: 'mcp:tools admin' },
      'invalid_client_metadata',
      /^scope: 'admin' not supported/,
      '/scope',
    );
  });
});

describe('scope narrowing (scopesSupported, narrowing on by default)', () => {
  const app = appWith({ scopesSupported: ['mcp:tools', 'mcp:read'] });

  it('drops unsupported scope values and answers the effective scope', async () => {
    const response = await postRegistration(app().server, {
      ...publicClient,
      scope: 'openid mcp:tools profile',
    }).expect(201);
    expect(response.body.scope).toBe('mcp:tools');
  });

  it('refuses a scope with nothing supported left', async () => {
    await expectRefused(
      app(),
      { ...publicClient, scope: 'openid profile' },
      'invalid_client_metadata',
      /^scope: none of 'openid', 'profile' is supported/,
      '/scope',
    );
  });
});

describe("uriHostMismatch: 'refuse' (RFC 7591 §5)", () => {
  const app = appWith({ uriHostMismatch: 'refuse' });
  const client = { ...publicClient, redirect_uris: ['https://app.example.com/cb'] };

  it('refuses a logo on another host, naming the field', async () => {
    await expectRefused(
      app(),
      { ...client, logo_uri: 'https://cdn.example.net/logo.png' },
      'invalid_client_metadata',
      /^logo_uri: host 'cdn\.example\.net' is none of the redirect URIs' hosts/,
      '/logo_uri',
    );
  });

  it("registers pages on the redirect URIs' host", async () => {
    await postRegistration(app().server, {
      ...client,
      client_uri: 'https://app.example.com/',
      'tos_uri#fr': 'https://app.example.com/cgu',
    }).expect(201);
  });
});
