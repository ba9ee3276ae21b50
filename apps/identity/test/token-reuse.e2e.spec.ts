import { beforeAll, describe, expect, it } from '@jest/globals';
import * as oauth from 'oauth4webapi';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import {
  INSECURE,
  REDIRECT_URI,
  authorizeCode,
  basic,
  codeFlow,
  discover,
  register,
  tokenRequest,
} from './support/oauth-client.js';

const server = useAuthorizationServerOnTestSchema();
const PUBLIC = {
  token_endpoint_auth_method: 'none',
  grant_types: ['authorization_code', 'refresh_token'],
};

describe('single use of codes and refresh tokens', () => {
  let app: ServerUnderTest;
  let as: oauth.AuthorizationServer;

  beforeAll(async () => {
    app = await server.start();
    as = await discover(app.issuer);
  });

  /** A code, its verifier and the form that redeems it. */
  async function freshCode(clientId: string) {
    const { params, verifier } = await authorizeCode(as, app.origin, { clientId });
    return {
      grant_type: 'authorization_code',
      code: params.get('code') as string,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
      client_id: clientId,
    };
  }

  const refresh = (clientId: string, refreshToken: string) =>
    tokenRequest(as, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: clientId,
    });

  it('refuses a replayed code, and revokes what the code gave (RFC 6749 §4.1.2)', async () => {
    const client = await register(as, PUBLIC);
    const form = await freshCode(client.client_id);
    const first = await tokenRequest(as, form);
    expect(first.status).toBe(200);
    const replay = await tokenRequest(as, form);
    expect(replay).toEqual({
      status: 400,
      body: expect.objectContaining({ error: 'invalid_grant' }),
    });
    const afterReplay = await refresh(client.client_id, first.body.refresh_token);
    expect(afterReplay.body.error).toBe('invalid_grant');
  });

  it('gives tokens to exactly one of two concurrent redemptions of a code', async () => {
    const client = await register(as, PUBLIC);
    for (let round = 0; round < 5; round++) {
      const form = await freshCode(client.client_id);
      const answers = await Promise.all([tokenRequest(as, form), tokenRequest(as, form)]);
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, 400]);
      const loser = answers.find((answer) => answer.status === 400);
      expect(loser?.body.error).toBe('invalid_grant');
      // The code was used twice: the grant goes, with the winner's refresh token.
      const winner = answers.find((answer) => answer.status === 200);
      expect((await refresh(client.client_id, winner?.body.refresh_token)).body.error).toBe(
        'invalid_grant',
      );
    }
  });

  it("rotates a public client's refresh token; a reused one revokes the grant (RFC 9700 §4.14.2)", async () => {
    const client = await register(as, PUBLIC);
    const tokens = await codeFlow(as, app.origin, { clientId: client.client_id });
    const first = tokens.refresh_token as string;
    const rotated = await refresh(client.client_id, first);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).toEqual(expect.any(String));
    expect(rotated.body.refresh_token).not.toBe(first);
    const next = await refresh(client.client_id, rotated.body.refresh_token);
    expect(next.status).toBe(200);

    // Presenting a replaced token again: refused, and the whole chain (the grant) is revoked.
    expect((await refresh(client.client_id, first)).body.error).toBe('invalid_grant');
    expect((await refresh(client.client_id, next.body.refresh_token)).body.error).toBe(
      'invalid_grant',
    );
  });

  it('rotates a refresh token once for two concurrent refreshes', async () => {
    const client = await register(as, PUBLIC);
    const tokens = await codeFlow(as, app.origin, { clientId: client.client_id });
    const answers = await Promise.all([
      refresh(client.client_id, tokens.refresh_token as string),
      refresh(client.client_id, tokens.refresh_token as string),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
  });

  it("keeps a confidential client's refresh token, which it authenticates to use", async () => {
    const client = await register(as, {
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code', 'refresh_token'],
    });
    const tokens = await codeFlow(
      as,
      app.origin,
      { clientId: client.client_id },
      oauth.ClientSecretBasic(client.client_secret),
    );
    const authorization = basic(client.client_id, client.client_secret);
    const form = { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string };
    const first = await tokenRequest(as, form, { authorization });
    const second = await tokenRequest(as, form, { authorization });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.refresh_token).toBe(tokens.refresh_token);
    // Without its secret, the refresh token is worth nothing.
    expect((await tokenRequest(as, { ...form, client_id: client.client_id })).status).toBe(401);
  });

  it('refuses a revoked refresh token (RFC 7009), which introspection then reports inactive', async () => {
    const client = await register(as, PUBLIC);
    const tokens = await codeFlow(as, app.origin, { clientId: client.client_id });
    const refreshToken = tokens.refresh_token as string;
    const caller = { client_id: client.client_id };

    const introspect = async () =>
      oauth.processIntrospectionResponse(
        as,
        caller,
        await oauth.introspectionRequest(as, caller, oauth.None(), refreshToken, INSECURE),
      );
    expect(await introspect()).toMatchObject({
      active: true,
      client_id: client.client_id,
      sub: 'alice',
    });

    const revocation = await oauth.revocationRequest(
      as,
      caller,
      oauth.None(),
      refreshToken,
      INSECURE,
    );
    await oauth.processRevocationResponse(revocation);
    expect(revocation.status).toBe(200);

    expect((await refresh(client.client_id, refreshToken)).body.error).toBe('invalid_grant');
    expect((await introspect()).active).toBe(false);
  });

  it("does not let a client revoke another client's refresh token", async () => {
    const owner = await register(as, PUBLIC);
    const other = await register(as, {
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code'],
    });
    const tokens = await codeFlow(as, app.origin, { clientId: owner.client_id });
    const response = await fetch(as.revocation_endpoint as string, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basic(other.client_id, other.client_secret),
      },
      body: new URLSearchParams({ token: tokens.refresh_token as string }),
    });
    expect(response.status).toBeLessThan(500);
    expect((await refresh(owner.client_id, tokens.refresh_token as string)).status).toBe(200);
  });
});
