import { beforeAll, describe, expect, it } from '@jest/globals';
import * as oauth from 'oauth4webapi';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { TestBrowser, expectRedirect, type FlowEnd } from './support/browser.js';
import { authorize, decodeJwt, discover, register, tokenRequest } from './support/oauth-client.js';

const server = useAuthorizationServerOnTestSchema();
/** No test switch: people sign in and consent on the pages. */
const NO_SWITCHES = { IDENTITY_TEST_LOGIN_SUBJECT: '', IDENTITY_CONSENT_AUTO_APPROVE: '' };

/** A page the flow stopped at, with the fields of its first form. */
function pageOf(end: FlowEnd): { html: string; response: Response; action: string; csrf: string } {
  if (end.kind !== 'page') throw new Error(`expected a page, got a redirect to ${end.url.href}`);
  const action = /<form method="post" action="([^"]+)"/.exec(end.body)?.[1] ?? '';
  const csrf = /name="csrf" value="([^"]+)"/.exec(end.body)?.[1] ?? '';
  return { html: end.body, response: end.response, action, csrf };
}

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

describe('the development sign-in and consent pages', () => {
  let app: ServerUnderTest;
  let as: oauth.AuthorizationServer;

  beforeAll(async () => {
    app = await server.start(NO_SWITCHES);
    as = await discover(app.issuer);
  });

  it('signs a person in by user name, asks for consent, and issues tokens for that subject', async () => {
    const client = await register(as, {
      client_name: 'Agent <script>alert(1)</script>',
      token_endpoint_auth_method: 'none',
    });
    const { end, verifier, browser } = await authorize(as, app.origin, {
      clientId: client.client_id,
    });

    const signIn = pageOf(end);
    expect(signIn.response.status).toBe(200);
    expect(signIn.html).toContain('Development only');
    expect(signIn.response.headers.get('content-security-policy')).toContain(
      "frame-ancestors 'none'",
    );
    expect(signIn.response.headers.get('cache-control')).toBe('no-store');

    const consent = pageOf(
      await browser.follow(
        `${app.origin}${signIn.action}`,
        app.origin,
        form({ csrf: signIn.csrf, username: 'bob' }),
      ),
    );
    expect(consent.html).toContain('Agent &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(consent.html).not.toContain('<script>');
    expect(consent.html).toContain('127.0.0.1:33418'); // the redirect URI's host
    expect(consent.html).toContain('mcp:tools'); // the scope
    expect(consent.html).toContain(app.issuer); // the resource

    const callback = expectRedirect(
      await browser.follow(
        `${app.origin}${consent.action}`,
        app.origin,
        form({ csrf: consent.csrf, decision: 'approve' }),
      ),
    );
    const answer = await tokenRequest(as, {
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') as string,
      code_verifier: verifier,
      redirect_uri: 'http://127.0.0.1:33418/callback',
      client_id: client.client_id,
    });
    expect(decodeJwt(answer.body.access_token).payload.sub).toBe('bob');

    // The same browser again: signed in, consent remembered for the session.
    const again = await authorize(as, app.origin, { clientId: client.client_id }, browser);
    expect(expectRedirect(again.end).searchParams.has('code')).toBe(true);
  });

  it('refuses a form without its CSRF token, or with another interaction\u2019s', async () => {
    const client = await register(as, { token_endpoint_auth_method: 'none' });
    const { end, browser } = await authorize(as, app.origin, { clientId: client.client_id });
    const signIn = pageOf(end);
    for (const csrf of ['', 'forged', signIn.csrf.slice(1)]) {
      const response = await browser.request(
        `${app.origin}${signIn.action}`,
        form({ csrf, username: 'mallory' }),
      );
      expect({ csrf, status: response.status }).toEqual({ csrf, status: 403 });
    }
    // A page of another site posting the form has no cookie of the interaction at all.
    const forged = await new TestBrowser().request(
      `${app.origin}${signIn.action}`,
      form({ csrf: signIn.csrf, username: 'mallory' }),
    );
    expect(forged.status).toBe(400);
  });

  it('explains a user name that is not one, and keeps the form', async () => {
    const client = await register(as, { token_endpoint_auth_method: 'none' });
    const { end, browser } = await authorize(as, app.origin, { clientId: client.client_id });
    const signIn = pageOf(end);
    const response = await browser.request(
      `${app.origin}${signIn.action}`,
      form({ csrf: signIn.csrf, username: 'two words' }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('printable ASCII characters without spaces');
    expect(html).toContain('name="username"');
  });

  it('sends access_denied, with state and iss, when the person denies or cancels', async () => {
    const client = await register(as, { token_endpoint_auth_method: 'none' });
    const first = await authorize(as, app.origin, { clientId: client.client_id, state: 's-1' });
    const signIn = pageOf(first.end);
    const cancelled = expectRedirect(
      await first.browser.follow(
        `${app.origin}${signIn.action.replace(/\/login$/, '/abort')}`,
        app.origin,
        form({ csrf: signIn.csrf }),
      ),
    );
    expect(Object.fromEntries(cancelled.searchParams)).toMatchObject({
      error: 'access_denied',
      state: 's-1',
      iss: app.issuer,
    });

    const second = await authorize(as, app.origin, { clientId: client.client_id, state: 's-2' });
    const login = pageOf(second.end);
    const consent = pageOf(
      await second.browser.follow(
        `${app.origin}${login.action}`,
        app.origin,
        form({ csrf: login.csrf, username: 'carol' }),
      ),
    );
    const denied = expectRedirect(
      await second.browser.follow(
        `${app.origin}${consent.action}`,
        app.origin,
        form({ csrf: consent.csrf, decision: 'deny' }),
      ),
    );
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('s-2');
  });

  it('answers an unknown or finished interaction with a page, not an error body', async () => {
    const response = await new TestBrowser().request(`${app.origin}/interaction/unknown-uid`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('sign-in when NODE_ENV=production and no sign-in method is configured', () => {
  it('never shows the development page: the client gets access_denied', async () => {
    const app = await server.start({ ...NO_SWITCHES, NODE_ENV: 'production' });
    const as = await discover(app.issuer);
    const client = await register(as, { token_endpoint_auth_method: 'none' });
    const { end } = await authorize(as, app.origin, { clientId: client.client_id });
    const callback = expectRedirect(end);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('iss')).toBe(app.issuer);
  });
});
