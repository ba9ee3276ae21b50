import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { ClientMetadata } from '../metadata/client-metadata.js';
import { DcrClientEntity } from './dcr-client.entity.js';

// Plain parameterized SQL, one statement per call, sent as named prepared statements: each pooled
// connection parses and plans a statement once, then only binds values. Unqualified names resolve
// in the connection's schema, as the migrations' do.
const COLUMNS = `client_id, metadata, client_secret_digest, client_secret_expires_at,
  registration_token_digest, previous_registration_token_digest,
  previous_registration_token_expires_at, issued_at, updated_at, version, last_authenticated_at`;

const INSERT = statement(
  'dcr_insert_client',
  `INSERT INTO dcr_client (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
);
const SELECT_BY_ID = statement(
  'dcr_select_client',
  `SELECT ${COLUMNS} FROM dcr_client WHERE client_id = $1`,
);
const SELECT_BY_ID_FOR_UPDATE = statement(
  'dcr_select_client_for_update',
  `${SELECT_BY_ID.text} FOR UPDATE`,
);
const UPDATE = statement(
  'dcr_update_client',
  `UPDATE dcr_client SET metadata = $2, client_secret_digest = $3,
    client_secret_expires_at = $4, registration_token_digest = $5,
    previous_registration_token_digest = $6, previous_registration_token_expires_at = $7,
    issued_at = $8, updated_at = $9, version = $10, last_authenticated_at = $11
    WHERE client_id = $1`,
);
const DELETE = statement('dcr_delete_client', `DELETE FROM dcr_client WHERE client_id = $1`);
const RECORD_AUTHENTICATION = statement(
  'dcr_record_authentication',
  `UPDATE dcr_client SET last_authenticated_at = $2
    WHERE client_id = $1 AND (last_authenticated_at IS NULL OR last_authenticated_at < $3)`,
);

interface Statement {
  readonly name: string;
  readonly text: string;
}

function statement(name: string, text: string): Statement {
  return { name, text };
}

/** What the pg driver's pool and pooled clients have in common. */
interface PgQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{
    rows: unknown[];
    rowCount: number | null;
  }>;
}

interface ClientRow {
  client_id: string;
  metadata: ClientMetadata;
  client_secret_digest: Buffer | null;
  client_secret_expires_at: Date | null;
  registration_token_digest: Buffer;
  previous_registration_token_digest: Buffer | null;
  previous_registration_token_expires_at: Date | null;
  issued_at: Date;
  updated_at: Date;
  version: number;
  last_authenticated_at: Date | null;
}

/** SQL access to registered clients, and nothing else: no protocol rules live here. */
@Injectable()
export class DcrClientRepository {
  private readonly manager: EntityManager;

  constructor(@InjectRepository(DcrClientEntity) clients: Repository<DcrClientEntity>) {
    this.manager = clients.manager;
  }

  /**
   * Runs `work` in one transaction, with a repository bound to it: everything it writes is
   * committed together, or nothing is if it throws.
   */
  transaction<T>(work: (clients: DcrClientRepository) => Promise<T>): Promise<T> {
    return this.manager.transaction((manager) =>
      work(new DcrClientRepository(manager.getRepository(DcrClientEntity))),
    );
  }

  /** Inserts a new client in one statement, so a failed request leaves no row behind. */
  async insert(client: DcrClientEntity): Promise<void> {
    await this.run(INSERT, parameters(client));
  }

  async findById(clientId: string): Promise<DcrClientEntity | null> {
    return this.one(SELECT_BY_ID, clientId);
  }

  /**
   * Reads a client and locks its row until the transaction ends (`SELECT ... FOR UPDATE`), so that
   * concurrent updates of one client apply one after the other. Use inside `transaction`.
   */
  async findByIdForUpdate(clientId: string): Promise<DcrClientEntity | null> {
    return this.one(SELECT_BY_ID_FOR_UPDATE, clientId);
  }

  /** Writes every column of an existing client. Returns whether the row still existed. */
  async update(client: DcrClientEntity): Promise<boolean> {
    return (await this.run(UPDATE, parameters(client))).rowCount === 1;
  }

  /** Deletes a client. Returns whether it existed. */
  async delete(clientId: string): Promise<boolean> {
    return (await this.run(DELETE, [clientId])).rowCount === 1;
  }

  /**
   * Records that the client authenticated at `at`, unless it was already recorded less than
   * `resolutionSeconds` earlier: the busiest clients then cost one write a minute, not one per
   * token request.
   */
  async recordAuthentication(clientId: string, at: Date, resolutionSeconds: number): Promise<void> {
    await this.run(RECORD_AUTHENTICATION, [
      clientId,
      at,
      new Date(at.getTime() - resolutionSeconds * 1000),
    ]);
  }

  private async one(sql: Statement, clientId: string): Promise<DcrClientEntity | null> {
    const [row] = (await this.run(sql, [clientId])).rows as ClientRow[];
    return row ? fromRow(row) : null;
  }

  /**
   * Runs a statement on TypeORM's own connections, through the pg driver: on the transaction's
   * connection inside `transaction`, on the pool otherwise. TypeORM's `query()` cannot name a
   * prepared statement.
   */
  private async run(
    sql: Statement,
    values: unknown[],
  ): Promise<{ rows: unknown[]; rowCount: number | null }> {
    const { queryRunner } = this.manager;
    const target: PgQueryable = queryRunner
      ? ((await queryRunner.connect()) as PgQueryable)
      : ((this.manager.dataSource.driver as PostgresDriver).master as PgQueryable);
    return target.query({ name: sql.name, text: sql.text, values });
  }
}

function parameters(client: DcrClientEntity): unknown[] {
  return [
    client.clientId,
    // pg would send a JS array as a PostgreSQL array: the jsonb column takes JSON text.
    JSON.stringify(client.metadata),
    client.clientSecretDigest,
    client.clientSecretExpiresAt,
    client.registrationTokenDigest,
    client.previousRegistrationTokenDigest,
    client.previousRegistrationTokenExpiresAt,
    client.issuedAt,
    client.updatedAt,
    client.version,
    client.lastAuthenticatedAt,
  ];
}

function fromRow(row: ClientRow): DcrClientEntity {
  return {
    clientId: row.client_id,
    metadata: row.metadata,
    clientSecretDigest: row.client_secret_digest,
    clientSecretExpiresAt: row.client_secret_expires_at,
    registrationTokenDigest: row.registration_token_digest,
    previousRegistrationTokenDigest: row.previous_registration_token_digest,
    previousRegistrationTokenExpiresAt: row.previous_registration_token_expires_at,
    issuedAt: row.issued_at,
    updatedAt: row.updated_at,
    version: row.version,
    lastAuthenticatedAt: row.last_authenticated_at,
  };
}
