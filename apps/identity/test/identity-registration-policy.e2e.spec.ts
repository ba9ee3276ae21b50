import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import request from 'supertest';
import { type RunningApp, useIdentityOnTestSchema } from './support/in-process-identity.js';
import { PUBLIC_CLIENT } from './support/public-client.js';

const ADMIN_TOKEN = 'operator-credential-for-policy-tests-0123';
const STATEMENT_ISSUER = 'https://statements.example';

const { startApp } = useIdentityOnTestSchema();

const mint = async (app: RunningApp, body: object = { expires_in: 600, max_uses: 5 }) =>
  (
    await request(app.server)
      .post('/admin/initial-access-tokens')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send(body)
      .expect(201)
  ).body as { id: string; token: string };

const register = (app: RunningApp, body: object, token?: string, query = '') => {
  const call = request(app.server)
    .post(`/register${query}`)
    .set('Content-Type', 'application/json');
  if (token) call.set('Authorization', `Bearer ${token}`);
  return call.send(body);
};

describe('registration policy from the environment: protected mode and rules', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({
      ISSUER: 'http://localhost:3000',
      ADMIN_TOKEN,
      REGISTRATION_MODE: 'protected',
      TRUSTED_REDIRECT_HOSTS: '127.0.0.1, *.example.com',
      ALLOWED_SCOPES: 'openid mcp:tools',
      ALLOWED_TOKEN_ENDPOINT_AUTH_METHODS: 'none,client_secret_basic',
      MAX_CLIENTS_PER_SOFTWARE_ID: '1',
    });
  });

  it('refuses registration without an initial access token (401, RFC 6750 §3.1 challenge)', async () => {
    const response = await register(app, PUBLIC_CLIENT).expect(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="http://localhost:3000"');
  });

  it('registers with a token minted through the admin API, and refuses what the rules refuse', async () => {
    const { token } = await mint(app);
    await register(app, { ...PUBLIC_CLIENT, scope: 'openid' }, token).expect(201);
    const host = await register(
      app,
      { ...PUBLIC_CLIENT, redirect_uris: ['https://evil.test/cb'] },
      token,
    ).expect(400);
    expect(host.body).toMatchObject({
      error: 'invalid_redirect_uri',
      policy: 'trusted_redirect_hosts',
      field: '/redirect_uris/0',
    });
    const scope = await register(app, { ...PUBLIC_CLIENT, scope: 'admin' }, token).expect(400);
    expect(scope.body).toMatchObject({ policy: 'allowed_scopes', field: '/scope' });
    const software = { ...PUBLIC_CLIENT, software_id: 'one-per-software' };
    await register(app, software, token).expect(201);
    const quota = await register(app, software, token).expect(403);
    expect(quota.body).toMatchObject({
      error: 'access_denied',
      policy: 'max_clients_per_software_id',
    });
  });

  it('answers a dry run with 200 and the effective metadata', async () => {
    const { token } = await mint(app);
    const response = await register(app, PUBLIC_CLIENT, token, '?dry_run=true').expect(200);
    expect(response.body).not.toHaveProperty('client_id');
    expect(response.body.redirect_uris).toEqual(PUBLIC_CLIENT.redirect_uris);
  });

  it('advertises what the rules allow in its discovery document', async () => {
    const { body } = await request(app.server)
      .get('/.well-known/oauth-authorization-server')
      .expect(200);
    expect(body.scopes_supported).toEqual(['openid', 'mcp:tools']);
    expect(body.token_endpoint_auth_methods_supported).toEqual(['none', 'client_secret_basic']);
  });
});

describe('registration policy from the environment: mixed mode, statements, approval', () => {
  let app: RunningApp;
  let keys: Server;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }] };
    keys = createServer((_request, response) => {
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify(jwks));
    }).listen(0, '127.0.0.1');
    await once(keys, 'listening');
    const port = (keys.address() as { port: number }).port;
    app = await startApp({
      ISSUER: 'http://localhost:3000',
      ADMIN_TOKEN,
      REGISTRATION_MODE: 'mixed',
      SOFTWARE_STATEMENT_ISSUERS: JSON.stringify([
        {
          issuer: STATEMENT_ISSUER,
          jwks_uri: `http://127.0.0.1:${port}/jwks`,
          algorithms: ['ES256'],
        },
      ]),
      CIMD_ALLOW_LOOPBACK_HTTP: 'true',
      REQUIRE_SOFTWARE_STATEMENT: 'anonymous',
      REGISTRATION_APPROVAL: 'anonymous',
    });
  });

  afterAll(async () => {
    keys?.close();
    if (keys) await once(keys, 'close');
  });

  const statement = () =>
    new SignJWT({ software_id: 'signed-software', iss: STATEMENT_ISSUER })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

  it('requires a statement of anonymous registrations, and holds them for approval', async () => {
    const missing = await register(app, PUBLIC_CLIENT).expect(400);
    expect(missing.body).toMatchObject({
      error: 'invalid_software_statement',
      policy: 'require_software_statement',
    });
    const signed = await statement();
    const response = await register(app, { ...PUBLIC_CLIENT, software_statement: signed }).expect(
      201,
    );
    expect(response.body).toMatchObject({
      software_id: 'signed-software',
      software_statement: signed,
      approval_status: 'pending',
    });
    await request(app.server)
      .post(`/admin/clients/${response.body.client_id}/approval`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(204);
  });

  it('lets token holders register without a statement, and without approval', async () => {
    const { token } = await mint(app);
    const response = await register(app, PUBLIC_CLIENT, token).expect(201);
    expect(response.body).not.toHaveProperty('approval_status');
  });
});
