import type { ServerDefinition } from '../definitions.js';
import { freePort } from '../children.js';
import { NEST_FLOOR_SERVER } from '../paths.js';
import { childEnv, launchServer } from '../server-process.js';

/**
 * The floor's SQL behind bare Nest on Fastify (`nest-floor-server.ts`): `POST /register` and
 * `GET /no-auth/register/{id}` as the floor answers them, with nothing of the apps' own code. Its
 * rows are information: the framework's share of the gap between an app and the floor.
 */
export const NEST_FLOOR: ServerDefinition = {
  id: 'nest-floor',
  label: 'Nest bare',
  role: 'app',
  description:
    'the floor’s SQL and responses in one bare Nest controller on Fastify (no validation, guard, ' +
    'filter, middleware or logging): what the framework alone costs',
  async start({ databaseUrl, poolSize }) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = childEnv({
      FLOOR_PORT: String(port),
      FLOOR_ISSUER: url,
      FLOOR_DATABASE_URL: databaseUrl,
      FLOOR_POOL_SIZE: String(poolSize),
    });
    return launchServer('nest-floor', [NEST_FLOOR_SERVER], env, url, '/health', 30_000);
  },
};
