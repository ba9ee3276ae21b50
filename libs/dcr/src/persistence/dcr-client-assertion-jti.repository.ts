import { Injectable } from '@nestjs/common';
import { DcrClientAssertionJtiEntity } from './dcr-client-assertion-jti.entity.js';
import { DcrDatabase } from './dcr-database.js';
import type { EntityTable } from './entity-table.js';

/**
 * SQL access to the `jti` values of accepted client assertions, and nothing else: which assertion
 * may be accepted is decided by the caller. Statements are built from the entity's metadata.
 */
@Injectable()
export class DcrClientAssertionJtiRepository {
  private readonly table: EntityTable<DcrClientAssertionJtiEntity>;
  private readonly claimSql: string;
  private readonly deleteExpiredSql: string;

  constructor(private readonly database: DcrDatabase) {
    this.table = database.table(DcrClientAssertionJtiEntity);
    const { name, keyList, insertSql } = this.table;
    // The primary key (client_id, jti_digest) makes the second insert of a pair a no-op, on any
    // instance: the row count says whether this call was the first.
    this.claimSql = `${insertSql} ON CONFLICT (${keyList}) DO NOTHING`;
    this.deleteExpiredSql = `DELETE FROM ${name} WHERE ${this.table.column('expiresAt')} < $1`;
  }

  /**
   * Records a `jti` in one statement. Returns `true` when it was new, `false` when a row for the
   * same client and `jti` exists (a replay), whichever instance wrote it.
   */
  async claim(row: DcrClientAssertionJtiEntity): Promise<boolean> {
    const result = await this.database.run(this.claimSql, this.table.parameters(row));
    return result.rowCount === 1;
  }

  /** Deletes the rows that expired before `now`; returns how many there were. */
  async deleteExpired(now: Date): Promise<number> {
    return (await this.database.run(this.deleteExpiredSql, [now])).rowCount;
  }
}
