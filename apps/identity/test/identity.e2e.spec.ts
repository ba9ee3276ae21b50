import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEFAULT_GRANT_TYPES, TOKEN_ENDPOINT_AUTH_METHODS } from '@agent-runtimes/dcr';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import { loadIdentityConfig } from '../src/config/identity-config.js';
import {
  BODY_LIMIT_BYTES,
  createIdentityApp,
  type IdentityApp,
} from '../src/create-identity-app.js';
import { allowSwaggerUiUnderJest } from './support/swagger-ui-under-jest.js';

const ISSUER = 'http://localhost:3000';
const TENANT_ISSUER = 'http://localhost:3000/tenant-a';
const AUTHORIZATION_ENDPOINT = 'https://auth.example.com/oauth/authorize';
const TOKEN_ENDPOINT = 'https://auth.example.com/oauth/token';

const PUBLIC_CLIENT = {
  client_name: 'Identity e2e',
  redirect_uris: ['http://127.0.0.1:33418/callback'],
  token_endpoint_auth_method: 'none',
};

type Server = ReturnType<IdentityApp['app']['getHttpServer']>;

interface RunningApp {
  identity: IdentityApp;
  server: Server;
}

let schema: TestSchema | undefined;
const started: IdentityApp[] = [];

/**
 * The database URL of this file's schema. The app's configuration only takes a URL, so the schema
 * travels as the libpq `options` parameter, which node-postgres reads from the connection string.
 */
function schemaDatabaseUrl(testSchema: TestSchema): string {
  const options = encodeURIComponent(`-c search_path=${testSchema.name}`);
  return `${testSchema.connection.url}?options=${options}`;
}

/** Starts the app in-process, configured as `main.ts` does it: from environment variables. */
async function startApp(env: Record<string, string>): Promise<RunningApp> {
  if (!schema) throw new Error('the test schema was not created');
  const config = loadIdentityConfig({ ...env, DATABASE_URL: schemaDatabaseUrl(schema) });
  const identity = await createIdentityApp(config, false);
  started.push(identity);
  await identity.app.init();
  await identity.app.getHttpAdapter().getInstance().ready();
  return { identity, server: identity.app.getHttpServer() };
}

async function countClients(): Promise<number> {
  const [row] = await schema!.query<{ count: string }>('SELECT count(*) FROM dcr_client');
  return Number(row?.count);
}

function expectJsonError(response: request.Response, status: number, error: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(Object.keys(response.body as object).sort()).toEqual(['error', 'error_description']);
  expect(response.body.error).toBe(error);
  expect(typeof response.body.error_description).toBe('string');
  expect(response.body.error_description.length).toBeGreaterThan(0);
}

beforeAll(async () => {
  await allowSwaggerUiUnderJest();
  schema = await createTestSchema('identity');
});

afterAll(async () => {
  // Apps first (they hold connections to the schema), then the schema itself.
  const results = await Promise.allSettled(started.map((identity) => identity.close()));
  await schema?.drop();
  for (const result of results) {
    if (result.status === 'rejected') throw result.reason;
  }
});

