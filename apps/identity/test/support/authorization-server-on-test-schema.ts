import { freeLoopbackPort } from './identity-on-test-schema.js';
import { type RunningApp, useIdentityOnTestSchema } from './in-process-identity.js';

/** The test switches: every authorization request signs in `alice` and is approved. */
export const TEST_SWITCHES = {
  IDENTITY_TEST_LOGIN_SUBJECT: 'alice',
  IDENTITY_CONSENT_AUTO_APPROVE: 'true',
};

/** An in-process identity app listening on a loopback port, its issuer that origin. */
export interface ServerUnderTest extends RunningApp {
  readonly issuer: string;
  /** `http://127.0.0.1:PORT`: where redirects stay on the server. */
  readonly origin: string;
}

/**
 * For a test file: a schema of its own (see `useIdentityOnTestSchema`) and apps listening on real
 * loopback ports, so that OAuth client libraries reach them over HTTP. The test switches are on
 * unless `env` says otherwise.
 */
export function useAuthorizationServerOnTestSchema() {
  const base = useIdentityOnTestSchema();
  return {
    ...base,
    /** Starts an app; `issuerPath` puts its issuer (and so its routes) under a path. */
    async start(env: Record<string, string> = {}, issuerPath = ''): Promise<ServerUnderTest> {
      const port = await freeLoopbackPort();
      const origin = `http://127.0.0.1:${port}`;
      const issuer = `${origin}${issuerPath}`;
      const app = await base.startApp({ ...TEST_SWITCHES, ISSUER: issuer, ...env });
      await app.identity.app.listen(port, '127.0.0.1');
      return { ...app, issuer, origin };
    },
  };
}
