/**
 * The floor's initial access tokens (RFC 7591 §3): the least that protected registration must do
 * beyond the floor's INSERT, with the semantics issue 9 asks for (tokens stored as digests, a use
 * counted atomically in PostgreSQL so that several instances never exceed a token's uses). Used by
 * `floor-server.ts` and `nest-floor-server.ts`; not part of any shipped code.
 *
 * Two ways to count a use, chosen with `FLOOR_TOKEN_COUNT`:
 *
 * - `update` (the default, the app's statements): a conditional UPDATE that finds the token by
 *   digest and counts its use (without waiting for a WAL flush, so that the token's row lock is
 *   released at once, as the app does), then the INSERT, which records the token. Counting the
 *   use inside the INSERT's statement instead holds the token's row lock through the INSERT's
 *   durable commit, and every registration with the token then waits for the one before it to
 *   reach the disk (pgbench, 16 clients: about 1,200 registrations per second, against 3,200-4,400
 *   with two statements).
 * - `sequence`: each token has its own sequence (created when it is minted), and one
 *   `INSERT ... SELECT` registers the client only if the token is usable and `nextval` of its
 *   sequence is within its uses. `nextval` is atomic across sessions and holds no lock until
 *   commit, so registrations with one token do not queue on its row (pgbench, 16 clients:
 *   4,200-4,500 per second, the INSERT alone 5,900-6,900). The cheapest atomic count measured; its
 *   costs, which keep it out of the app: a relation per token, DDL when one is minted, and a use
 *   lost when the INSERT fails after `nextval` (sequences do not roll back).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  drawFloorCredentials,
  floorInsertParameters,
  floorRegistrationResponse,
  registerFloorClient,
  sha256,
} from './floor-client.js';

/** How the floor counts a token's use (`FLOOR_TOKEN_COUNT`). */
export type FloorTokenCount = 'update' | 'sequence';

const MINT = `INSERT INTO floor_initial_access_token
  (id, token_digest, label, max_uses, remaining_uses, expires_at, created_at)
  VALUES ($1, $2, $3, $4, $4, now() + $5::double precision * interval '1 second', now())`;

const USABLE = 't.expires_at > now() AND t.revoked_at IS NULL';

const CONSUME = `UPDATE floor_initial_access_token t SET remaining_uses = remaining_uses - 1
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS without_flush
  WHERE t.token_digest = $1 AND t.remaining_uses > 0 AND ${USABLE}
  RETURNING t.id`;

/** The floor's INSERT with the use counted by the token's sequence, in the same statement. */
const INSERT_COUNTING_SEQUENCE = `INSERT INTO floor_client (client_id, metadata,
  client_secret_digest, client_secret_expires_at, registration_token_digest, issued_at,
  updated_at, version, initial_access_token_id)
  SELECT $1, $2, $3, NULL, $4, $5, $5, 1, t.id FROM floor_initial_access_token t
  WHERE t.token_digest = $6 AND ${USABLE}
    AND nextval(('floor_iat_uses_' || replace(t.id, '-', ''))::regclass) <= t.max_uses
  RETURNING client_id`;

/** The counting this process uses, from `FLOOR_TOKEN_COUNT` (`update` unless `sequence`). */
export function floorTokenCount(): FloorTokenCount {
  return process.env.FLOOR_TOKEN_COUNT === 'sequence' ? 'sequence' : 'update';
}

/** This process's counting, read once (registrations ask for it on every request). */
const TOKEN_COUNT = floorTokenCount();

/** What the bench's load sends to mint a token (the admin API's body). */
export interface FloorMintRequest {
  readonly expires_in: number;
  readonly max_uses: number;
  readonly label?: string;
}

/** Mints a token as the admin API does (a random value, stored as its digest); returns it. */
export async function mintFloorToken(
  pool: pg.Pool,
  request: FloorMintRequest,
): Promise<{ id: string; token: string }> {
  const id = randomUUID();
  const token = randomBytes(32).toString('base64url');
  if (TOKEN_COUNT === 'sequence') {
    // The id is a UUID the floor drew: its hex digits make a safe identifier.
    await pool.query(`CREATE SEQUENCE floor_iat_uses_${id.replaceAll('-', '')}`);
  }
  await pool.query(MINT, [
    id,
    sha256(token),
    request.label ?? null,
    request.max_uses,
    request.expires_in,
  ]);
  return { id, token };
}

/**
 * Registers a client with the initial access token whose value is `token`, counting one use of it
 * if it is usable (not expired, not revoked, uses left). Returns the registration response, or
 * `undefined` (nothing stored) when there is no such token.
 */
export async function registerWithFloorToken(
  pool: pg.Pool,
  issuer: string,
  metadata: Record<string, unknown>,
  token: string,
): Promise<Record<string, unknown> | undefined> {
  if (TOKEN_COUNT === 'update') {
    const { rows } = await pool.query<{ id: string }>(CONSUME, [sha256(token)]);
    return rows.length === 1 ? registerFloorClient(pool, issuer, metadata, rows[0].id) : undefined;
  }
  const credentials = drawFloorCredentials();
  const { rowCount } = await pool.query(INSERT_COUNTING_SEQUENCE, [
    ...floorInsertParameters(credentials, metadata),
    sha256(token),
  ]);
  return rowCount === 1 ? floorRegistrationResponse(issuer, credentials, metadata) : undefined;
}
