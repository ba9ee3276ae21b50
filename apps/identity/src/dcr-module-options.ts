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
    redirectUriPolicy: config.redirectUriPolicy,
    narrowUnsupported: {
      grantTypes: config.narrowUnsupportedMetadata,
      responseTypes: config.narrowUnsupportedMetadata,
      scopes: config.narrowUnsupportedMetadata,
    },
    uriHostMismatch: config.uriHostMismatch,
    adminToken: config.adminToken,
    // The operator API exists only where an operator credential is configured.
    adminPath: config.adminToken ? 'admin' : undefined,
    // private_key_jwt assertions may name the token endpoint as their audience.
    tokenEndpoint: config.tokenEndpoint,
    ...dcrPolicyOptions(config.registrationPolicy),
    cimd: { ...config.cimdControls, enabled: config.cimd },
    // The test-only switch: documents fetched on a client's behalf may be served over plain http
    // from loopback hosts (CIMD documents, statement issuers' and clients' jwks_uri).
    outbound: { allowLoopbackHttp: config.cimdAllowLoopbackHttp },
    registrationRateLimit: config.registrationRateLimit,
    trustedProxies: [...config.trustedProxies],
    clientReaper: config.clientReaper,
  };
}
