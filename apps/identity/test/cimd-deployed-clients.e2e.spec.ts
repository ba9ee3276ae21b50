import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type * as oauth from 'oauth4webapi';
import { deployedClientDocuments } from '../../../libs/dcr/src/cimd/deployed-client-documents.spec-helpers.js';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { startCimdSetting } from './support/cimd-authorization-server.js';
import type { CimdFixture } from './support/cimd-fixture.js';
import { codeFlow } from './support/oauth-client.js';

const server = useAuthorizationServerOnTestSchema();

// Documents shaped like those deployed MCP clients publish (claude.ai, Claude Code, VS Code,
// opencode), served by a loopback fixture (CIMD_ALLOW_LOOPBACK_HTTP=true): each one authorizes
// end to end with the redirect URI the client really uses, without any registration.
describe('Client ID Metadata Documents of deployed MCP clients', () => {
  let fixture: CimdFixture;
  let app: ServerUnderTest;
  let as: oauth.AuthorizationServer;

  beforeAll(async () => {
    ({ fixture, app, as } = await startCimdSetting(server));
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
});
