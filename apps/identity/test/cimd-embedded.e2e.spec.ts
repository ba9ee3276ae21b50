import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TEST_SWITCHES } from './support/authorization-server-on-test-schema.js';
import { startCimdFixture, type CimdFixture } from './support/cimd-fixture.js';
import {
  expectAuthorizationRefused,
  expectAuthorizationStarted,
  publicDocument,
} from './support/cimd-requests.js';
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
import { codeFlow, discover } from './support/oauth-client.js';

/**
 * The built app on the embedded database (no DATABASE_URL, one connection): the document cache's
 * lease statements run on PGlite too, and a document client authorizes end to end.
 */
describe('Client ID Metadata Documents on the embedded database', () => {
  let folder: string;
  let fixture: CimdFixture;
  let app: RunningApp;
  let issuer: string;

  beforeAll(async () => {
    assertBuilt();
    folder = await mkdtemp(join(tmpdir(), 'identity-cimd-embedded-'));
    fixture = await startCimdFixture();
    const port = await freeLoopbackPort();
    issuer = `http://127.0.0.1:${port}`;
    app = await untilListening(
      spawnApp({
        ...TEST_SWITCHES,
        PORT: String(port),
        ISSUER: issuer,
        DATA_DIR: join(folder, 'pglite'),
        CIMD_ALLOW_LOOPBACK_HTTP: 'true',
      }),
    );
  }, START_TIMEOUT_MS + 15_000);

  afterAll(async () => {
    if (app) await stopApp(app);
    await killAllApps();
    await fixture?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('authorizes a document client, fetching its document once, and refuses a broken one', async () => {
    const as = await discover(issuer);
    const clientId = fixture.url('/client.json');
    fixture.publish(
      '/client.json',
      publicDocument(clientId, { grant_types: ['authorization_code', 'refresh_token'] }),
      { 'cache-control': 'max-age=600' },
    );
    const tokens = await codeFlow(as, issuer, { clientId });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    await Promise.all(Array.from({ length: 5 }, () => expectAuthorizationStarted(as, clientId)));
    expect(fixture.fetches('/client.json')).toBe(1);

    const broken = fixture.url('/broken.json');
    fixture.publish('/broken.json', publicDocument(`${broken}/`));
    await expectAuthorizationRefused(as, broken, 'invalid_client', 'client_id_mismatch');
  });
});
