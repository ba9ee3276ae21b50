import { DcrCreateClient1764201600000 } from './1764201600000-dcr-create-client.js';
import { DcrTokenRotationAndLastAuthentication1764288000000 } from './1764288000000-dcr-token-rotation-and-last-authentication.js';
import { DcrRegistrationTokenUsedAt1764374400000 } from './1764374400000-dcr-registration-token-used-at.js';
import { DcrInitialAccessTokensAndApproval1764460800000 } from './1764460800000-dcr-initial-access-tokens-and-approval.js';

/**
 * The module's migrations, in order. Add them to the host's data source (`migrations: [...]`) and
 * run them (`migrationsRun: true` or `dataSource.runMigrations()`); the module never uses
 * `synchronize`. Class names are prefixed `Dcr` so they cannot collide with the host's own.
 */
export const DCR_MIGRATIONS = [
  DcrCreateClient1764201600000,
  DcrTokenRotationAndLastAuthentication1764288000000,
  DcrRegistrationTokenUsedAt1764374400000,
  DcrInitialAccessTokensAndApproval1764460800000,
];
