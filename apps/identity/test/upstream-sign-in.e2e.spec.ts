import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import * as oauth from 'oauth4webapi';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { TestBrowser, expectRedirect, pageText } from './support/browser.js';
import { freeLoopbackPort } from './support/identity-on-test-schema.js';
import { authorize, decodeJwt, discover, register, tokenRequest } from './support/oauth-client.js';
import {
  UPSTREAM_ACCOUNT,
  startUpstreamProvider,
  type UpstreamProvider,
} from './support/upstream-provider.js';

const server = useAuthorizationServerOnTestSchema();
const UPSTREAM_CLIENT = { clientId: 'identity-at-upstream', clientSecret: 'upstream-secret-1234' };

describe('signing in at an upstream OpenID Connect provider', () => {
  let app: ServerUnderTest;
  let as: oauth.AuthorizationServer;
  let upstream: UpstreamProvider;

  beforeAll(async () => {
    // The upstream's port first: the app discovers it at first use, and the upstream must know
    // the app's callback URL as its client's redirect URI.
    const upstreamPort = await freeLoopbackPort();
    app = await server.start({
      IDENTITY_TEST_LOGIN_SUBJECT: '',
      IDENTITY_CONSENT_AUTO_APPROVE: 'true',
      CIMD_ALLOW_LOOPBACK_HTTP: 'true',
      UPSTREAM_OIDC_ISSUER: `http://127.0.0.1:${upstreamPort}`,
      UPSTREAM_OIDC_CLIENT_ID: UPSTREAM_CLIENT.clientId,
      UPSTREAM_OIDC_CLIENT_SECRET: UPSTREAM_CLIENT.clientSecret,
    });
    upstream = await startUpstreamProvider(upstreamPort, {
      ...UPSTREAM_CLIENT,
      callbackUrl: `${app.issuer}/interaction/callback/upstream`,
    });
    as = await discover(app.issuer);
  });

  afterAll(async () => {
    await upstream?.close();
  });

  beforeEach(() => {
    upstream.answer = 'sign-in';
  });

  /** Client → our login prompt → upstream: the upstream request, and the client's flow. */
  async function startAtUpstream(state = 'client-state', scope = 'openid mcp:tools') {
    const client = await register(as, { token_endpoint_auth_method: 'none' });
    const flow = await authorize(as, app.origin, { clientId: client.client_id, state, scope });
    const toUpstream = expectRedirect(flow.end);
    return { client, flow, toUpstream };
  }

  /** The person at the upstream provider (a browser of its own: cookies are per host). */
  async function atUpstream(toUpstream: URL): Promise<URL> {
    return expectRedirect(await new TestBrowser().follow(toUpstream.href, upstream.issuer));
  }

  it('sends the person upstream with PKCE S256, state and nonce, and back with a code whose token names the upstream sub', async () => {
    const { client, flow, toUpstream } = await startAtUpstream();
    expect(toUpstream.origin).toBe(upstream.issuer);
    expect(Object.fromEntries(toUpstream.searchParams)).toMatchObject({
      client_id: UPSTREAM_CLIENT.clientId,
      redirect_uri: `${app.issuer}/interaction/callback/upstream`,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    for (const name of ['state', 'nonce', 'code_challenge']) {
      expect(toUpstream.searchParams.get(name)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }

    const callback = await atUpstream(toUpstream);
    expect(callback.href.startsWith(`${app.issuer}/interaction/callback/upstream?`)).toBe(true);
    expect(callback.searchParams.get('iss')).toBe(upstream.issuer);

    const answer = expectRedirect(await flow.browser.follow(callback.href, app.origin));
    expect(Object.fromEntries(answer.searchParams)).toMatchObject({
      state: 'client-state',
      iss: app.issuer,
    });
    const tokens = await tokenRequest(as, {
      grant_type: 'authorization_code',
      code: answer.searchParams.get('code') as string,
      code_verifier: flow.verifier,
      redirect_uri: 'http://127.0.0.1:33418/callback',
      client_id: client.client_id,
    });
    expect(tokens.status).toBe(200);
    expect(decodeJwt(tokens.body.access_token).payload.sub).toBe(UPSTREAM_ACCOUNT.sub);
    // Only `openid` was asked for: no e-mail, no name.
    const idToken = decodeJwt(tokens.body.id_token).payload;
    expect(idToken.sub).toBe(UPSTREAM_ACCOUNT.sub);
    expect(idToken).not.toHaveProperty('email');
    expect(idToken).not.toHaveProperty('name');

    // The callback cannot be used again: its cookie is gone, and so is the interaction.
    const replay = await flow.browser.follow(callback.href, app.origin);
    expect(replay.kind).toBe('page');
    expect(replay.response.status).toBe(400);
    if (replay.kind === 'page') expect(pageText(replay.body)).toMatch(/has expired/);
  });

  it('releases the upstream e-mail and name in the ID token for the email and profile scopes', async () => {
    expect(as.scopes_supported).toEqual(expect.arrayContaining(['email', 'profile']));
    expect(as.claims_supported).toEqual(expect.arrayContaining(['email', 'name']));
    const client = await register(as, { token_endpoint_auth_method: 'none' });
    const flow = await authorize(as, app.origin, {
      clientId: client.client_id,
      scope: 'openid email profile mcp:tools',
    });
    const callback = await atUpstream(expectRedirect(flow.end));
    const answer = expectRedirect(await flow.browser.follow(callback.href, app.origin));
    const tokens = await tokenRequest(as, {
      grant_type: 'authorization_code',
      code: answer.searchParams.get('code') as string,
      code_verifier: flow.verifier,
      redirect_uri: 'http://127.0.0.1:33418/callback',
      client_id: client.client_id,
    });
    expect(tokens.status).toBe(200);
    expect(decodeJwt(tokens.body.id_token).payload).toMatchObject({
      sub: UPSTREAM_ACCOUNT.sub,
      email: UPSTREAM_ACCOUNT.email,
      name: UPSTREAM_ACCOUNT.name,
    });
  });

  it('refuses a callback whose state was changed: no sign-in, access_denied at the client', async () => {
    const { flow, toUpstream } = await startAtUpstream('s-tampered');
    const callback = await atUpstream(toUpstream);
    callback.searchParams.set('state', 'forged-state');
    const answer = expectRedirect(await flow.browser.follow(callback.href, app.origin));
    expect(answer.searchParams.has('code')).toBe(false);
    expect(Object.fromEntries(answer.searchParams)).toMatchObject({
      error: 'access_denied',
      state: 's-tampered',
      iss: app.issuer,
    });
  });

  it('refuses the callback of another interaction in this browser (state bound to the interaction)', async () => {
    const first = await startAtUpstream('first');
    const firstCallback = await atUpstream(first.toUpstream);
    // The same browser starts a second request; the first one's answer arrives in it.
    const second = await authorize(
      as,
      app.origin,
      { clientId: first.client.client_id, state: 'second' },
      first.flow.browser,
    );
    expectRedirect(second.end);
    const answer = expectRedirect(await second.browser.follow(firstCallback.href, app.origin));
    expect(answer.searchParams.has('code')).toBe(false);
    expect(answer.searchParams.get('error')).toBe('access_denied');
  });

  it('ends with access_denied, state and iss at the client when the upstream provider denies', async () => {
    upstream.answer = 'deny';
    const { flow, toUpstream } = await startAtUpstream('s-denied');
    const callback = await atUpstream(toUpstream);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const answer = expectRedirect(await flow.browser.follow(callback.href, app.origin));
    expect(Object.fromEntries(answer.searchParams)).toEqual({
      error: 'access_denied',
      error_description: 'the upstream provider answered access_denied',
      state: 's-denied',
      iss: app.issuer,
    });
  });

  it('answers a callback without an interaction with a 400 page, never a 500', async () => {
    const response = await new TestBrowser().request(
      `${app.issuer}/interaction/callback/upstream?code=abc&state=def`,
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('text/html');
  });
});

describe('an upstream provider that cannot be reached', () => {
  it('shows a clear 503 page at the login prompt, not a 500', async () => {
    const closedPort = await freeLoopbackPort();
    const app = await server.start({
      IDENTITY_TEST_LOGIN_SUBJECT: '',
      CIMD_ALLOW_LOOPBACK_HTTP: 'true',
      UPSTREAM_OIDC_ISSUER: `http://127.0.0.1:${closedPort}`,
      UPSTREAM_OIDC_CLIENT_ID: UPSTREAM_CLIENT.clientId,
      UPSTREAM_OIDC_CLIENT_SECRET: UPSTREAM_CLIENT.clientSecret,
    });
    const as = await discover(app.issuer);
    const client = await register(as, { token_endpoint_auth_method: 'none' });
    const { end } = await authorize(as, app.origin, { clientId: client.client_id });
    expect(end.kind).toBe('page');
    expect(end.response.status).toBe(503);
    if (end.kind === 'page') expect(pageText(end.body)).toContain('cannot be reached');
  });
});
