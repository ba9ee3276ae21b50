import type { ServerDefinition, StartContext } from '../definitions.js';
import { freePort } from '../children.js';
import { type FloorTokenCount, floorTokenCount } from '../floor-initial-access.js';
import { FLOOR_SERVER } from '../paths.js';
import { childEnv, launchServer, type ServerProcess } from '../server-process.js';

/**
 * The floor (`floor-server.ts`): raw `node:http` and a `pg` Pool of the same size as the apps'.
 * One process serves every floor load: `POST /register` (one INSERT; with an initial access token,
 * its use counted as `FLOOR_TOKEN_COUNT` says: the "floor+token"), `GET /register/{id}` (one
 * SELECT and a constant-time token digest comparison: the "floor+auth"),
 * `GET /no-auth/register/{id}` (one SELECT, no token check: the "floor") and `POST /token` (one
 * SELECT, a secret digest comparison, one ES256 JWT signature: the token endpoint's floor).
 */
/** How the floor's description names each way of counting a token's use. */
const FLOOR_TOKEN_DESCRIPTION: Readonly<Record<FloorTokenCount, string>> = {
  lease:
    "its use leased from the token's row 16 at a time (one conditional UPDATE), the INSERT " +
    'checking the token is still valid; ',
  update: "first one conditional UPDATE counting the token's use (FLOOR_TOKEN_COUNT=update); ",
  sequence:
    "its use counted by the token's own sequence inside the INSERT (FLOOR_TOKEN_COUNT=sequence); ",
};

export const FLOOR: ServerDefinition = {
  id: 'floor',
  label: 'floor',
  role: 'floor',
  description:
    'raw node:http + pg; POST one INSERT, and with an initial access token ("floor+token") ' +
    FLOOR_TOKEN_DESCRIPTION[floorTokenCount()] +
    'GET one SELECT by primary key with no token check ' +
    '("floor") or with a constant-time comparison of the bearer token\'s digest ("floor+auth": ' +
    'what authentication costs at the least); POST /token one SELECT, a secret digest ' +
    'comparison and one ES256 JWT signature (jose)',
  start: (context) => launchFloorProcess('floor', FLOOR_SERVER, context),
};

/**
 * Starts a floor process (`script`, compiled) on a free port with the `FLOOR_*` variables its
 * `floorSettings()` reads (and `extraEnv`), and resolves when `GET /health` answers.
 */
export async function launchFloorProcess(
  name: string,
  script: string,
  { databaseUrl, poolSize }: StartContext,
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = childEnv({
    FLOOR_PORT: String(port),
    FLOOR_ISSUER: url,
    FLOOR_DATABASE_URL: databaseUrl,
    FLOOR_POOL_SIZE: String(poolSize),
    ...extraEnv,
  });
  return launchServer(name, [script], env, url, '/health', 30_000);
}
