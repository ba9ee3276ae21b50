/**
 * The floor's initial access tokens (RFC 7591 §3): the least that protected registration must do
 * beyond the floor's INSERT, with the semantics issue 9 asks for (tokens stored as digests, a use
 * counted atomically in PostgreSQL so that several instances never exceed a token's uses). Used by
 * `floor-server.ts`; not part of any shipped code.
 *
 * Per registration it runs one statement more than the floor: a conditional UPDATE that finds the
 * token by digest and counts its use (without waiting for a WAL flush, so that the token's row
 * lock is released at once, as the app does), then the INSERT, which records the token. Fewer
 * statements are slower here: counting the use inside the INSERT's statement holds the token's
 * row lock through the INSERT's durable commit, and every registration with the token then waits
 * for the one before it to reach the disk (pgbench, 16 clients: about 1,200 registrations per
 * second, against 4,400 with two statements).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { sha256 } from './floor-client.js';

const MINT = `INSERT INTO floor_initial_access_token
  (id, token_digest, label, max_uses, remaining_uses, expires_at, created_at)
  VALUES ($1, $2, $3, $4, $4, now() + $5::double precision * interval '1 second', now())`;

const CONSUME = `UPDATE floor_initial_access_token SET remaining_uses = remaining_uses - 1
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS without_flush
  WHERE token_digest = $1 AND remaining_uses > 0 AND expires_at > now() AND revoked_at IS NULL
  RETURNING id`;

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
 * Counts one use of the token whose value is `token`, if it is usable (not expired, not revoked,
 * uses left). Returns its id, or `undefined` when there is no such token.
 */
export async function consumeFloorToken(pool: pg.Pool, token: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ id: string }>(CONSUME, [sha256(token)]);
  return rows[0]?.id;
}
