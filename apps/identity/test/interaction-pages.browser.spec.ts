import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as oauth from 'oauth4webapi';
import type { Browser, Page } from 'playwright-core';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { launchChromium, startCallbackServer, type CallbackServer } from './support/chromium.js';
import {
  authorizationUrl,
  decodeJwt,
  discover,
  register,
  tokenRequest,
} from './support/oauth-client.js';

const STEP_TIMEOUT_MS = 15_000;

const server = useAuthorizationServerOnTestSchema();
let app: ServerUnderTest;
let as: oauth.AuthorizationServer;
let browser: Browser | undefined;
let page: Page;
/** The client's redirect URI: a loopback server that keeps the query of every request. */
let callback: CallbackServer;

beforeAll(async () => {
  // No test switch: the development sign-in page and the consent page.
  app = await server.start({ IDENTITY_TEST_LOGIN_SUBJECT: '', IDENTITY_CONSENT_AUTO_APPROVE: '' });
  as = await discover(app.issuer);

  callback = await startCallbackServer();

  browser = await launchChromium();
  const context = await browser.newContext();
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await callback?.close();
});

/** The accessibility basics of the page shown: language, title, one main heading. */
async function expectAccessibleBasics(heading: RegExp): Promise<void> {
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  expect((await page.title()).length).toBeGreaterThan(0);
  const headings = page.getByRole('heading', { level: 1 });
  expect(await headings.count()).toBe(1);
  expect(await headings.innerText()).toMatch(heading);
}

describe('the sign-in and consent pages in Chromium', () => {
  it('signs a person in by user name, asks for consent, and sends the code back to the client', async () => {
    const client = await register(as, {
      client_name: 'Browser Agent',
      token_endpoint_auth_method: 'none',
      redirect_uris: [callback.uri],
    });
    const verifier = oauth.generateRandomCodeVerifier();
    const challenge = await oauth.calculatePKCECodeChallenge(verifier);
    const url = authorizationUrl(
      as,
      { clientId: client.client_id as string, redirectUri: callback.uri, state: 'browser-state' },
      challenge,
    );

    await page.goto(url.href);
    await expectAccessibleBasics(/^Sign in$/);
    // The field is found by its label, as a screen reader announces it.
    const username = page.getByLabel('User name');
    expect(await username.getAttribute('autocomplete')).toBe('username');
    expect(await page.getByRole('alert').first().innerText()).toContain('Development only');
    await username.fill('grace');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('button', { name: 'Allow' }).waitFor();
    await expectAccessibleBasics(/Allow Browser Agent access\?/);
    expect(await page.getByRole('button', { name: 'Deny' }).count()).toBe(1);
    expect(await page.locator('main').innerText()).toContain('mcp:tools');
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.waitForURL((landed) => landed.href.startsWith(callback.uri));
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Back at the client');
    const answer = callback.received.at(-1);
    expect(answer?.get('state')).toBe('browser-state');
    expect(answer?.get('iss')).toBe(app.issuer);

    const tokens = await tokenRequest(as, {
      grant_type: 'authorization_code',
      code: answer?.get('code') ?? '',
      code_verifier: verifier,
      redirect_uri: callback.uri,
      client_id: client.client_id as string,
    });
    expect(tokens.status).toBe(200);
    expect(decodeJwt(tokens.body.access_token as string).payload.sub).toBe('grace');
  }, 45_000);

  it('refuses a user name with a space in the browser itself (the field\u2019s pattern), before anything is sent', async () => {
    const client = await register(as, {
      token_endpoint_auth_method: 'none',
      redirect_uris: [callback.uri],
    });
    const challenge = await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier());
    // A new context: no session of the first test.
    const context = await browser!.newContext();
    const fresh = await context.newPage();
    try {
      await fresh.goto(
        authorizationUrl(
          as,
          { clientId: client.client_id as string, redirectUri: callback.uri },
          challenge,
        ).href,
      );
      // The browser's own check refuses a space (the `pattern` attribute) before anything is sent.
      await fresh.getByLabel('User name').fill('two words');
      await fresh.getByRole('button', { name: 'Sign in' }).click();
      expect(
        await fresh
          .getByLabel('User name')
          .evaluate((input) => (input as { validity: { valid: boolean } }).validity.valid),
      ).toBe(false);
      expect(await fresh.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in');
    } finally {
      await context.close();
    }
  }, 30_000);
});