describe('identity app (in-process, PostgreSQL)', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({ ISSUER });
  });

  describe('storage', () => {
    it('creates its table in the schema named by the DATABASE_URL options parameter', async () => {
      const tables = await schema!.query<{ table_schema: string }>(
        `SELECT table_schema FROM information_schema.tables WHERE table_name = 'dcr_client'
           AND table_schema = $1`,
        [schema!.name],
      );
      expect(tables).toEqual([{ table_schema: schema!.name }]);
    });

    it('stores each registered client in that schema', async () => {
      const before = await countClients();
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send(PUBLIC_CLIENT)
        .expect(201);
      expect(await countClients()).toBe(before + 1);
      const rows = await schema!.query<{ client_id: string }>(
        'SELECT client_id FROM dcr_client WHERE client_id = $1',
        [response.body.client_id],
      );
      expect(rows).toEqual([{ client_id: response.body.client_id }]);
    });
  });

  describe('discovery (RFC 8414)', () => {
    it('serves the authorization server metadata of the configured issuer', async () => {
      const response = await request(app.server)
        .get('/.well-known/oauth-authorization-server')
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const metadata = response.body;
      expect(metadata.issuer).toBe(ISSUER);
      expect(metadata.registration_endpoint).toBe(`${ISSUER}/register`);
      // The app configures no grant types of its own: the module's defaults apply.
      expect(metadata.grant_types_supported).toEqual(DEFAULT_GRANT_TYPES);
      // RFC 7591 §2.1: authorization_code goes with code; the other default grants have none.
      expect(metadata.response_types_supported).toEqual(['code']);
      expect(metadata.token_endpoint_auth_methods_supported).toEqual(
        expect.arrayContaining(['none', 'client_secret_basic']),
      );
      for (const method of metadata.token_endpoint_auth_methods_supported) {
        expect(TOKEN_ENDPOINT_AUTH_METHODS).toContain(method);
      }
      expect(metadata.service_documentation).toBe(`${ISSUER}/docs`);
    });

    it('serves registration at the registration_endpoint it advertises', async () => {
      const { body: metadata } = await request(app.server)
        .get('/.well-known/oauth-authorization-server')
        .expect(200);
      const response = await request(app.server)
        .post(new URL(metadata.registration_endpoint).pathname)
        .set('Content-Type', 'application/json')
        .send(PUBLIC_CLIENT);
      expect(response.status).toBe(201);
    });

    it('serves Swagger UI at the service_documentation it advertises', async () => {
      const { body: metadata } = await request(app.server)
        .get('/.well-known/oauth-authorization-server')
        .expect(200);
      const response = await request(app.server)
        .get(new URL(metadata.service_documentation).pathname)
        .redirects(2);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
    });

    it('advertises no authorization or token endpoint unless configured', async () => {
      const { body } = await request(app.server)
        .get('/.well-known/oauth-authorization-server')
        .expect(200);
      expect(body).not.toHaveProperty('authorization_endpoint');
      expect(body).not.toHaveProperty('token_endpoint');
      expect(body).not.toHaveProperty('scopes_supported');
    });

    it('lets caches keep the metadata', async () => {
      const response = await request(app.server)
        .get('/.well-known/oauth-authorization-server')
        .expect(200);
      expect(response.headers['cache-control']).toBe('public, max-age=300');
    });

    it('advertises exactly the grant types registration accepts', async () => {
      const { body: metadata } = await request(app.server)
        .get('/.well-known/oauth-authorization-server')
        .expect(200);
      const accepted = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        // client_credentials needs a confidential client (RFC 6749 §4.4).
        .send({
          ...PUBLIC_CLIENT,
          token_endpoint_auth_method: 'client_secret_basic',
          grant_types: metadata.grant_types_supported,
        });
      expect(accepted.status).toBe(201);
      expect(accepted.body.grant_types).toEqual(metadata.grant_types_supported);

      const refused = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send({ ...PUBLIC_CLIENT, grant_types: ['implicit'], response_types: ['token'] });
      expectJsonError(refused, 400, 'invalid_client_metadata');
    });
    it('advertises exactly the token endpoint auth methods registration accepts', async () => {
      const { body: metadata } = await request(app.server)
        .get('/.well-known/oauth-authorization-server')
        .expect(200);
      const advertised: string[] = metadata.token_endpoint_auth_methods_supported;
      for (const method of TOKEN_ENDPOINT_AUTH_METHODS) {
        const response = await request(app.server)
          .post('/register')
          .set('Content-Type', 'application/json')
          .send({
            redirect_uris: ['https://app.example.com/callback'],
            token_endpoint_auth_method: method,
            // private_key_jwt needs the client's keys; the others ignore them.
            ...(method === 'private_key_jwt' ? { jwks_uri: 'https://app.example.com/jwks' } : {}),
          });
        if (advertised.includes(method)) {
          expect({ method, status: response.status }).toEqual({ method, status: 201 });
          expect(response.body.token_endpoint_auth_method).toBe(method);
        } else {
          expect({ method, status: response.status }).toEqual({ method, status: 400 });
          expect(response.body.error).toBe('invalid_client_metadata');
        }
      }
    });
  });

  describe('OpenAPI', () => {
    it('serves Swagger UI as HTML at /docs', async () => {
      const response = await request(app.server).get('/docs').redirects(2).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('swagger-ui');
      expect(response.text).toMatch(/<html/i);
    });

    it('serves the Swagger UI assets the page loads', async () => {
      const page = await request(app.server).get('/docs').redirects(2).expect(200);
      const script = /src="\.?\/?(?:docs\/)?(swagger-ui-bundle\.js)"/.exec(page.text);
      expect(script?.[1]).toBe('swagger-ui-bundle.js');
      const asset = await request(app.server).get('/docs/swagger-ui-bundle.js').expect(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
    });

    it('serves an OpenAPI 3 document at /docs-json describing the registration endpoint', async () => {
      const response = await request(app.server).get('/docs-json').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const document = response.body;
      expect(document.openapi).toMatch(/^3\./);
      expect(document.info.title).toEqual(expect.any(String));

      const register = document.paths['/register']?.post;
      expect(register).toBeDefined();
      expect(register.operationId).toBe('registerClient');
      expect(register.requestBody.content['application/json'].schema.$ref).toBe(
        '#/components/schemas/ClientRegistrationRequestDto',
      );
      expect(Object.keys(register.responses)).toEqual(
        expect.arrayContaining(['201', '400', '413']),
      );
      expect(register.responses['201'].content['application/json'].schema.$ref).toBe(
        '#/components/schemas/ClientRegistrationResponseDto',
      );
      expect(register.responses['400'].content['application/json'].schema.$ref).toBe(
        '#/components/schemas/OAuthErrorResponseDto',
      );
      expect(register.responses['413'].content['application/json'].schema.$ref).toBe(
        '#/components/schemas/OAuthErrorResponseDto',
      );

      expect(Object.keys(document.components.schemas)).toEqual(
        expect.arrayContaining([
          'ClientRegistrationRequestDto',
          'ClientRegistrationResponseDto',
          'OAuthErrorResponseDto',
        ]),
      );
      expect(document.components.schemas.OAuthErrorResponseDto.required).toEqual(
        expect.arrayContaining(['error', 'error_description']),
      );
    });

    it('documents the discovery endpoint at the path it is served on', async () => {
      const { body: document } = await request(app.server).get('/docs-json').expect(200);
      const discovery = document.paths['/.well-known/oauth-authorization-server']?.get;
      expect(discovery).toBeDefined();
      expect(discovery.operationId).toBe('getAuthorizationServerMetadata');
      expect(discovery.responses['200'].content['application/json'].schema.$ref).toBe(
        '#/components/schemas/AuthorizationServerMetadataDto',
      );
    });
  });

  describe('registration (RFC 7591)', () => {
    it('registers a public client', async () => {
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send(PUBLIC_CLIENT)
        .expect(201);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).toBe('no-store');
      const client = response.body;
      expect(client.client_id).toEqual(expect.any(String));
      expect(client.client_id.length).toBeGreaterThan(0);
      expect(client).not.toHaveProperty('client_secret');
      expect(client.registration_access_token).toEqual(expect.any(String));
      expect(client.registration_client_uri).toBe(`${ISSUER}/register/${client.client_id}`);
      expect(client.registration_client_uri.startsWith(`${ISSUER}/`)).toBe(true);
      expect(client.redirect_uris).toEqual(PUBLIC_CLIENT.redirect_uris);
      expect(client.client_name).toBe(PUBLIC_CLIENT.client_name);
    });

    it('issues a never-expiring secret to a confidential client by default', async () => {
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send({
          redirect_uris: ['https://app.example.com/callback'],
          token_endpoint_auth_method: 'client_secret_basic',
        })
        .expect(201);
      expect(response.body.client_secret).toEqual(expect.any(String));
      expect(response.body.client_secret_expires_at).toBe(0);
    });

    it('gives distinct client ids to successive registrations', async () => {
      const register = () =>
        request(app.server)
          .post('/register')
          .set('Content-Type', 'application/json')
          .send(PUBLIC_CLIENT)
          .expect(201);
      const first = await register();
      const second = await register();
      expect(first.body.client_id).not.toBe(second.body.client_id);
    });

    it('answers invalid metadata with an RFC 7591 error and stores nothing', async () => {
      const before = await countClients();
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send({ redirect_uris: ['http://example.com/callback'] });
      expectJsonError(response, 400, 'invalid_redirect_uri');
      expect(await countClients()).toBe(before);
    });
  });

  describe('errors before routing are JSON too', () => {
    it('answers a body over the 64 KiB limit with 413 and a JSON error', async () => {
      expect(BODY_LIMIT_BYTES).toBe(64 * 1024);
      const before = await countClients();
      const body = JSON.stringify({
        ...PUBLIC_CLIENT,
        client_name: 'x'.repeat(BODY_LIMIT_BYTES + 1),
      });
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send(body);
      expectJsonError(response, 413, 'invalid_client_metadata');
      expect(await countClients()).toBe(before);
    });

    it('accepts a body just under the limit (it is the size, not the route, that is refused)', async () => {
      // Metadata the server does not understand is ignored (RFC 7591 §2), so it can pad the body.
      const base = JSON.stringify({ ...PUBLIC_CLIENT, x_padding: '' });
      const padding = BODY_LIMIT_BYTES - Buffer.byteLength(base) - 16;
      const body = JSON.stringify({ ...PUBLIC_CLIENT, x_padding: 'x'.repeat(padding) });
      expect(Buffer.byteLength(body)).toBeLessThan(BODY_LIMIT_BYTES);
      expect(Buffer.byteLength(body)).toBeGreaterThan(BODY_LIMIT_BYTES - 64);
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send(body);
      expect(response.status).toBe(201);
      expect(response.body.client_id).toEqual(expect.any(String));
    });

    it('answers malformed JSON with 400 invalid_client_metadata', async () => {
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/json')
        .send('{"redirect_uris": [');
      expectJsonError(response, 400, 'invalid_client_metadata');
    });

    it('answers a form-urlencoded body with 400 invalid_client_metadata', async () => {
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('redirect_uris=http%3A%2F%2F127.0.0.1%3A33418%2Fcallback');
      expectJsonError(response, 400, 'invalid_client_metadata');
      expect(response.body.error_description).toMatch(/Content-Type/);
    });

    it('answers a text/plain body with 400 invalid_client_metadata', async () => {
      const response = await request(app.server)
        .post('/register')
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify(PUBLIC_CLIENT));
      expectJsonError(response, 400, 'invalid_client_metadata');
    });

    it('answers an unknown route with a JSON error, not HTML', async () => {
      const response = await request(app.server).get('/no-such-route').set('Accept', 'text/html');
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.text).not.toMatch(/<html/i);
      expect(response.body).toEqual({
        error: expect.any(String),
        error_description: expect.any(String),
      });
    });

    it('answers a wrong method on /register with a JSON error', async () => {
      const response = await request(app.server).get('/register');
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toEqual({
        error: expect.any(String),
        error_description: expect.any(String),
      });
    });
  });
});

