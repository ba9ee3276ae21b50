import { IdentityCreateOidcModel1780000000000 } from './1780000000000-identity-create-oidc-model.js';
import { IdentityCreateKey1780000001000 } from './1780000001000-identity-create-key.js';
import { IdentityCreateConsent1780000002000 } from './1780000002000-identity-create-consent.js';
import { IdentityCreateAccount1780000003000 } from './1780000003000-identity-create-account.js';
import { IdentityAccountEntity } from '../../authorization-server/accounts/identity-account.entity.js';
import { IdentityConsentEntity } from '../../authorization-server/consent/identity-consent.entity.js';
import { IdentityKeyEntity } from '../../authorization-server/keys/identity-key.entity.js';
import { OidcModelEntity } from '../../authorization-server/persistence/oidc-model.entity.js';

/** The app's own migrations (the authorization server's tables), after `DCR_MIGRATIONS`. */
export const IDENTITY_MIGRATIONS = [
  IdentityCreateOidcModel1780000000000,
  IdentityCreateKey1780000001000,
  IdentityCreateConsent1780000002000,
  IdentityCreateAccount1780000003000,
];

/** The app's own entities, next to `DcrClientEntity`. */
export const IDENTITY_ENTITIES = [
  OidcModelEntity,
  IdentityKeyEntity,
  IdentityConsentEntity,
  IdentityAccountEntity,
];
