/**
 * The floor's initial access tokens (RFC 7591 §3): the least that protected registration must do
 * beyond the floor's INSERT, with the semantics issue 9 asks for (tokens stored as digests, a use
 * counted atomically in PostgreSQL so that several instances never exceed a token's uses). Used by
 * `floor-server.ts` and `nest-floor-server.ts`; not part of any shipped code.
 *
 * Three ways to count a use, chosen with `FLOOR_TOKEN_COUNT`:
 *
 * - `lease` (the default, the app's way since leases: `TokenUseLeases`): the process takes up to
 *   16 uses at once from the token's row (one conditional UPDATE that finds the token by digest,
 *   without waiting for a WAL flush), keeps them in memory, and stores each client with one
 *   `INSERT ... SELECT ... WHERE EXISTS` that checks the token is still valid. The row is written
 *   once every 16 registrations. (The floor never gives unused uses back: the least work.)
 * - `update` (the app's statements before leases): a conditional UPDATE that finds the token by
 *   digest and counts one use (without waiting for a WAL flush, so that the token's row lock is
 *   released at once), then the INSERT, which records the token. Counting the use inside the
 *   INSERT's statement instead holds the token's row lock through the INSERT's durable commit,
 *   and every registration with the token then waits for the one before it to reach the disk
 *   (pgbench, 16 clients: about 1,200 registrations per second, against 3,200-4,400 with two
 *   statements).
 * - `sequence`: each token has its own sequence (created when it is minted), and one
 *   `INSERT ... SELECT` registers the client only if the token is usable and `nextval` of its
 *   sequence is within its uses. `nextval` is atomic across sessions and holds no lock until
 *   commit, so registrations with one token do not queue on its row (pgbench, 16 clients:
 *   4,200-4,500 per second, the INSERT alone 5,900-6,900). Its costs, which keep it out of the
 *   app: a relation per token, DDL when one is minted, and a use lost when the INSERT fails after
 *   `nextval` (sequences do not roll back).
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
export type FloorTokenCount = 'lease' | 'update' | 'sequence';

const MINT = `INSERT INTO floor_initial_access_token
  (id, token_digest, label, max_uses, remaining_uses, expires_at, created_at)
  VALUES ($1, $2, $3, $4, $4, now() + $5::double precision * interval '1 second', now())`;

const USABLE = 't.expires_at > now() AND t.revoked_at IS NULL';

const CONSUME = `UPDATE floor_initial_access_token t SET remaining_uses = remaining_uses - 1
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS without_flush
  WHERE t.token_digest = $1 AND t.remaining_uses > 0 AND ${USABLE}
  RETURNING t.id`;

/** Up to 16 uses (1/64 of those left, at least 1) taken from the token's row, as the app does. */
const LEASE = `WITH lease AS (
    SELECT t.id, LEAST(16, GREATEST(1, t.remaining_uses / 64)) AS size
    FROM floor_initial_access_token t
    WHERE t.token_digest = $1 AND t.remaining_uses > 0 AND ${USABLE} FOR UPDATE
  )
  UPDATE floor_initial_access_token t SET remaining_uses = t.remaining_uses - lease.size
  FROM lease, (SELECT set_config('synchronous_commit', 'off', true)) AS without_flush
  WHERE t.id = lease.id
  RETURNING t.id, lease.size`;

/** The floor's INSERT of a client with a leased use: only while the token is still valid. */
const INSERT_WHILE_TOKEN_VALID = `INSERT INTO floor_client (client_id, metadata,
  client_secret_digest, client_secret_expires_at, registration_token_digest, issued_at,
  updated_at, version, initial_access_token_id)
  SELECT $1, $2, $3, NULL, $4, $5, $5, 1, $6
  WHERE EXISTS (SELECT 1 FROM floor_initial_access_token t WHERE t.id = $6 AND ${USABLE})`;

/** The floor's INSERT with the use counted by the token's sequence, in the same statement. */
const INSERT_COUNTING_SEQUENCE = `INSERT INTO floor_client (client_id, metadata,
  client_secret_digest, client_secret_expires_at, registration_token_digest, issued_at,
  updated_at, version, initial_access_token_id)
  SELECT $1, $2, $3, NULL, $4, $5, $5, 1, t.id FROM floor_initial_access_token t
  WHERE t.token_digest = $6 AND ${USABLE}
    AND nextval(('floor_iat_uses_' || replace(t.id, '-', ''))::regclass) <= t.max_uses
  RETURNING client_id`;

/** The counting this process uses, from `FLOOR_TOKEN_COUNT` (`lease` unless another is named). */
export function floorTokenCount(): FloorTokenCount {
  const count = process.env.FLOOR_TOKEN_COUNT;
  return count === 'update' || count === 'sequence' ? count : 'lease';
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
  if (TOKEN_COUNT === 'lease') return registerWithLeasedUse(pool, issuer, metadata, token);
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

/** The uses this process holds, by token digest (`lease`). */
const held = new Map<string, { readonly id: string; uses: number }>();

/** `lease`: a held use (or a new lease), then the INSERT that checks the token is still valid. */
async function registerWithLeasedUse(
  pool: pg.Pool,
  issuer: string,
  metadata: Record<string, unknown>,
  token: string,
): Promise<Record<string, unknown> | undefined> {
  const tokenDigest = sha256(token);
  const key = tokenDigest.toString('hex');
  let lease = held.get(key);
  if (lease && lease.uses > 0) {
    lease.uses -= 1;
  } else {
    const { rows } = await pool.query<{ id: string; size: number }>(LEASE, [tokenDigest]);
    if (rows.length === 0) return undefined;
    lease = { id: rows[0].id, uses: rows[0].size - 1 };
    held.set(key, lease);
  }
  const credentials = drawFloorCredentials();
  const { rowCount } = await pool.query(INSERT_WHILE_TOKEN_VALID, [
    ...floorInsertParameters(credentials, metadata),
    lease.id,
  ]);
  return rowCount === 1 ? floorRegistrationResponse(issuer, credentials, metadata) : undefined;
}
