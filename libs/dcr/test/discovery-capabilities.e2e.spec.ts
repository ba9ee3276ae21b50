import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  CLIENT_AUTHENTICATION_METHODS,
  ClientAuthenticationService,
  DcrMetadataService,
  TOKEN_ENDPOINT_AUTH_METHODS,
  type ClientAuthenticationRequest,
  type RegistrationServerMetadata,
} from '../src/index.js';
import {
  assertionBody,
  assertionClaims,
  sign,
  signingKey,
  startJwksFixture,
  type JwksFixture,
} from './support/client-assertions.js';
import { createDcrTestApp, TEST_ISSUER, type DcrTestApp } from './support/dcr-test-app.js';
import {
  registerClient,
  registerKeyClient,
  type RegisteredTestClient,
} from './support/private-key-jwt-clients.js';

// RFC 8414 §2: discovery says exactly what works. The document is taken from the module as a host
// gets it, and every method and algorithm it advertises is used against ClientAuthenticationService.
let t: DcrTestApp;
let auth: ClientAuthenticationService;
let jwks: JwksFixture;
let metadata: RegistrationServerMetadata;

beforeAll(async () => {
  jwks = await startJwksFixture();
  t = await createDcrTestApp({ dcr: { outbound: { allowLoopbackHttp: true } } });
  auth = t.app.get(ClientAuthenticationService);
  metadata = t.app.get(DcrMetadataService).registrationMetadata();
});

afterAll(async () => {
  await t?.close();
  await jwks?.close();
});

const basic = (client: RegisteredTestClient) =>
  `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`;

/** How a client registered with `method` authenticates, for the methods that need no keys. */
function credentialsFor(method: string, client: RegisteredTestClient): ClientAuthenticationRequest {
  switch (method) {
    case 'none':
      return { body: { client_id: client.client_id } };
    case 'client_secret_basic':
      return { authorization: basic(client) };
    case 'client_secret_post':
      return { body: { client_id: client.client_id, client_secret: client.client_secret } };
    default:
      throw new Error(`no credentials for ${method}`);
  }
}

describe('the discovery document, used', () => {
  it('advertises exactly the methods ClientAuthenticationService verifies', () => {
    expect(metadata.token_endpoint_auth_methods_supported).toEqual([
      ...CLIENT_AUTHENTICATION_METHODS,
    ]);
  });

  it('authenticates a client registered with each advertised secret-based or public method', async () => {
    const used: string[] = [];
    for (const method of metadata.token_endpoint_auth_methods_supported) {
      if (method === 'private_key_jwt') continue;
      const client = await registerClient(t, { token_endpoint_auth_method: method });
      const result = await auth.authenticate(credentialsFor(method, client));
      expect({
        method,
        clientId: result.clientId,
        authenticated: result.authenticationMethod,
      }).toEqual({
        method,
        clientId: client.client_id,
        authenticated: method,
      });
      used.push(method);
    }
    expect(used.length).toBe(metadata.token_endpoint_auth_methods_supported.length - 1);
  });

  it('lists the signing algorithms with private_key_jwt, and each one authenticates, with jwks and with a jwks_uri', async () => {
    expect(metadata.token_endpoint_auth_methods_supported).toContain('private_key_jwt');
    const algorithms = metadata.token_endpoint_auth_signing_alg_values_supported ?? [];
    expect(algorithms.length).toBeGreaterThan(0);
    for (const alg of algorithms) {
      const key = await signingKey(alg);
      jwks.serve(alg, { body: { keys: [key.publicJwk] } });
      const byValue = await registerKeyClient(t, { jwks: { keys: [key.publicJwk] } });
      const byReference = await registerKeyClient(t, { jwks_uri: jwks.url(alg) });
      for (const client of [byValue, byReference]) {
        const assertion = await sign(key, assertionClaims(client.client_id, TEST_ISSUER));
        const result = await auth.authenticate({ body: assertionBody(assertion) });
        expect({ alg, clientId: result.clientId, method: result.authenticationMethod }).toEqual({
          alg,
          clientId: client.client_id,
          method: 'private_key_jwt',
        });
      }
      expect({ alg, fetches: jwks.requestsFor(alg) }).toEqual({ alg, fetches: 1 });
    }
  }, 60_000);

  it('refuses to register what it does not advertise', async () => {
    for (const method of TOKEN_ENDPOINT_AUTH_METHODS) {
      if (metadata.token_endpoint_auth_methods_supported.includes(method)) continue;
      const response = await request(t.server)
        .post('/register')
        .send({ redirect_uris: ['https://client.example/cb'], token_endpoint_auth_method: method });
      expect({ method, status: response.status, error: response.body.error }).toEqual({
        method,
        status: 400,
        error: 'invalid_client_metadata',
      });
    }
  });
});

describe('a module configured without private_key_jwt', () => {
  let secretsOnly: DcrTestApp;

  beforeAll(async () => {
    secretsOnly = await createDcrTestApp({
      schema: t.schema,
      dcr: { tokenEndpointAuthMethodsSupported: ['client_secret_basic'] },
    });
  }, 30_000);

  afterAll(async () => {
    await secretsOnly?.close();
  });

  it('advertises neither the method nor signing algorithms, and refuses to register it', async () => {
    const document = secretsOnly.app.get(DcrMetadataService).registrationMetadata();
    expect(document.token_endpoint_auth_methods_supported).toEqual(['client_secret_basic']);
    expect(document).not.toHaveProperty('token_endpoint_auth_signing_alg_values_supported');
    const key = await signingKey('ES256');
    const response = await request(secretsOnly.server)
      .post('/register')
      .send({
        redirect_uris: ['https://client.example/cb'],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [key.publicJwk] },
      });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_client_metadata');
  });
});
