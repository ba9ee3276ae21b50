import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import {
  CLIENT_ASSERTION_SIGNING_ALGORITHMS,
  ClientAuthenticationService,
  DEFAULT_GRANT_TYPES,
  JWT_BEARER_CLIENT_ASSERTION_TYPE,
  TOKEN_ENDPOINT_AUTH_METHODS,
} from '@agent-runtimes/dcr';
import { expectJsonError } from './support/expect-json-error.js';
import { type RunningApp, useIdentityOnTestSchema } from './support/in-process-identity.js';
import { PUBLIC_CLIENT } from './support/public-client.js';

const ISSUER = 'http://localhost:3000';
const TENANT_ISSUER = 'http://localhost:3000/tenant-a';
const AUTHORIZATION_ENDPOINT = 'https://auth.example.com/oauth/authorize';
const TOKEN_ENDPOINT = 'https://auth.example.com/oauth/token';

const { startApp } = useIdentityOnTestSchema();

describe('identity app (in-process, PostgreSQL)', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({ ISSUER });
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

    it('advertises the authorization server endpoints it serves, under the issuer', async () => {
      const { body } = await request(app.server)
        .get('/.well-known/oauth-authorization-server')
        .expect(200);
      expect(body).toMatchObject({
        authorization_endpoint: `${ISSUER}/authorize`,
        token_endpoint: `${ISSUER}/token`,
        jwks_uri: `${ISSUER}/jwks`,
        revocation_endpoint: `${ISSUER}/revoke`,
        introspection_endpoint: `${ISSUER}/introspect`,
        code_challenge_methods_supported: ['S256'],
        authorization_response_iss_parameter_supported: true,
      });
      await request(app.server).get('/jwks').expect(200);
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
      // Unsupported grant types are dropped (RFC 7591 §3.2.1); none is left, so it is refused.
      expectJsonError(refused, 400, 'invalid_client_metadata', '/grant_types');
    });
    it('lists the private_key_jwt signing algorithms exactly when it advertises the method (RFC 8414 §2)', async () => {
      const { body: metadata } = await request(app.server)
        .get('/.well-known/oauth-authorization-server')
        .expect(200);
      expect(metadata.token_endpoint_auth_methods_supported).toContain('private_key_jwt');
      expect(metadata.token_endpoint_auth_signing_alg_values_supported).toEqual([
        ...CLIENT_ASSERTION_SIGNING_ALGORITHMS,
      ]);
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
});

describe('identity app with AUTHORIZATION_ENDPOINT and TOKEN_ENDPOINT set (a proxy rewrites paths)', () => {
  it('advertises them in the discovery documents instead of its own', async () => {
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
    const openid = await request(server).get('/.well-known/openid-configuration').expect(200);
    expect(openid.body).toEqual(body);
  });

  it('accepts private_key_jwt assertions addressed to the token endpoint or the issuer', async () => {
    const { identity, server } = await startApp({ ISSUER, TOKEN_ENDPOINT });
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const registered = await request(server)
      .post('/register')
      .set('Content-Type', 'application/json')
      .send({
        redirect_uris: ['https://app.example.com/callback'],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1' }] },
      })
      .expect(201);
    const clientId: string = registered.body.client_id;
    const auth = identity.app.get(ClientAuthenticationService);
    const assertion = (aud: string) =>
      new SignJWT({ jti: randomUUID() })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(clientId)
        .setSubject(clientId)
        .setAudience(aud)
        .setExpirationTime('1m')
        .sign(privateKey);
    const present = async (aud: string) =>
      auth.authenticate({
        body: {
          client_assertion_type: JWT_BEARER_CLIENT_ASSERTION_TYPE,
          client_assertion: await assertion(aud),
        },
      });
    for (const aud of [TOKEN_ENDPOINT, ISSUER]) {
      const client = await present(aud);
      expect({ aud, clientId: client.clientId, method: client.authenticationMethod }).toEqual({
        aud,
        clientId,
        method: 'private_key_jwt',
      });
    }
    await expect(present(AUTHORIZATION_ENDPOINT)).rejects.toMatchObject({
      error: 'invalid_client',
      status: 401,
    });
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

  it('serves the OpenID configuration at both places RFC 8414 §5 and OIDC Discovery §4 put it', async () => {
    const { body: metadata } = await request(app.server)
      .get('/.well-known/oauth-authorization-server/tenant-a')
      .expect(200);
    for (const path of [
      '/.well-known/openid-configuration/tenant-a',
      '/tenant-a/.well-known/openid-configuration',
    ]) {
      const response = await request(app.server).get(path).expect(200);
      expect(response.body).toEqual(metadata);
    }
    expect(metadata.token_endpoint).toBe(`${TENANT_ISSUER}/token`);
    await request(app.server).get('/tenant-a/jwks').expect(200);
    await request(app.server).get('/jwks').expect(404);
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
