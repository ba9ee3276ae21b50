import type { ServerDefinition } from '../definitions.js';
import { startIdentity } from '../server-process.js';

/**
 * apps/identity for the AUTHORIZE rows, which compare a client registered through the API with a
 * Client ID Metadata Document client (issue 11). The document is served by the bench process on a
 * loopback port over plain http, which only the test-only `CIMD_ALLOW_LOOPBACK_HTTP` allows, and
 * that switch is refused when `NODE_ENV=production`: this server alone runs with
 * `NODE_ENV=development`. Both loads run against it, so the comparison is like for like.
 */
export const IDENTITY_AUTHORIZE: ServerDefinition = {
  id: 'identity-authorize',
  label: 'Fastify (authorize)',
  role: 'app',
  description:
    'apps/identity with CIMD_ALLOW_LOOPBACK_HTTP=true (NODE_ENV=development), for the AUTHORIZE rows',
  start: ({ databaseUrl, poolSize, appEnv }) =>
    startIdentity({
      databaseUrl,
      poolSize,
      env: { NODE_ENV: 'development', CIMD_ALLOW_LOOPBACK_HTTP: 'true', ...appEnv },
    }),
};
