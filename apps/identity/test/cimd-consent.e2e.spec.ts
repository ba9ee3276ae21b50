import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as oauth from 'oauth4webapi';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { TestBrowser, type FlowEnd } from './support/browser.js';
import { startCimdSetting } from './support/cimd-authorization-server.js';
import type { CimdFixture } from './support/cimd-fixture.js';
import { publicDocument } from './support/cimd-requests.js';
import { authorizationUrl } from './support/oauth-client.js';

const server = useAuthorizationServerOnTestSchema();

// The consent page of a Client ID Metadata Document client: the test switch signs `alice` in,
// consent is asked on the page (IDENTITY_CONSENT_AUTO_APPROVE off).
describe('the consent page of a Client ID Metadata Document client', () => {
  let fixture: CimdFixture;
  let app: ServerUnderTest;
  let as: oauth.AuthorizationServer;

  beforeAll(async () => {
    ({ fixture, app, as } = await startCimdSetting(server, { IDENTITY_CONSENT_AUTO_APPROVE: '' }));
  });

  afterAll(async () => {
    await fixture?.close();
  });

  async function consentPage(
    clientId: string,
    redirectUri: string,
    browser = new TestBrowser(),
  ): Promise<Extract<FlowEnd, { kind: 'page' }>> {
    const challenge = await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier());
    const url = authorizationUrl(as, { clientId, redirectUri }, challenge);
    const end = await browser.follow(url.href, app.origin);
    if (end.kind !== 'page')
      throw new Error(`expected the consent page, got a redirect to ${end.url.href}`);
    return end;
  }

  it('shows the client name, the host serving its document and the redirect host', async () => {
    const clientId = fixture.url('/oauth/consent-client.json');
    fixture.publish('/oauth/consent-client.json', {
      ...publicDocument(clientId, { client_name: 'Document <Agent>' }),
      redirect_uris: ['http://localhost/callback'],
    });
    const page = await consentPage(clientId, 'http://localhost:47123/callback');
    expect(page.response.status).toBe(200);
    expect(page.body).toContain('Document &lt;Agent&gt;');
    expect(page.body).not.toContain('<Agent>');
    expect(page.body).toContain('Described by');
    expect(page.body).toContain(`<strong>${new URL(clientId).host}</strong>`);
    expect(page.body).toContain('<strong>localhost:47123</strong>');
  });

  it('answers with a 400 page, not a redirect, once the document breaks a rule', async () => {
    const clientId = fixture.url('/oauth/changing.json');
    // no-store: every look-up fetches, so the change is seen at the next one.
    fixture.publish('/oauth/changing.json', publicDocument(clientId), {
      'cache-control': 'no-store',
    });
    const browser = new TestBrowser();
    const consent = await consentPage(clientId, 'http://127.0.0.1:33418/callback', browser);
    expect(consent.response.status).toBe(200);

    fixture.publish('/oauth/changing.json', publicDocument(clientId, { client_secret: 'shared' }), {
      'cache-control': 'no-store',
    });
    const again = await browser.request(consent.url);
    expect({ status: again.status, location: again.headers.get('location') }).toEqual({
      status: 400,
      location: null,
    });
    expect(await again.text()).toContain('must not contain client_secret');
  });
});
