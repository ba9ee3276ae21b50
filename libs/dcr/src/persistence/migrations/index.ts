import { DcrCreateClient1764201600000 } from './1764201600000-dcr-create-client.js';
import { DcrTokenRotationAndLastAuthentication1764288000000 } from './1764288000000-dcr-token-rotation-and-last-authentication.js';
import { DcrRegistrationTokenUsedAt1764374400000 } from './1764374400000-dcr-registration-token-used-at.js';
import { DcrClientAssertionJti1764460800000 } from './1764460800000-dcr-client-assertion-jti.js';
import { DcrClientFirstAuthenticatedAt1764471600000 } from './1764471600000-dcr-client-first-authenticated-at.js';
import { DcrRateLimit1764475200000 } from './1764475200000-dcr-rate-limit.js';
import { DcrCreateCimdDocument1764547200000 } from './1764547200000-dcr-create-cimd-document.js';
import { DcrInitialAccessTokensAndApproval1764633600000 } from './1764633600000-dcr-initial-access-tokens-and-approval.js';
import { DcrInitialAccessTokenReferenceWithoutLock1764720000000 } from './1764720000000-dcr-initial-access-token-reference-without-lock.js';

/**
 * The module's migrations, in order. Add them to the host's data source (`migrations: [...]`) and
 * run them (`runMigrationsUnderLock`, or `migrationsRun: true` for a single instance); the module
 * never uses `synchronize`. Class names are prefixed `Dcr` so they cannot collide with the host's
 * own.
 */
export const DCR_MIGRATIONS = [
  DcrCreateClient1764201600000,
  DcrTokenRotationAndLastAuthentication1764288000000,
  DcrRegistrationTokenUsedAt1764374400000,
  DcrClientAssertionJti1764460800000,
  DcrClientFirstAuthenticatedAt1764471600000,
  DcrRateLimit1764475200000,
  DcrCreateCimdDocument1764547200000,
  DcrInitialAccessTokensAndApproval1764633600000,
  DcrInitialAccessTokenReferenceWithoutLock1764720000000,
];
