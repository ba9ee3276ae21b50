import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type * as oauth from 'oauth4webapi';
import { useAuthorizationServerOnTestSchema } from './support/authorization-server-on-test-schema.js';
import { startCimdSetting } from './support/cimd-authorization-server.js';
import type { CimdFixture } from './support/cimd-fixture.js';
import {
  expectAuthorizationStarted,
  publicDocument,
  startAuthorization,
} from './support/cimd-requests.js';
import { REDIRECT_URI, tokenRequest } from './support/oauth-client.js';

const server = useAuthorizationServerOnTestSchema();

// A failure of the database is the server's, not the client's: it must not be reported as
// invalid_client (an agent would drop a client that is fine), nor redirect anywhere.
describe('a database failure while resolving a Client ID Metadata Document client', () => {
  let fixture: CimdFixture;
  let as: oauth.AuthorizationServer;

  beforeAll(async () => {
    ({ fixture, as } = await startCimdSetting(server));
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('is a server_error at both endpoints, and the client works once the database is back', async () => {
    const clientId = fixture.url('/client.json');
    fixture.publish('/client.json', publicDocument(clientId), { 'cache-control': 'max-age=600' });
    const schema = server.schema();
    // The document cache's table goes away: every look-up of a document client fails.
    await schema.query('ALTER TABLE dcr_cimd_document RENAME TO dcr_cimd_document_away');
    try {
      const response = await startAuthorization(as, clientId);
      const page = await response.text();
      expect({ status: response.status, location: response.headers.get('location') }).toEqual({
        status: 500,
        location: null,
      });
      expect(page).toContain('server_error');
      expect(page).not.toContain('invalid_client');

      const token = await tokenRequest(as, {
        grant_type: 'authorization_code',
        code: 'any-code',
        code_verifier: 'v'.repeat(43),
        redirect_uri: REDIRECT_URI,
        client_id: clientId,
      });
      expect({ status: token.status, error: token.body.error }).toEqual({
        status: 500,
        error: 'server_error',
      });
    } finally {
      await schema.query('ALTER TABLE dcr_cimd_document_away RENAME TO dcr_cimd_document');
    }
    await expectAuthorizationStarted(as, clientId);
  });
});
