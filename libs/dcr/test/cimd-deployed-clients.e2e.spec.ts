import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deployedClientDocuments } from '../src/cimd/deployed-client-documents.spec-helpers.js';
import { startCimdFixture, type CimdFixture } from './support/cimd-fixture.js';
import { createCimdTestApp, type CimdTestApp } from './support/cimd-test-app.js';

// Copies of the documents Claude, Claude Code, VS Code and opencode publish, served from a
// loopback fixture at their own paths: each has the quirk that broke strict validators, and each
// must resolve to a usable client.
describe('Client ID Metadata Documents of deployed clients', () => {
  let fixture: CimdFixture;
  let app: CimdTestApp;
  const documents = () => deployedClientDocuments((path) => fixture.url(path));

  beforeAll(async () => {
    fixture = await startCimdFixture();
    for (const { document } of documents()) {
      fixture.publish(new URL(document.client_id as string).pathname, document, {
        'cache-control': 'public, max-age=3600',
      });
    }
    app = await createCimdTestApp();
  });

  afterAll(async () => {
    await app?.close();
    await fixture?.close();
  });

  it.each(
    deployedClientDocuments((path) => path).map((fixture) => [fixture.client, fixture.quirk]),
  )('%s resolves despite %s', async (client) => {
    const deployed = documents().find((candidate) => candidate.client === client);
    const clientId = deployed?.document.client_id as string;
    const resolved = await app.cimd.resolve(clientId);

    expect(resolved).toMatchObject({
      source: 'cimd',
      clientId,
      hasSecret: false,
      clientSecretExpiresAt: null,
    });
    expect(resolved.metadata).toMatchObject({
      client_name: deployed?.document.client_name,
      token_endpoint_auth_method: 'none',
      // jwt-bearer and device_code are dropped, not fatal.
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: deployed?.document.redirect_uris,
    });
    // Unknown members are ignored.
    // application_type is OpenID Connect Registration metadata: kept when it is valid.
    expect(resolved.metadata.application_type).toBe(deployed?.document.application_type);
    expect(resolved.metadata).not.toHaveProperty('token_endpoint_auth_methods_supported');
    expect(resolved.expiresAt.getTime()).toBeGreaterThan(resolved.fetchedAt.getTime());
    expect(fixture.fetches(new URL(clientId).pathname)).toBe(1);
  });

  it('keeps port-less loopback redirect URIs as published, for a matcher that ignores the port', async () => {
    const claudeCode = documents().find((candidate) => candidate.client.startsWith('Claude Code'));
    const resolved = await app.cimd.resolve(claudeCode?.document.client_id as string);
    // The authorization server matches http://localhost:8080/callback against these (RFC 8252
    // section 7.3: any port for a loopback redirect URI).
    expect(resolved.metadata.redirect_uris).toEqual([
      'http://localhost/callback',
      'http://127.0.0.1/callback',
    ]);
    expect(claudeCode?.usedRedirectUri).toBe('http://localhost:8080/callback');
  });

  it('stores each validated document once, in the shared cache', async () => {
    const rows = await app.documentRows();
    expect(rows.map((row) => row.client_id)).toEqual(
      documents()
        .map(({ document }) => document.client_id)
        .sort(),
    );
    for (const row of rows) {
      expect(row.metadata).toEqual(expect.objectContaining({ token_endpoint_auth_method: 'none' }));
      expect(row).toMatchObject({ fetch_lease_id: null, fetch_lease_expires_at: null });
    }
  });
});
