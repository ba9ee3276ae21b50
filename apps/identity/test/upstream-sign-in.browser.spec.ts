import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as oauth from 'oauth4webapi';
import type { Browser, Page } from 'playwright-core';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { launchChromium, startCallbackServer, type CallbackServer } from './support/chromium.js';
import { freeLoopbackPort } from './support/identity-on-test-schema.js';
import {
  authorizationUrl,
  decodeJwt,
  discover,
  register,
  tokenRequest,
} from './support/oauth-client.js';
import {
  UPSTREAM_ACCOUNT,
  startUpstreamProvider,
  type UpstreamProvider,
} from './support/upstream-provider.js';

const UPSTREAM_CLIENT = { clientId: 'identity-at-upstream', clientSecret: 'upstream-secret-1234' };

const server = useAuthorizationServerOnTestSchema();
let app: ServerUnderTest;
let as: oauth.AuthorizationServer;
let upstream: UpstreamProvider | undefined;
let browser: Browser | undefined;
let page: Page;
let callback: CallbackServer | undefined;

beforeAll(async () => {
  // The upstream provider on `localhost`, the app on 127.0.0.1: two hosts for the browser's
  // cookies, as an enterprise provider and this server would be.
  const upstreamPort = await freeLoopbackPort();
  app = await server.start({
    IDENTITY_TEST_LOGIN_SUBJECT: '',
    IDENTITY_CONSENT_AUTO_APPROVE: '',
    CIMD_ALLOW_LOOPBACK_HTTP: 'true',
    UPSTREAM_OIDC_ISSUER: `http://localhost:${upstreamPort}`,
    UPSTREAM_OIDC_CLIENT_ID: UPSTREAM_CLIENT.clientId,
    UPSTREAM_OIDC_CLIENT_SECRET: UPSTREAM_CLIENT.clientSecret,
  });
  upstream = await startUpstreamProvider(
    upstreamPort,
    { ...UPSTREAM_CLIENT, callbackUrl: `${app.issuer}/interaction/callback/upstream` },
    'localhost',
  );
  as = await discover(app.issuer);

  callback = await startCallbackServer();

  browser = await launchChromium();
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await upstream?.close();
  await callback?.close();
});

describe('upstream sign-in in Chromium', () => {
  it('goes to the upstream provider and back (cookies as a browser keeps them), then consent, then the client', async () => {
    const client = await register(as, {
      client_name: 'Browser Agent',
      token_endpoint_auth_method: 'none',
      redirect_uris: [callback!.uri],
    });
    const verifier = oauth.generateRandomCodeVerifier();
    const challenge = await oauth.calculatePKCECodeChallenge(verifier);
    const upstreamRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(upstream!.issuer)) upstreamRequests.push(request.url());
    });

    await page.goto(
      authorizationUrl(
        as,
        { clientId: client.client_id as string, redirectUri: callback!.uri, state: 'up-state' },
        challenge,
      ).href,
    );
    // The upstream provider signed the person in without a page; ours asks for consent.
    await page.getByRole('button', { name: 'Allow' }).waitFor();
    expect(upstreamRequests.some((url) => url.includes('/auth?'))).toBe(true);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((landed) => landed.href.startsWith(callback!.uri));

    const answer = callback!.received.at(-1);
    expect(answer?.get('state')).toBe('up-state');
    const tokens = await tokenRequest(as, {
      grant_type: 'authorization_code',
      code: answer?.get('code') ?? '',
      code_verifier: verifier,
      redirect_uri: callback!.uri,
      client_id: client.client_id as string,
    });
    expect(tokens.status).toBe(200);
    expect(decodeJwt(tokens.body.access_token as string).payload.sub).toBe(UPSTREAM_ACCOUNT.sub);
    // The return cookie was used once and removed.
    const cookies = await page.context().cookies(`${app.issuer}/interaction/callback/upstream`);
    expect(cookies.map((cookie) => cookie.name)).not.toContain('identity_upstream');
  }, 45_000);
});
