import { beforeAll, describe, expect, it } from '@jest/globals';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oauth from 'oauth4webapi';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { TestBrowser } from './support/browser.js';
import { clientKeyPair } from './support/client-keys.js';
import {
  INSECURE,
  authorize,
  codeFlow,
  decodeJwt,
  discover,
  register,
} from './support/oauth-client.js';
import type { Json } from './support/operations-requests.js';

const server = useAuthorizationServerOnTestSchema();

// The second half of discovery-capabilities.e2e.spec.ts: what discovery says about tokens.
describe('what discovery advertises about tokens is what the server does', () => {
  let app: ServerUnderTest;
  let as: oauth.AuthorizationServer;
  let metadata: Json;

  beforeAll(async () => {
    app = await server.start();
    as = await discover(app.issuer);
    metadata = (await (
      await fetch(`${app.origin}/.well-known/openid-configuration`)
    ).json()) as Json;
  });

  it('scopes: each one is granted', async () => {
    const client = await register(as, {
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
    });
    const tokens = await codeFlow(as, app.origin, {
      clientId: client.client_id,
      scope: (metadata.scopes_supported as string[]).join(' '),
      extra: { prompt: 'consent' },
    });
    expect(tokens.id_token).toEqual(expect.any(String)); // openid
    expect(tokens.refresh_token).toEqual(expect.any(String)); // offline_access
    const resourceScopes = (metadata.scopes_supported as string[]).filter(
      (scope) => scope !== 'openid' && scope !== 'offline_access',
    );
    expect(decodeJwt(tokens.access_token).payload.scope).toBe(resourceScopes.join(' '));
  });

  it('signed tokens: the JWKS verifies them, ID tokens are RS256 with the advertised claims', async () => {
    const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri as string));
    const subjects = new Set<string>();
    for (let index = 0; index < 2; index++) {
      const client = await register(as, { token_endpoint_auth_method: 'none' });
      const tokens = await codeFlow(as, app.origin, {
        clientId: client.client_id,
        scope: 'openid',
      });
      const id = await jwtVerify(tokens.id_token as string, jwks, {
        issuer: metadata.issuer as string,
        audience: client.client_id,
        algorithms: metadata.id_token_signing_alg_values_supported as string[],
      });
      for (const claim of metadata.claims_supported as string[]) {
        expect({ claim, present: claim in id.payload }).toEqual({ claim, present: true });
      }
      await jwtVerify(tokens.access_token, jwks, { issuer: metadata.issuer as string });
      subjects.add(String(id.payload.sub));
    }
    // subject_types_supported: public, one sub for every client.
    expect(metadata.subject_types_supported).toEqual(['public']);
    expect([...subjects]).toEqual(['alice']);
  });

  it('revocation and introspection: they answer with the advertised authentication methods', async () => {
    expect(metadata.revocation_endpoint_auth_methods_supported).toEqual(
      metadata.token_endpoint_auth_methods_supported,
    );
    expect(metadata.introspection_endpoint_auth_methods_supported).toEqual(
      metadata.token_endpoint_auth_methods_supported,
    );
    expect(metadata.revocation_endpoint_auth_signing_alg_values_supported).toEqual(
      metadata.token_endpoint_auth_signing_alg_values_supported,
    );
    expect(metadata.introspection_endpoint_auth_signing_alg_values_supported).toEqual(
      metadata.token_endpoint_auth_signing_alg_values_supported,
    );
    const key = await clientKeyPair('ES256');
    const client = await register(as, {
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: ['authorization_code', 'refresh_token'],
      jwks: { keys: [key.publicJwk] },
    });
    const auth = () =>
      oauth.PrivateKeyJwt(key.privateKey, {
        [oauth.modifyAssertion]: (header) => void (header.kid = key.kid),
      });
    const caller = { client_id: client.client_id };
    const tokens = await codeFlow(as, app.origin, { clientId: client.client_id }, auth());
    const token = tokens.refresh_token as string;
    const introspection = await oauth.processIntrospectionResponse(
      as,
      caller,
      await oauth.introspectionRequest(as, caller, auth(), token, INSECURE),
    );
    expect(introspection.active).toBe(true);
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, caller, auth(), token, INSECURE),
    );
    const after = await oauth.processIntrospectionResponse(
      as,
      caller,
      await oauth.introspectionRequest(as, caller, auth(), token, INSECURE),
    );
    expect(after.active).toBe(false);
  });

  it('unsupported request parameters: request objects and the claims parameter are ignored or refused', async () => {
    expect(metadata).toMatchObject({
      claims_parameter_supported: false,
      request_parameter_supported: false,
      request_uri_parameter_supported: false,
    });
    const client = await register(as, { token_endpoint_auth_method: 'none' });
    const { end } = await authorize(as, app.origin, {
      clientId: client.client_id,
      extra: { request_uri: 'https://client.example/request.jwt' },
    });
    expect(end.kind === 'redirect' ? end.url.searchParams.get('error') : 'no redirect').toBe(
      'request_uri_not_supported',
    );
  });

  it('end session: the logout endpoint answers with its confirmation step (RP-Initiated Logout)', async () => {
    const response = await new TestBrowser().request(metadata.end_session_endpoint as string);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain(`action="${app.origin}/logout/confirm"`);
  });

  it('service documentation: Swagger UI is where it says', async () => {
    const response = await fetch(metadata.service_documentation as string);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger-ui');
  });
});
