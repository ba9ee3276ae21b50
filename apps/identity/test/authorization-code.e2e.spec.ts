import { beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import * as oauth from 'oauth4webapi';
import { AuthorizationServer } from '../src/authorization-server/provider/authorization-server.js';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { authorizeCode, codeFlow, decodeJwt, discover, register } from './support/oauth-client.js';

const server = useAuthorizationServerOnTestSchema();

describe('authorization code flow with PKCE (oauth4webapi, RFC 6749 §4.1, RFC 7636)', () => {
  let app: ServerUnderTest;
  let as: oauth.AuthorizationServer;
  let jwks: ReturnType<typeof createLocalJWKSet>;

  beforeAll(async () => {
    app = await server.start();
    as = await discover(app.issuer);
    const keys = (await (await fetch(as.jwks_uri as string)).json()) as JSONWebKeySet;
    jwks = createLocalJWKSet(keys);
  });

  it('issues a public client an RFC 9068 access token for the issuer and a refresh token', async () => {
    const client = await register(as, {
      client_name: 'Public agent',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
    });
    const tokens = await codeFlow(as, app.origin, { clientId: client.client_id });

    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBe(600);
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(tokens.id_token).toBeUndefined();
    // With no RESOURCES, the issuer is the resource; no scope requested: the default one.
    expect(tokens.scope).toBe('mcp:tools');
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: app.issuer,
      audience: app.issuer,
      typ: 'at+jwt',
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({
      sub: 'alice',
      client_id: client.client_id,
      scope: 'mcp:tools',
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(600);
  });

  it('authenticates a confidential client with client_secret_basic', async () => {
    const client = await register(as, { token_endpoint_auth_method: 'client_secret_basic' });
    const tokens = await codeFlow(
      as,
      app.origin,
      { clientId: client.client_id },
      oauth.ClientSecretBasic(client.client_secret),
    );
    await expect(
      jwtVerify(tokens.access_token, jwks, { issuer: app.issuer }),
    ).resolves.toBeDefined();
  });

  it('authenticates a confidential client with client_secret_post', async () => {
    const client = await register(as, { token_endpoint_auth_method: 'client_secret_post' });
    const tokens = await codeFlow(
      as,
      app.origin,
      { clientId: client.client_id },
      oauth.ClientSecretPost(client.client_secret),
    );
    expect(decodeJwt(tokens.access_token).payload.client_id).toBe(client.client_id);
  });

  it('keys nothing with the placeholder standing in for a secret client\u2019s secret', async () => {
    const client = await register(as, { token_endpoint_auth_method: 'client_secret_basic' });
    const { provider } = app.identity.app.get(AuthorizationServer);
    const loaded = (await provider.Client.find(client.client_id)) as unknown as {
      clientSecret: string;
      symmetricKeyStore: {
        selectForSign(options: { alg: string }): unknown[];
        selectForEncrypt(options: { alg: string; kty: string }): unknown[];
      };
    };
    expect(loaded.clientSecret).not.toBe(client.client_secret);
    for (const alg of ['HS256', 'HS384', 'HS512']) {
      expect({ alg, keys: loaded.symmetricKeyStore.selectForSign({ alg }) }).toEqual({
        alg,
        keys: [],
      });
    }
    // Key wrapping, and direct encryption (whose keys carry the content encryption algorithm).
    for (const alg of ['A128KW', 'A256KW', 'A128GCMKW', 'A128GCM', 'A256GCM', 'A128CBC-HS256']) {
      expect({ alg, keys: loaded.symmetricKeyStore.selectForEncrypt({ alg, kty: 'oct' }) }).toEqual(
        {
          alg,
          keys: [],
        },
      );
    }
  });

  it('accepts a registered loopback redirect URI on another port (RFC 8252 §7.3)', async () => {
    const client = await register(as, {
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1/callback', 'http://localhost:8080/cb'],
    });
    for (const redirectUri of ['http://127.0.0.1:51004/callback', 'http://localhost:3/cb']) {
      const tokens = await codeFlow(as, app.origin, { clientId: client.client_id, redirectUri });
      expect(tokens.access_token).toEqual(expect.any(String));
    }
  });

  it('issues an RS256 ID token for the openid scope (OIDC Core §3.1.3.3)', async () => {
    const client = await register(as, { token_endpoint_auth_method: 'none' });
    const tokens = await codeFlow(as, app.origin, {
      clientId: client.client_id,
      scope: 'openid',
    });
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token as string, jwks, {
      issuer: app.issuer,
      audience: client.client_id,
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.sub).toBe('alice');
    // The access token still carries the resources' default scope.
    expect(decodeJwt(tokens.access_token).payload.scope).toBe('mcp:tools');
  });

  it('issues no refresh token to a client not registered for the refresh_token grant', async () => {
    const client = await register(as, {
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
    });
    const tokens = await codeFlow(as, app.origin, {
      clientId: client.client_id,
      scope: 'offline_access',
      extra: { prompt: 'consent' },
    });
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('honours offline_access for a client registered for refresh tokens', async () => {
    const client = await register(as, {
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
    });
    const tokens = await codeFlow(as, app.origin, {
      clientId: client.client_id,
      scope: 'offline_access',
      extra: { prompt: 'consent' },
    });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    // The access token is the resource's: its scope is the resource's part of the grant.
    expect(tokens.scope).toBe('mcp:tools');
  });

  it('stores no code or token in plain text, and no private key material', async () => {
    const client = await register(as, {
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
    });
    const { params, verifier } = await authorizeCode(as, app.origin, {
      clientId: client.client_id,
    });
    const code = params.get('code') as string;
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      { client_id: client.client_id },
      oauth.None(),
      params,
      'http://127.0.0.1:33418/callback',
      verifier,
      { [oauth.allowInsecureRequests]: true },
    );
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      { client_id: client.client_id },
      response,
    );
    const dump = JSON.stringify(await server.schema().query('SELECT * FROM identity_oidc_model'));
    expect(dump.includes(client.client_id)).toBe(true);
    const values = [code, tokens.refresh_token, tokens.access_token, verifier];
    expect(values.every((value) => typeof value === 'string' && value.length > 20)).toBe(true);
    expect(values.filter((value) => dump.includes(value as string))).toEqual([]);
    const keys = await server
      .schema()
      .query<{ public_jwk: Record<string, unknown> | null }>('SELECT public_jwk FROM identity_key');
    expect(keys.length).toBeGreaterThanOrEqual(3);
    for (const { public_jwk: jwk } of keys) expect(jwk ?? {}).not.toHaveProperty('d');
  });
});
