import type * as oauth from 'oauth4webapi';
import type {
  ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './authorization-server-on-test-schema.js';
import { startCimdFixture, type CimdFixture } from './cimd-fixture.js';
import { discover } from './oauth-client.js';

/** A document fixture and an authorization server that may fetch from it, discovered. */
export interface CimdSetting {
  readonly fixture: CimdFixture;
  readonly app: ServerUnderTest;
  readonly as: oauth.AuthorizationServer;
}

/**
 * Starts a loopback fixture serving Client ID Metadata Documents and an app on the test schema
 * that may fetch them over http (`CIMD_ALLOW_LOOPBACK_HTTP=true`, the test-only switch), with the
 * test switches of `server` and `env` on top; close the fixture when done.
 */
export async function startCimdSetting(
  server: ReturnType<typeof useAuthorizationServerOnTestSchema>,
  env: Record<string, string> = {},
): Promise<CimdSetting> {
  const fixture = await startCimdFixture();
  const app = await server.start({ CIMD_ALLOW_LOOPBACK_HTTP: 'true', ...env });
  return { fixture, app, as: await discover(app.issuer) };
}
