/**
 * The floor's clients: its table, its statements, its settings, a registration and the answer to
 * a read. Shared by the floor (`floor-server.ts`) and the bare floors (`nest-floor-server.ts`,
 * `provider-floor-server.ts`), so that all run exactly the same SQL and answer the same JSON.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The same columns, constraints and indexes as the app's `dcr_client` and
 * `dcr_initial_access_token` (after their migrations), so that the floors pay for the same index
 * maintenance on INSERT as the app.
 */
export const CREATE_TABLE = `
  CREATE TABLE IF NOT EXISTS floor_initial_access_token (
    id text PRIMARY KEY,
    token_digest bytea NOT NULL CHECK (octet_length(token_digest) = 32),
    label text,
    max_uses integer NOT NULL,
    remaining_uses integer NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz,
    CHECK (max_uses > 0 AND remaining_uses BETWEEN 0 AND max_uses)
  );
  CREATE UNIQUE INDEX IF NOT EXISTS floor_initial_access_token_digest_key
    ON floor_initial_access_token (token_digest);
  CREATE TABLE IF NOT EXISTS floor_client (
    client_id text PRIMARY KEY,
    metadata jsonb NOT NULL CHECK (jsonb_typeof(metadata) = 'object'),
    client_secret_digest bytea CHECK (octet_length(client_secret_digest) = 32),
    client_secret_expires_at timestamptz,
    registration_token_digest bytea NOT NULL CHECK (octet_length(registration_token_digest) = 32),
    issued_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version integer NOT NULL,
    previous_registration_token_digest bytea,
    previous_registration_token_expires_at timestamptz,
    last_authenticated_at timestamptz,
    initial_access_token_id text
  );
  CREATE UNIQUE INDEX IF NOT EXISTS floor_client_registration_token_digest_key
    ON floor_client (registration_token_digest);
  CREATE INDEX IF NOT EXISTS floor_client_last_authenticated_at_idx
    ON floor_client (last_authenticated_at);
  CREATE INDEX IF NOT EXISTS floor_client_initial_access_token_id_idx
    ON floor_client (initial_access_token_id) WHERE initial_access_token_id IS NOT NULL;`;

export const INSERT = `INSERT INTO floor_client (client_id, metadata, client_secret_digest,
  client_secret_expires_at, registration_token_digest, issued_at, updated_at, version,
  initial_access_token_id)
  VALUES ($1, $2, $3, NULL, $4, $5, $5, 1, $6)`;

export const SELECT = `SELECT client_id, metadata, client_secret_digest, client_secret_expires_at,
  registration_token_digest, issued_at, updated_at, version, previous_registration_token_digest,
  previous_registration_token_expires_at, last_authenticated_at
  FROM floor_client WHERE client_id = $1`;

export interface FloorRow {
  client_id: string;
  metadata: Record<string, unknown>;
  client_secret_digest: Buffer | null;
  client_secret_expires_at: Date | null;
  registration_token_digest: Buffer;
  issued_at: Date;
}

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** A floor process's port, issuer and pool, from the `FLOOR_*` variables the bench sets. */
export function floorSettings(): { port: number; issuer: string; pool: pg.Pool } {
  const port = Number(process.env.FLOOR_PORT);
  return {
    port,
    issuer: process.env.FLOOR_ISSUER ?? `http://127.0.0.1:${port}`,
    pool: new pg.Pool({
      connectionString: process.env.FLOOR_DATABASE_URL,
      max: Number(process.env.FLOOR_POOL_SIZE ?? 16),
    }),
  };
}

/** The credentials the apps draw for a new client, and its issue time (whole seconds). */
export interface FloorCredentials {
  readonly clientId: string;
  readonly secret: string;
  readonly token: string;
  readonly issuedAt: Date;
}

/** Draws a client id, secret and registration access token as the apps do. */
export function drawFloorCredentials(): FloorCredentials {
  return {
    clientId: randomBytes(16).toString('base64url'),
    secret: randomBytes(32).toString('base64url'),
    token: randomBytes(32).toString('base64url'),
    issuedAt: new Date(Math.floor(Date.now() / 1000) * 1000),
  };
}

/** The first parameters of every floor registration INSERT ($1 to $5), in {@link INSERT}'s order. */
export function floorInsertParameters(
  credentials: FloorCredentials,
  metadata: Record<string, unknown>,
): unknown[] {
  const { clientId, secret, token, issuedAt } = credentials;
  return [clientId, metadata, sha256(secret), sha256(token), issuedAt];
}

/** The registration response (RFC 7591 §3.2.1) of a client the floors stored. */
export function floorRegistrationResponse(
  issuer: string,
  credentials: FloorCredentials,
  metadata: Record<string, unknown>,
): Record<string, unknown> {
  const { clientId, secret, token, issuedAt } = credentials;
  return {
    client_id: clientId,
    client_secret: secret,
    client_id_issued_at: issuedAt.getTime() / 1000,
    client_secret_expires_at: 0,
    registration_access_token: token,
    registration_client_uri: `${issuer}/register/${clientId}`,
    ...metadata,
  };
}

/**
 * Registers a client as the floors do: draws the client id, secret and token the apps draw,
 * hashes the two credentials and runs one INSERT (recording the initial access token that
 * registered it, if one did). Returns the registration response.
 */
export async function registerFloorClient(
  pool: pg.Pool,
  issuer: string,
  metadata: Record<string, unknown>,
  initialAccessTokenId: string | null = null,
): Promise<Record<string, unknown>> {
  const credentials = drawFloorCredentials();
  await pool.query(INSERT, [...floorInsertParameters(credentials, metadata), initialAccessTokenId]);
  return floorRegistrationResponse(issuer, credentials, metadata);
}

/** The client `clientId` (one SELECT by primary key), if there is one. */
export async function findFloorClient(
  pool: pg.Pool,
  clientId: string,
): Promise<FloorRow | undefined> {
  const { rows } = await pool.query<FloorRow>(SELECT, [clientId]);
  return rows[0];
}

/** A stored client as the floors answer a read; the token is echoed when the read checked one. */
export function floorClientResponse(
  row: FloorRow,
  issuer: string,
  token?: string,
): Record<string, unknown> {
  return {
    client_id: row.client_id,
    client_id_issued_at: Math.floor(row.issued_at.getTime() / 1000),
    client_secret_expires_at: row.client_secret_expires_at
      ? Math.floor(row.client_secret_expires_at.getTime() / 1000)
      : 0,
    ...(token === undefined ? {} : { registration_access_token: token }),
    registration_client_uri: `${issuer}/register/${row.client_id}`,
    ...row.metadata,
  };
}

/** Resolves once the floor has created its table: the other floor processes wait, not race it. */
export async function untilFloorTable(pool: pg.Pool): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const { rows } = await pool.query<{ table: string | null }>(
      `SELECT to_regclass('floor_client')::text AS "table"`,
    );
    if (rows[0]?.table) return;
    if (attempt > 300) throw new Error('the floor never created floor_client');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