describe('identity app with the authorization server endpoints configured', () => {
  it('advertises them in the discovery document', async () => {
    const { server } = await startApp({
      ISSUER,
      AUTHORIZATION_ENDPOINT,
      TOKEN_ENDPOINT,
    });
    const { body } = await request(server)
      .get('/.well-known/oauth-authorization-server')
      .expect(200);
    expect(body.issuer).toBe(ISSUER);
    expect(body.authorization_endpoint).toBe(AUTHORIZATION_ENDPOINT);
    expect(body.token_endpoint).toBe(TOKEN_ENDPOINT);
    expect(body.registration_endpoint).toBe(`${ISSUER}/register`);
  });
});

describe('identity app whose issuer has a path', () => {
  let app: RunningApp;

  beforeAll(async () => {
    // A trailing slash is trimmed from ISSUER; the metadata must still name the trimmed issuer.
    app = await startApp({ ISSUER: `${TENANT_ISSUER}/` });
  });

  it('serves the metadata at the well-known URI followed by the issuer path (RFC 8414 §3.1)', async () => {
    const response = await request(app.server)
      .get('/.well-known/oauth-authorization-server/tenant-a')
      .expect(200);
    expect(response.body.issuer).toBe(TENANT_ISSUER);
    expect(response.body.registration_endpoint).toBe(`${TENANT_ISSUER}/register`);
    expect(response.body.service_documentation).toBe(`${TENANT_ISSUER}/docs`);
  });

  it('serves registration at the registration_endpoint it advertises', async () => {
    const { body: metadata } = await request(app.server)
      .get('/.well-known/oauth-authorization-server/tenant-a')
      .expect(200);
    const { pathname } = new URL(metadata.registration_endpoint);
    expect(pathname).toBe('/tenant-a/register');
    const response = await request(app.server)
      .post(pathname)
      .set('Content-Type', 'application/json')
      .send(PUBLIC_CLIENT);
    expect(response.status).toBe(201);
  });

  it('serves Swagger UI at the service_documentation it advertises', async () => {
    const { body: metadata } = await request(app.server)
      .get('/.well-known/oauth-authorization-server/tenant-a')
      .expect(200);
    const { pathname } = new URL(metadata.service_documentation);
    expect(pathname).toBe('/tenant-a/docs');
    const response = await request(app.server).get(pathname).redirects(2);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });

  it('gives registered clients a registration_client_uri under the issuer', async () => {
    const response = await request(app.server)
      .post('/tenant-a/register')
      .set('Content-Type', 'application/json')
      .send(PUBLIC_CLIENT)
      .expect(201);
    expect(response.body.registration_client_uri).toBe(
      `${TENANT_ISSUER}/register/${response.body.client_id}`,
    );
  });
});
