import type { DcrModuleExtras, DcrModuleOptions } from '@agent-runtimes/dcr';
import type { IdentityConfig } from './config/identity-config.js';
import { dcrPolicyOptions } from './config/registration-policy-config.js';

/**
 * The `DcrModule` options of the app, from its configuration: the same for the HTTP app and for
 * the `dcr` CLI, which work on the same database.
 */
export function dcrModuleOptions(
  config: IdentityConfig,
): DcrModuleOptions & Partial<DcrModuleExtras> {
  return {
    issuer: config.issuer,
    clientSecretLifetimeSeconds: config.clientSecretLifetimeSeconds,
    rotateRegistrationAccessToken: config.rotateRegistrationAccessToken,
    registrationAccessTokenGracePeriodSeconds: config.registrationAccessTokenGracePeriodSeconds,
    revokeRegistrationTokensOnReuse: config.revokeRegistrationTokensOnReuse,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    adminToken: config.adminToken,
    // The operator API exists only where an operator credential is configured.
    adminPath: config.adminToken ? 'admin' : undefined,
    ...dcrPolicyOptions(config.registrationPolicy),
    outbound: { allowLoopbackHttp: config.outboundAllowLoopbackHttp },
  };
}
