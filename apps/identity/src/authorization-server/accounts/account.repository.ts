import { Injectable } from '@nestjs/common';
import { DcrDatabase, type EntityTable } from '@agent-runtimes/dcr';
import { IdentityAccountEntity } from './identity-account.entity.js';

/** What the claims of ID tokens are read from (node-oidc-provider's `findAccount`). */
export interface AccountClaimsSource {
  /** The stored account of `subject`, if the upstream provider ever signed it in. */
  find(subject: string): Promise<IdentityAccountEntity | null>;
}

/** SQL access to `identity_account`, and nothing else. */
@Injectable()
export class AccountRepository implements AccountClaimsSource {
  private readonly table: EntityTable<IdentityAccountEntity>;
  private readonly upsertSql: string;

  constructor(private readonly database: DcrDatabase) {
    const table = database.table(IdentityAccountEntity);
    this.table = table;
    const assignments = (['email', 'name', 'updatedAt'] as const)
      .map((field) => `${table.column(field)} = EXCLUDED.${table.column(field)}`)
      .join(', ');
    this.upsertSql = `${table.insertSql} ON CONFLICT (${table.column('subject')}) DO UPDATE SET ${assignments}`;
  }

  /** Inserts the account, or replaces the one of the same subject. */
  async upsert(account: IdentityAccountEntity): Promise<void> {
    await this.database.run(this.upsertSql, this.table.parameters(account));
  }

  async find(subject: string): Promise<IdentityAccountEntity | null> {
    const { rows } = await this.database.run(
      `SELECT ${this.table.columnList} FROM ${this.table.name} WHERE ${this.table.column('subject')} = $1`,
      [subject],
    );
    const [row] = rows;
    return row ? this.table.fromRow(row) : null;
  }
}
