import { beforeAll, describe, expect, it } from '@jest/globals';
import * as oauth from 'oauth4webapi';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { TestBrowser, expectRedirect, type FlowEnd } from './support/browser.js';
import {
  REDIRECT_URI,
  authorize,
  discover,
  register,
  tokenRequest,
} from './support/oauth-client.js';
import type { Json } from './support/operations-requests.js';

const server = useAuthorizationServerOnTestSchema();
const ADMIN_TOKEN = 'remembered-consent-admin-token-0123456789';
/** No test switch: people sign in and consent on the pages. */
const NO_SWITCHES = {
  IDENTITY_TEST_LOGIN_SUBJECT: '',
  IDENTITY_CONSENT_AUTO_APPROVE: '',
  ADMIN_TOKEN,
};

/** The first form of a page the flow stopped at. */
function formOf(end: FlowEnd): { html: string; action: string; csrf: string } {
  if (end.kind !== 'page') throw new Error(`expected a page, got a redirect to ${end.url.href}`);
  return {
    html: end.body,
    action: /<form method="post" action="([^"]+)"/.exec(end.body)?.[1] ?? '',
    csrf: /name="csrf" value="([^"]+)"/.exec(end.body)?.[1] ?? '',
  };
}

const post = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

describe('consent remembered per client and person, and revocable', () => {
  let app: ServerUnderTest;
  let as: oauth.AuthorizationServer;
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${app.issuer}/admin${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });

  beforeAll(async () => {
    app = await server.start(NO_SWITCHES);
    as = await discover(app.issuer);
  });

  /** A new browser signs `username` in; where that leads (a consent page, or the client). */
  async function signIn(clientId: string, username: string) {
    const { end, verifier, browser } = await authorize(as, app.origin, { clientId });
    const page = formOf(end);
    const next = await browser.follow(
      `${app.origin}${page.action}`,
      app.origin,
      post({ csrf: page.csrf, username }),
    );
    return { next, verifier, browser };
  }

  /** Allows on the consent page `end`; the code the client gets. */
  async function allow(browser: TestBrowser, end: FlowEnd): Promise<string> {
    const page = formOf(end);
    expect(page.html).toContain('Allow');
    const answer = expectRedirect(
      await browser.follow(
        `${app.origin}${page.action}`,
        app.origin,
        post({ csrf: page.csrf, decision: 'approve' }),
      ),
    );
    return answer.searchParams.get('code') as string;
  }

  async function redeem(clientId: string, code: string, verifier: string): Promise<Json> {
    const answer = await tokenRequest(as, {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
      client_id: clientId,
    });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  it('asks once per client and person, across sessions, and again after revocation, which ends the refresh tokens', async () => {
    const client = await register(as, {
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
    });
    const clientId = client.client_id as string;

    const first = await signIn(clientId, 'dora');
    const firstTokens = await redeem(
      clientId,
      await allow(first.browser, first.next),
      first.verifier,
    );
    expect(firstTokens.refresh_token).toEqual(expect.any(String));

    // Another browser (another session), same person and client: no consent page.
    const second = await signIn(clientId, 'dora');
    const code = expectRedirect(second.next).searchParams.get('code') as string;
    const secondTokens = await redeem(clientId, code, second.verifier);

    // Another person still gets the page.
    const other = await signIn(clientId, 'erin');
    expect(formOf(other.next).html).toContain('Allow');

    const listed = await admin(`/consents?subject=dora`);
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { consents: Json[] };
    expect(body.consents).toEqual([
      {
        subject: 'dora',
        client_id: clientId,
        scopes: expect.any(String),
        resources: { [app.issuer]: 'mcp:tools' },
        granted_at: expect.any(String),
      },
    ]);

    const revoked = await admin(`/consents/dora/${encodeURIComponent(clientId)}`, {
      method: 'DELETE',
    });
    expect(revoked.status).toBe(204);

    // The refresh tokens of that client for that person stop working.
    for (const tokens of [firstTokens, secondTokens]) {
      const refreshed = await tokenRequest(as, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token as string,
        client_id: clientId,
      });
      expect(refreshed).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    }
    // And the next authorization asks again, even in a browser whose session had the grant.
    const again = await authorize(as, app.origin, { clientId }, second.browser);
    expect(formOf(again.end).html).toContain('Allow');
    const fresh = await signIn(clientId, 'dora');
    expect(formOf(fresh.next).html).toContain('Allow');
    expect(await (await admin('/consents?subject=dora')).json()).toEqual({ consents: [] });
  });

  it('forgets the consents given to a deleted client', async () => {
    const client = await register(as, { token_endpoint_auth_method: 'none' });
    const flow = await signIn(client.client_id as string, 'fay');
    await allow(flow.browser, flow.next);
    expect(((await (await admin('/consents?subject=fay')).json()) as Json).consents).toHaveLength(
      1,
    );

    const deleted = await fetch(client.registration_client_uri as string, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${client.registration_access_token as string}` },
    });
    expect(deleted.status).toBe(204);
    // The consents go with the client's grants, right after the deletion.
    let remaining = 1;
    for (let attempt = 0; attempt < 50 && remaining > 0; attempt++) {
      const listed = (await (await admin('/consents?subject=fay')).json()) as { consents: Json[] };
      remaining = listed.consents.length;
      if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(remaining).toBe(0);
  });

  it('answers RFC-style JSON errors', async () => {
    const expectError = async (response: Response, status: number, error: string) => {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = (await response.json()) as Json;
      expect(Object.keys(body).sort()).toEqual(['error', 'error_description']);
      expect(body.error).toBe(error);
    };
    await expectError(await admin('/consents'), 400, 'invalid_request');
    await expectError(await admin('/consents?subject=a&subject=b'), 400, 'invalid_request');
    await expectError(
      await admin('/consents/nobody/no-such-client', { method: 'DELETE' }),
      404,
      'invalid_request',
    );
    const anonymous = await fetch(`${app.issuer}/admin/consents?subject=dora`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as Json).error).toBe('invalid_token');
  });
});
