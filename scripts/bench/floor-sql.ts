/**
 * The floor's table and statements, shared by the floor (`floor-server.ts`) and the bare Nest
 * floor (`nest-floor-server.ts`), so that both run exactly the same SQL.
 */
import { createHash } from 'node:crypto';

/**
 * The same columns, constraints and indexes as the app's `dcr_client` (after its migrations), so
 * that both servers pay for the same index maintenance on INSERT.
 */
export const CREATE_TABLE = `
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
    last_authenticated_at timestamptz
  );
  CREATE UNIQUE INDEX IF NOT EXISTS floor_client_registration_token_digest_key
    ON floor_client (registration_token_digest);
  CREATE INDEX IF NOT EXISTS floor_client_last_authenticated_at_idx
    ON floor_client (last_authenticated_at);`;

export const INSERT = `INSERT INTO floor_client (client_id, metadata, client_secret_digest,
  client_secret_expires_at, registration_token_digest, issued_at, updated_at, version)
  VALUES ($1, $2, $3, NULL, $4, $5, $5, 1)`;

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
