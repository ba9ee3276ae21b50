/**
 * The floor: the least a registration server must do, as a practical lower bound to compare the
 * apps against. Raw `node:http` and a `pg` Pool; per POST it parses the JSON body, draws the same
 * random client id, secret and token, hashes the two credentials and runs one INSERT. A POST with
 * `Authorization: Bearer <initial access token>` (the "floor+token") also counts the token's use
 * (floor-initial-access.ts, `FLOOR_TOKEN_COUNT`): protected registration at the least; tokens are
 * minted with `POST /admin/initial-access-tokens` (the bench's operator credential). Two reads:
 * - `GET /no-auth/register/{id}`: one SELECT by primary key and no token check, the floor of the
 *   independent benchmark of issue 8 (what a read costs with no authentication at all);
 * - `GET /register/{id}`: the same SELECT and a constant-time comparison of the bearer token's
 *   digest (the "floor+auth": what authentication adds at the least);
 * - `POST /token`, grant_type=client_credentials with `Authorization: Basic`: one SELECT, a
 *   constant-time secret digest comparison and one ES256 JWT signature (floor-token.ts).
 * No validation of the metadata beyond "a JSON object with redirect_uris", no framework. Run as a
 * child process by the bench (`FLOOR_*` variables); not part of any shipped code.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { bearerToken, NO_STORE, readText, sendJson as send, serveFloor } from './floor-http.js';
import {
  CREATE_TABLE,
  findFloorClient,
  floorClientResponse,
  floorSettings,
  registerFloorClient,
  sha256,
} from './floor-client.js';
import { floorTokenEndpoint, type FloorTokenEndpoint } from './floor-token.js';
import {
  mintFloorToken,
  registerWithFloorToken,
  type FloorMintRequest,
} from './floor-initial-access.js';
import { POLICY_ADMIN_TOKEN } from './servers/identity-policy.js';

const { port, issuer, pool } = floorSettings();
const BODY_LIMIT_BYTES = 64 * 1024;
const UNAUTHORIZED_HEADERS = { ...NO_STORE, 'www-authenticate': 'Bearer error="invalid_token"' };
async function register(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = await readText(req, BODY_LIMIT_BYTES);
  let metadata: unknown;
  try {
    metadata = text === undefined ? undefined : JSON.parse(text);
  } catch {
    metadata = undefined;
  }
  if (
    typeof metadata !== 'object' ||
    metadata === null ||
    !Array.isArray((metadata as Record<string, unknown>).redirect_uris)
  ) {
    return send(res, 400, { error: 'invalid_client_metadata' }, NO_STORE);
  }
  const body = metadata as Record<string, unknown>;
  if (req.headers.authorization === undefined) {
    return send(res, 201, await registerFloorClient(pool, issuer, body), NO_STORE);
  }
  const token = bearerToken(req.headers.authorization);
  const registered =
    token === undefined ? undefined : await registerWithFloorToken(pool, issuer, body, token);
  if (registered === undefined) {
    return send(res, 401, { error: 'invalid_token' }, UNAUTHORIZED_HEADERS);
  }
  send(res, 201, registered, NO_STORE);
}

/** Mints an initial access token for the operator credential the bench's load presents. */
async function mint(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = await readText(req, BODY_LIMIT_BYTES);
  if (req.headers.authorization !== `Bearer ${POLICY_ADMIN_TOKEN}`) {
    return send(res, 401, { error: 'invalid_token' }, UNAUTHORIZED_HEADERS);
  }
  send(
    res,
    201,
    await mintFloorToken(pool, JSON.parse(text ?? '{}') as FloorMintRequest),
    NO_STORE,
  );
}

async function read(req: IncomingMessage, res: ServerResponse, clientId: string): Promise<void> {
  const token = bearerToken(req.headers.authorization);
  const row = await findFloorClient(pool, clientId);
  const given = token === undefined ? undefined : sha256(token);
  if (!row || !given || !timingSafeEqual(given, row.registration_token_digest)) {
    return send(res, 401, { error: 'invalid_token' }, UNAUTHORIZED_HEADERS);
  }
  send(res, 200, floorClientResponse(row, issuer, token), NO_STORE);
}

/** One SELECT by primary key, no authentication: the registration without its token. */
async function readWithoutAuthentication(res: ServerResponse, clientId: string): Promise<void> {
  const row = await findFloorClient(pool, clientId);
  if (!row) return send(res, 404, { error: 'not_found' }, NO_STORE);
  send(res, 200, floorClientResponse(row, issuer), NO_STORE);
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  token: FloorTokenEndpoint,
): Promise<void> {
  const url = req.url ?? '/';
  if (req.method === 'POST' && url === '/register') return register(req, res);
  if (req.method === 'POST' && url === '/token') return token.handle(req, res);
  if (req.method === 'POST' && url === '/admin/initial-access-tokens') return mint(req, res);
  if (req.method === 'GET' && url.startsWith('/register/')) {
    return read(req, res, decodeURIComponent(url.slice('/register/'.length)));
  }
  if (req.method === 'GET' && url.startsWith('/no-auth/register/')) {
    return readWithoutAuthentication(
      res,
      decodeURIComponent(url.slice('/no-auth/register/'.length)),
    );
  }
  if (req.method === 'GET' && url === '/health') return send(res, 200, { status: 'ok' });
  send(res, 404, { error: 'not_found' });
}

async function main(): Promise<void> {
  await pool.query(CREATE_TABLE);
  const token = await floorTokenEndpoint(pool, issuer);
  const server = createServer((req, res) => {
    handle(req, res, token).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) send(res, 500, { error: 'server_error' });
    });
  });
  serveFloor(server, pool, port);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
