import type { ServerDefinition } from '../definitions.js';
import { startIdentity } from '../server-process.js';

/**
 * apps/identity, the Nest app on Fastify, as built (`apps/identity/dist/main.js`): JSON request
 * log lines (pino, asynchronous), `X-Request-Id`, `DcrExceptionFilter` on every route, Swagger and
 * health routes, migrations under the advisory lock at start (see `startIdentity`).
 */
export const IDENTITY: ServerDefinition = {
  id: 'identity',
  label: 'Fastify',
  role: 'app',
  description: 'apps/identity (Nest on Fastify) as built, JSON request log lines',
  start: ({ databaseUrl, poolSize, appEnv }) =>
    startIdentity({ databaseUrl, poolSize, env: appEnv }),
};
