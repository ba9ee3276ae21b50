import { beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { TestBrowser, expectRedirect } from './support/browser.js';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { clientKeyPair } from './support/client-keys.js';
import { REDIRECT_URI, discover } from './support/oauth-client.js';

const server = useAuthorizationServerOnTestSchema();

/** The `error` of the OAuth error response a call of openid-client rejects with. */
async function oauthErrorOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
  } catch (error) {
    return (error as { error?: string }).error;
  }
  throw new Error('expected the request to fail');
}

describe('openid-client v6 against the authorization server', () => {
  let app: ServerUnderTest;
  let registrationEndpoint: string;

  beforeAll(async () => {
    app = await server.start();
    registrationEndpoint = (await discover(app.issuer)).registration_endpoint as string;
  });

  /** openid-client's configuration for a registered client, from OpenID Connect discovery. */
  function configure(
    clientId: string,
    auth: client.ClientAuth,
    metadata: Partial<client.ClientMetadata> = {},
  ) {
    return client.discovery(new URL(app.issuer), clientId, metadata, auth, {
      execute: [client.allowInsecureRequests],
    });
  }

  /** The authorization code flow with PKCE, through the test browser. */
  async function codeFlow(config: client.Configuration, scope?: string) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      ...(scope ? { scope } : {}),
    });
    const callback = expectRedirect(await new TestBrowser().follow(url.href, app.origin));
    return client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
  }

  const registerWith = async (metadata: Record<string, unknown>) => {
    const response = await fetch(registrationEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: [REDIRECT_URI], ...metadata }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as Record<string, string>;
  };

  it('runs the code flow with PKCE and client_secret_basic, and validates the ID token', async () => {
    const registered = await registerWith({ token_endpoint_auth_method: 'client_secret_basic' });
    const config = await configure(
      registered.client_id,
      client.ClientSecretBasic(registered.client_secret),
    );
    expect(config.serverMetadata().issuer).toBe(app.issuer);
    const tokens = await codeFlow(config, 'openid');
    expect(tokens.claims()?.sub).toBe('alice');
    expect(tokens.claims()?.aud).toBe(registered.client_id);
    expect(tokens.token_type).toBe('bearer');
  });

  it('runs the code flow with client_secret_post', async () => {
    const registered = await registerWith({ token_endpoint_auth_method: 'client_secret_post' });
    const config = await configure(
      registered.client_id,
      client.ClientSecretPost(registered.client_secret),
    );
    const tokens = await codeFlow(config);
    expect(tokens.access_token).toEqual(expect.any(String));
  });

  it('runs the code flow with private_key_jwt (RFC 7523)', async () => {
    const key = await clientKeyPair('ES256');
    const registered = await registerWith({
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [key.publicJwk] },
    });
    const config = await configure(
      registered.client_id,
      client.PrivateKeyJwt({ key: key.privateKey, kid: key.kid }),
    );
    const tokens = await codeFlow(config);
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
    const { payload } = await jwtVerify(tokens.access_token, jwks, {
      issuer: app.issuer,
      audience: app.issuer,
    });
    expect(payload.client_id).toBe(registered.client_id);
  });

  it('gets a client_credentials token with a secret', async () => {
    const registered = await registerWith({
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials'],
    });
    const config = await configure(
      registered.client_id,
      client.ClientSecretBasic(registered.client_secret),
    );
    const tokens = await client.clientCredentialsGrant(config, { scope: 'mcp:tools' });
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: app.issuer,
      audience: app.issuer,
      typ: 'at+jwt',
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({ sub: registered.client_id, scope: 'mcp:tools' });
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('gets a client_credentials token with private_key_jwt', async () => {
    const key = await clientKeyPair('RS256');
    const registered = await registerWith({
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: ['client_credentials'],
      jwks: { keys: [key.publicJwk] },
    });
    const config = await configure(
      registered.client_id,
      client.PrivateKeyJwt({ key: key.privateKey, kid: key.kid }),
    );
    const tokens = await client.clientCredentialsGrant(config);
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
    const { payload } = await jwtVerify(tokens.access_token, jwks, { issuer: app.issuer });
    expect(payload.sub).toBe(registered.client_id);
  });

  it('refuses a replayed client assertion (its jti is remembered in PostgreSQL)', async () => {
    const key = await clientKeyPair('ES256');
    const registered = await registerWith({
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: ['client_credentials'],
      jwks: { keys: [key.publicJwk] },
    });
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ jti: `jti-${now}-${Math.random()}` })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setIssuer(registered.client_id)
      .setSubject(registered.client_id)
      .setAudience(app.issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(key.privateKey);
    const post = () =>
      fetch(`${app.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: registered.client_id,
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
        }),
      });
    expect((await post()).status).toBe(200);
    const replay = await post();
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('refuses a client_credentials request of a client registered without that grant', async () => {
    const registered = await registerWith({ token_endpoint_auth_method: 'client_secret_basic' });
    const config = await configure(
      registered.client_id,
      client.ClientSecretBasic(registered.client_secret),
    );
    // oidc-provider answers invalid_request ("requested grant type is not allowed for this client").
    expect(await oauthErrorOf(client.clientCredentialsGrant(config))).toBe('invalid_request');
  });

  it('refuses a wrong secret with invalid_client (RFC 6749 §5.2)', async () => {
    const registered = await registerWith({
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials'],
    });
    const config = await configure(registered.client_id, client.ClientSecretBasic('wrong-secret'));
    // openid-client reports the 401 as a challenge; the body says invalid_client.
    await expect(client.clientCredentialsGrant(config)).rejects.toThrow();
    const response = await fetch(config.serverMetadata().token_endpoint as string, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${registered.client_id}:wrong-secret`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_client');
  });
});
