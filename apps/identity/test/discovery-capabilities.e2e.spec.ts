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
  REDIRECT_URI,
  authorize,
  codeFlow,
  decodeJwt,
  discover,
  register,
} from './support/oauth-client.js';
import type { Json } from './support/operations-requests.js';

const server = useAuthorizationServerOnTestSchema();

/**
 * Every member of the discovery document, and the test below that uses what it advertises. A
 * member added to the document without a test here fails the first test.
 */
const USED_BY: Record<string, string> = {
  issuer: 'every flow (iss of tokens and responses)',
  authorization_endpoint: 'response modes',
  token_endpoint: 'authentication methods',
  jwks_uri: 'signed tokens',
  registration_endpoint: 'authentication methods',
  scopes_supported: 'scopes',
  response_types_supported: 'response modes',
  response_modes_supported: 'response modes',
  grant_types_supported: 'grant types',
  token_endpoint_auth_methods_supported: 'authentication methods',
  token_endpoint_auth_signing_alg_values_supported: 'assertion algorithms',
  service_documentation: 'service documentation',
  revocation_endpoint: 'revocation and introspection',
  revocation_endpoint_auth_methods_supported: 'revocation and introspection',
  revocation_endpoint_auth_signing_alg_values_supported: 'revocation and introspection',
  introspection_endpoint: 'revocation and introspection',
  introspection_endpoint_auth_methods_supported: 'revocation and introspection',
  introspection_endpoint_auth_signing_alg_values_supported: 'revocation and introspection',
  code_challenge_methods_supported: 'response modes',
  authorization_response_iss_parameter_supported: 'response modes',
  subject_types_supported: 'signed tokens',
  id_token_signing_alg_values_supported: 'signed tokens',
  claims_supported: 'signed tokens',
  claims_parameter_supported: 'unsupported request parameters',
  request_parameter_supported: 'unsupported request parameters',
  request_uri_parameter_supported: 'unsupported request parameters',
  end_session_endpoint: 'end session',
};

describe('what discovery advertises is what the server does', () => {
  let app: ServerUnderTest;
  let as: oauth.AuthorizationServer;
  let metadata: Json;

  beforeAll(async () => {
    app = await server.start();
    as = await discover(app.issuer);
    metadata = (await (
      await fetch(`${app.origin}/.well-known/oauth-authorization-server`)
    ).json()) as Json;
  });

  it('serves one document at both well-known names, every member of it tested here', async () => {
    const openid = (await (
      await fetch(`${app.origin}/.well-known/openid-configuration`)
    ).json()) as Json;
    expect(openid).toEqual(metadata);
    expect(Object.keys(metadata).sort()).toEqual(Object.keys(USED_BY).sort());
  });

  it('authentication methods: each one works at the token endpoint', async () => {
    for (const method of metadata.token_endpoint_auth_methods_supported as string[]) {
      if (method === 'none') {
        const client = await register(as, { token_endpoint_auth_method: 'none' });
        const tokens = await codeFlow(as, app.origin, { clientId: client.client_id });
        expect({ method, token: typeof tokens.access_token }).toEqual({ method, token: 'string' });
        continue;
      }
      const key = method === 'private_key_jwt' ? await clientKeyPair('ES256') : undefined;
      const client = await register(as, {
        token_endpoint_auth_method: method,
        grant_types: ['client_credentials'],
        ...(key ? { jwks: { keys: [key.publicJwk] } } : {}),
      });
      const auth =
        method === 'client_secret_basic'
          ? oauth.ClientSecretBasic(client.client_secret)
          : method === 'client_secret_post'
            ? oauth.ClientSecretPost(client.client_secret)
            : oauth.PrivateKeyJwt(key!.privateKey, {
                [oauth.modifyAssertion]: (header) => void (header.kid = key!.kid),
              });
      const response = await oauth.clientCredentialsGrantRequest(
        as,
        { client_id: client.client_id },
        auth,
        {},
        INSECURE,
      );
      expect({ method, status: response.status }).toEqual({ method, status: 200 });
    }
  });

  it('assertion algorithms: private_key_jwt works with each advertised alg', async () => {
    for (const alg of metadata.token_endpoint_auth_signing_alg_values_supported as string[]) {
      const key = await clientKeyPair(alg);
      const client = await register(as, {
        token_endpoint_auth_method: 'private_key_jwt',
        grant_types: ['client_credentials'],
        jwks: { keys: [key.publicJwk] },
      });
      const auth = oauth.PrivateKeyJwt(key.privateKey, {
        [oauth.modifyAssertion]: (header) => {
          header.kid = key.kid;
          header.alg = alg;
        },
      });
      const response = await oauth.clientCredentialsGrantRequest(
        as,
        { client_id: client.client_id },
        auth,
        {},
        INSECURE,
      );
      expect({ alg, status: response.status }).toEqual({ alg, status: 200 });
    }
  });

  it('grant types: each one issues tokens', async () => {
    expect(metadata.grant_types_supported).toEqual([
      'authorization_code',
      'refresh_token',
      'client_credentials',
    ]);
    const client = await register(as, {
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    });
    const auth = oauth.ClientSecretBasic(client.client_secret);
    const caller = { client_id: client.client_id };
    const tokens = await codeFlow(as, app.origin, { clientId: client.client_id }, auth);
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      caller,
      await oauth.refreshTokenGrantRequest(
        as,
        caller,
        auth,
        tokens.refresh_token as string,
        INSECURE,
      ),
    );
    expect(refreshed.access_token).toEqual(expect.any(String));
    const credentials = await oauth.processClientCredentialsResponse(
      as,
      caller,
      await oauth.clientCredentialsGrantRequest(as, caller, auth, {}, INSECURE),
    );
    expect(credentials.access_token).toEqual(expect.any(String));
  });

  it('response modes: the code comes back as advertised, with iss, after PKCE S256', async () => {
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);
    const client = await register(as, { token_endpoint_auth_method: 'none' });
    for (const mode of metadata.response_modes_supported as string[]) {
      const { end } = await authorize(as, app.origin, {
        clientId: client.client_id,
        extra: { response_mode: mode },
      });
      let params: URLSearchParams;
      if (mode === 'form_post') {
        expect(end.kind).toBe('page');
        const html = end.kind === 'page' ? end.body : '';
        expect(html).toContain(`action="${REDIRECT_URI}"`);
        params = new URLSearchParams(
          [...html.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map(
            ([, name = '', value = '']): [string, string] => [
              name,
              value.replace(/&#x3A;/g, ':').replace(/&#x2F;/g, '/'),
            ],
          ),
        );
      } else {
        expect(end.kind).toBe('redirect');
        const url = end.kind === 'redirect' ? end.url : new URL(REDIRECT_URI);
        params = new URLSearchParams(mode === 'fragment' ? url.hash.slice(1) : url.search);
      }
      expect({ mode, code: params.has('code'), state: params.get('state') }).toEqual({
        mode,
        code: true,
        state: 'state-1',
      });
      expect(params.get('iss')).toBe(app.issuer);
    }
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
