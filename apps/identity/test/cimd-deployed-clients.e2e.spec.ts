import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as oauth from 'oauth4webapi';
import { deployedClientDocuments } from '../../../libs/dcr/src/cimd/deployed-client-documents.spec-helpers.js';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { TestBrowser } from './support/browser.js';
import { startCimdFixture, type CimdFixture } from './support/cimd-fixture.js';
import { authorizationUrl, codeFlow, discover } from './support/oauth-client.js';

const server = useAuthorizationServerOnTestSchema();

// Documents shaped like those deployed MCP clients publish (claude.ai, Claude Code, VS Code,
// opencode), served by a loopback fixture (CIMD_ALLOW_LOOPBACK_HTTP=true): each one authorizes
// end to end with the redirect URI the client really uses, without any registration.
describe('Client ID Metadata Documents of deployed MCP clients', () => {
  let fixture: CimdFixture;
  let app: ServerUnderTest;
  let as: oauth.AuthorizationServer;

  beforeAll(async () => {
    fixture = await startCimdFixture();
    app = await server.start({ CIMD_ALLOW_LOOPBACK_HTTP: 'true' });
    as = await discover(app.issuer);
  });

  afterAll(async () => {
    await fixture?.close();
  });

  // Their client_id is the path here; the test serves each at the fixture's URL of that path.
  const documents = deployedClientDocuments((path) => path);

  it.each(documents)('$client authorizes end to end', async (entry) => {
    const path = String(entry.document.client_id);
    const clientId = fixture.url(path);
    fixture.publish(path, { ...entry.document, client_id: clientId });

    const tokens = await codeFlow(as, app.origin, {
      clientId,
      redirectUri: entry.usedRedirectUri,
    });
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    // Grants the server does not offer (jwt-bearer, device_code) were dropped, not refused;
    // authorization_code and refresh_token are kept.
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(fixture.fetches(path)).toBe(1);
  });

  it('shows the consent page with the client name, its document host and the redirect host', async () => {
    const consenting = await server.start({
      CIMD_ALLOW_LOOPBACK_HTTP: 'true',
      IDENTITY_CONSENT_AUTO_APPROVE: '',
    });
    const path = '/oauth/consent-client.json';
    const clientId = fixture.url(path);
    fixture.publish(path, {
      client_id: clientId,
      client_name: 'Document <Agent>',
      redirect_uris: ['http://localhost/callback'],
    });
    const challenge = await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier());
    const url = authorizationUrl(
      await discover(consenting.issuer),
      { clientId, redirectUri: 'http://localhost:47123/callback' },
      challenge,
    );
    const end = await new TestBrowser().follow(url.href, consenting.origin);
    expect(end.kind).toBe('page');
    if (end.kind !== 'page') return;
    expect(end.response.status).toBe(200);
    expect(end.body).toContain('Document &lt;Agent&gt;');
    expect(end.body).toContain('Described by');
    expect(end.body).toContain(`<strong>${new URL(clientId).host}</strong>`);
    expect(end.body).toContain('<strong>localhost:47123</strong>');
  });
});
