import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { TEST_SWITCHES } from './support/authorization-server-on-test-schema.js';
import { TestBrowser, expectRedirect } from './support/browser.js';
import {
  selfSignedCertificate,
  startCimdFixture,
  type CimdFixture,
} from './support/cimd-fixture.js';
import { freeLoopbackPort } from './support/identity-on-test-schema.js';
import {
  START_TIMEOUT_MS,
  assertBuilt,
  killAllApps,
  spawnApp,
  stopApp,
  untilListening,
  type RunningApp,
} from './support/identity-process.js';
import { InMemoryMcpOAuthProvider, PUBLIC_MCP_CLIENT } from './support/mcp-client-provider.js';
import { REDIRECT_URI } from './support/oauth-client.js';
import { databaseUrlFor } from './support/test-database-url.js';

/** An MCP agent that publishes a Client ID Metadata Document: the SDK's `clientMetadataUrl`. */
class DocumentMcpOAuthProvider extends InMemoryMcpOAuthProvider {
  constructor(
    metadata: OAuthClientMetadata,
    readonly clientMetadataUrl: string,
  ) {
    super(metadata);
  }
}

// The MCP SDK only presents an https clientMetadataUrl, so the document is served over https by
// a loopback fixture with a throwaway certificate, which the app (a real process: the built
// main.js) trusts through Node's NODE_EXTRA_CA_CERTS. CIMD_ALLOW_LOOPBACK_HTTP=true lets its
// fetcher connect to the loopback address.
let schema: TestSchema;
let fixture: CimdFixture;
let folder: string;
let app: RunningApp;
let issuer: string;

beforeAll(async () => {
  assertBuilt();
  const tls = await selfSignedCertificate();
  folder = await mkdtemp(join(tmpdir(), 'identity-cimd-sdk-'));
  const caFile = join(folder, 'fixture-ca.pem');
  await writeFile(caFile, tls.cert);
  fixture = await startCimdFixture(tls);
  schema = await createTestSchema('identity_cimd_sdk');
  const port = await freeLoopbackPort();
  issuer = `http://127.0.0.1:${port}`;
  app = await untilListening(
    spawnApp({
      ...TEST_SWITCHES,
      PORT: String(port),
      ISSUER: issuer,
      DATABASE_URL: databaseUrlFor(schema, 'identity-cimd-sdk'),
      CIMD_ALLOW_LOOPBACK_HTTP: 'true',
      NODE_EXTRA_CA_CERTS: caFile,
    }),
  );
}, START_TIMEOUT_MS + 15_000);

afterAll(async () => {
  if (app) await stopApp(app);
  await killAllApps();
  await fixture?.close();
  await schema?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('the MCP SDK with a Client ID Metadata Document (clientMetadataUrl, no registration)', () => {
  it('authorizes, gets tokens and refreshes with its document URL as client_id', async () => {
    const documentUrl = fixture.url('/oauth/agent-client.json');
    fixture.publish(
      '/oauth/agent-client.json',
      { ...PUBLIC_MCP_CLIENT, client_id: documentUrl, client_name: 'Document agent' },
      { 'cache-control': 'public, max-age=600' },
    );
    const provider = new DocumentMcpOAuthProvider(PUBLIC_MCP_CLIENT, documentUrl);

    // Discovery says client_id_metadata_document_supported, so the SDK skips registration.
    expect(await auth(provider, { serverUrl: issuer })).toBe('REDIRECT');
    expect(provider.information?.client_id).toBe(documentUrl);
    const url = provider.authorizationUrl as URL;
    expect(url.searchParams.get('client_id')).toBe(documentUrl);
    const callback = expectRedirect(await new TestBrowser().follow(url.href, issuer));
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('iss')).toBe(issuer);
    const code = callback.searchParams.get('code') as string;
    expect(await auth(provider, { serverUrl: issuer, authorizationCode: code })).toBe('AUTHORIZED');

    const tokens = provider.savedTokens;
    expect(tokens?.refresh_token).toEqual(expect.any(String));
    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    const { payload } = await jwtVerify(tokens?.access_token as string, jwks, {
      issuer,
      audience: issuer,
      typ: 'at+jwt',
    });
    expect(payload).toMatchObject({ sub: 'alice', client_id: documentUrl });

    // The stored refresh token is used (a public client: rotated).
    const first = tokens?.refresh_token;
    expect(await auth(provider, { serverUrl: issuer })).toBe('AUTHORIZED');
    expect(provider.savedTokens?.refresh_token).toEqual(expect.any(String));
    expect(provider.savedTokens?.refresh_token).not.toBe(first);

    // Nothing was registered; the document was fetched once (max-age=600) for every step.
    const [{ count }] = await schema.query<{ count: string }>('SELECT count(*) FROM dcr_client');
    expect(Number(count)).toBe(0);
    expect(fixture.fetches('/oauth/agent-client.json')).toBe(1);
  });

  it('registers as before when the agent has no document', async () => {
    const provider = new InMemoryMcpOAuthProvider(PUBLIC_MCP_CLIENT);
    expect(await auth(provider, { serverUrl: issuer })).toBe('REDIRECT');
    expect(provider.registrations).toBe(1);
    expect(provider.information?.client_id.startsWith('https://')).toBe(false);
  });
});
