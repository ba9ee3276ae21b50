import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type * as oauth from 'oauth4webapi';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import { startCimdSetting } from './support/cimd-authorization-server.js';
import type { CimdFixture } from './support/cimd-fixture.js';
import {
  expectAuthorizationStarted,
  publicDocument,
  startAuthorization,
} from './support/cimd-requests.js';
import { codeFlow, discover } from './support/oauth-client.js';

const server = useAuthorizationServerOnTestSchema();

// How often the authorization server asks a client's server for its document: the cache shared
// through PostgreSQL honours Cache-Control, concurrent first look-ups make one fetch, and a second
// instance on the same database uses what the first one fetched.
describe('Client ID Metadata Documents cached by the authorization server', () => {
  let fixture: CimdFixture;
  let app: ServerUnderTest;
  let as: oauth.AuthorizationServer;

  beforeAll(async () => {
    ({ fixture, app, as } = await startCimdSetting(server));
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('fetches once for two whole authorizations under max-age', async () => {
    const clientId = fixture.url('/max-age');
    fixture.publish('/max-age', publicDocument(clientId), { 'cache-control': 'max-age=600' });
    await codeFlow(as, app.origin, { clientId });
    await codeFlow(as, app.origin, { clientId });
    expect(fixture.fetches('/max-age')).toBe(1);
  });

  it('fetches again for each authorization under no-store', async () => {
    const clientId = fixture.url('/no-store');
    fixture.publish('/no-store', publicDocument(clientId), { 'cache-control': 'no-store' });
    await expectAuthorizationStarted(as, clientId);
    expect(fixture.fetches('/no-store')).toBe(1);
    await expectAuthorizationStarted(as, clientId);
    expect(fixture.fetches('/no-store')).toBe(2);
  });

  it('keeps a document at least CIMD_MIN_CACHE_SECONDS, whatever its max-age', async () => {
    const bounded = await server.start({
      CIMD_ALLOW_LOOPBACK_HTTP: 'true',
      CIMD_MIN_CACHE_SECONDS: '600',
      CIMD_MAX_CACHE_SECONDS: '900',
    });
    const boundedAs = await discover(bounded.issuer);
    const clientId = fixture.url('/short-lived');
    fixture.publish('/short-lived', publicDocument(clientId), { 'cache-control': 'max-age=1' });
    await expectAuthorizationStarted(boundedAs, clientId);
    const [row] = await server.schema().query<{ lifetime: number }>(
      `SELECT extract(epoch FROM expires_at - fetched_at)::int AS lifetime
         FROM dcr_cimd_document WHERE client_id = $1`,
      [clientId],
    );
    expect(row?.lifetime).toBe(600);
  });

  it('makes one fetch for 20 parallel first authorizations', async () => {
    const clientId = fixture.url('/parallel');
    fixture.route('/parallel', {
      body: publicDocument(clientId),
      headers: { 'cache-control': 'max-age=600' },
      delayMs: 300,
    });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => startAuthorization(as, clientId)),
    );
    await Promise.all(responses.map((response) => response.text()));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(303));
    expect(fixture.fetches('/parallel')).toBe(1);
  });

  it('shares the cache between two instances on one database: the second does not fetch', async () => {
    const second = await server.start({ CIMD_ALLOW_LOOPBACK_HTTP: 'true' });
    const secondAs = await discover(second.issuer);
    const clientId = fixture.url('/shared');
    fixture.publish('/shared', publicDocument(clientId), { 'cache-control': 'max-age=600' });
    await expectAuthorizationStarted(as, clientId);
    expect(fixture.fetches('/shared')).toBe(1);
    const tokens = await codeFlow(secondAs, second.origin, { clientId });
    expect(tokens.access_token).toEqual(expect.any(String));
    expect(fixture.fetches('/shared')).toBe(1);
  });
});
