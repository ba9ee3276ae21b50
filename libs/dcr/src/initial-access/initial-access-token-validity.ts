import type { EntityTable } from '../persistence/entity-table.js';
import type { DcrInitialAccessTokenEntity } from './dcr-initial-access-token.entity.js';

/**
 * The SQL condition that a token's row is still valid: not expired and not revoked, on the
 * database's clock, the same for every app instance. Whether uses are left is the use count's
 * business (`InitialAccessTokenRepository`). The one definition, for every statement that checks
 * a token: the token repository's and the client INSERT that stores a client only while its token
 * is valid.
 */
export function tokenStillValidSql(table: EntityTable<DcrInitialAccessTokenEntity>): string {
  return `${table.column('expiresAt')} > now() AND ${table.column('revokedAt')} IS NULL`;
}
