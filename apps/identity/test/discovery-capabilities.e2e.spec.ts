import { beforeAll, describe, expect, it } from '@jest/globals';
import * as oauth from 'oauth4webapi';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { clientKeyPair } from './support/client-keys.js';
import {
  INSECURE,
  REDIRECT_URI,
  authorize,
  codeFlow,
  discover,
  register,
} from './support/oauth-client.js';
import { USED_BY } from './support/discovery-members.js';
import type { Json } from './support/operations-requests.js';

const server = useAuthorizationServerOnTestSchema();

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
});
