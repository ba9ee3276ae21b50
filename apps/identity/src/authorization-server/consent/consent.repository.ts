import { Injectable } from '@nestjs/common';
import { DcrDatabase, type EntityTable } from '@agent-runtimes/dcr';
import { IdentityConsentEntity } from './identity-consent.entity.js';

/** SQL access to the remembered consents, and nothing else. */
@Injectable()
export class ConsentRepository {
  private readonly table: EntityTable<IdentityConsentEntity>;
  private readonly upsertSql: string;

  constructor(private readonly database: DcrDatabase) {
    const table = database.table(IdentityConsentEntity);
    this.table = table;
    const keys = `${table.column('subject')}, ${table.column('clientId')}`;
    const assignments = ['scopes', 'resources', 'grantedAt'] as const;
    this.upsertSql = `${table.insertSql} ON CONFLICT (${keys}) DO UPDATE SET ${assignments
      .map((field) => `${table.column(field)} = EXCLUDED.${table.column(field)}`)
      .join(', ')}`;
  }

  /** Inserts the consent, or replaces the one of the same person and client. */
  async upsert(consent: IdentityConsentEntity): Promise<void> {
    await this.database.run(this.upsertSql, this.table.parameters(consent));
  }

  /** The consent `subject` gave `clientId`, or `null`. */
  async find(subject: string, clientId: string): Promise<IdentityConsentEntity | null> {
    const { rows } = await this.database.run(
      `SELECT ${this.table.columnList} FROM ${this.table.name}
        WHERE ${this.table.column('subject')} = $1 AND ${this.table.column('clientId')} = $2`,
      [subject, clientId],
    );
    const [row] = rows;
    return row ? this.table.fromRow(row) : null;
  }

  /** The consents `subject` gave, by client id. */
  async listBySubject(subject: string): Promise<IdentityConsentEntity[]> {
    const { rows } = await this.database.run(
      `SELECT ${this.table.columnList} FROM ${this.table.name}
        WHERE ${this.table.column('subject')} = $1 ORDER BY ${this.table.column('clientId')}`,
      [subject],
    );
    return rows.map((row) => this.table.fromRow(row));
  }

  /** Deletes the consent `subject` gave `clientId`; whether there was one. */
  async delete(subject: string, clientId: string): Promise<boolean> {
    const result = await this.database.run(
      `DELETE FROM ${this.table.name}
        WHERE ${this.table.column('subject')} = $1 AND ${this.table.column('clientId')} = $2`,
      [subject, clientId],
    );
    return result.rowCount > 0;
  }

  /** Deletes every consent given to `clientId`. Returns how many rows went. */
  async deleteByClientId(clientId: string): Promise<number> {
    const result = await this.database.run(
      `DELETE FROM ${this.table.name} WHERE ${this.table.column('clientId')} = $1`,
      [clientId],
    );
    return result.rowCount;
  }
}
