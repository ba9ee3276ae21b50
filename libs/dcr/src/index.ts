// The public API of @agent-runtimes/dcr. Nothing else is imported from outside the library.

// Module and options
export { DcrModule } from './dcr.module.js';
export { DCR_MODULE_OPTIONS } from './dcr.module-definition.js';
export type { DcrModuleExtras, DcrModuleOptions } from './dcr-module-options.js';
export {
  DEFAULT_GRANT_TYPES,
  DEFAULT_REGISTRATION_PATH,
  DEFAULT_REGISTRATION_TOKEN_GRACE_SECONDS,
  DEFAULT_TOKEN_ENDPOINT_AUTH_METHODS,
} from './dcr-module-options.js';
export {
  DCR_OPTIONS,
  DcrOptionsError,
  describeEndpointProblem,
  describeIssuerProblem,
  resolveDcrOptions,
  type ResolvedDcrOptions,
} from './resolved-dcr-options.js';

// Contract and DTOs
export type { ClientRegistrationResponse } from './client-registration-response.js';
export { ClientRegistrationRequestDto } from './dto/client-registration-request.dto.js';
export { ClientRegistrationResponseDto } from './dto/client-registration-response.dto.js';
export { OAuthErrorResponseDto } from './dto/oauth-error-response.dto.js';
export type {
  RegisteredClientResponse,
  RegistrationExtensionMembers,
} from './registration/registration-response.js';
export type { DryRunResponse } from './registration/dry-run-response.js';
export {
  LOCALIZABLE_FIELDS,
  TOKEN_ENDPOINT_AUTH_METHODS,
  type ClientMetadata,
  type LanguageTaggedMetadata,
  type TokenEndpointAuthMethod,
} from './metadata/client-metadata.js';
export type { NarrowingPolicy, UriHostMismatchPolicy } from './metadata/metadata-policy.js';
export type { ApplicationType, RedirectUriPolicy } from './metadata/redirect-uri.js';
export { checkSectorIdentifierDocument } from './metadata/sector-identifier.js';
export { findUriHostMismatches, type UriHostMismatch } from './metadata/uri-host-mismatch.js';

// Errors
export {
  OAuthError,
  toErrorDescription,
  type OAuthErrorBody,
  type OAuthErrorCode,
} from './errors/oauth-error.js';
export { DcrBodyErrorFilter } from './http/dcr-body-error.filter.js';
export { DcrExceptionFilter } from './http/dcr-exception.filter.js';
export { dcrFrameworkErrors } from './http/fastify-framework-errors.js';
export { DCR_API_TAG } from './http/registration.controller.js';
export { readBearerCredentials, type BearerCredentials } from './http/bearer-token.js';

// Client authentication for host apps' token endpoints
export {
  ClientAuthenticationService,
  type ClientAuthenticationRequest,
} from './client-authentication/client-authentication.service.js';
export type {
  AuthenticatedClient,
  RegisteredClient,
} from './client-authentication/registered-client.js';
export { VERIFIED_JWS_ALGORITHMS } from './metadata/jose-algorithms.js';
export {
  CLIENT_ASSERTION_SIGNING_ALGORITHMS,
  CLIENT_AUTHENTICATION_METHODS,
  type ClientAssertionSigningAlgorithm,
  type ClientAuthenticationMethod,
} from './client-authentication/supported-methods.js';
export { JWT_BEARER_CLIENT_ASSERTION_TYPE } from './client-authentication/client-assertion-claims.js';
export {
  DEFAULT_CLIENT_ASSERTION_CLOCK_TOLERANCE_SECONDS,
  DEFAULT_CLIENT_ASSERTION_MAX_LIFETIME_SECONDS,
  DEFAULT_JWKS_REFETCH_INTERVAL_SECONDS,
  type ClientAssertionSettings,
  type ResolvedClientAssertionOptions,
} from './client-authentication/client-assertion-options.js';

// The one answer to "what is client X?" for an authorization server (node-oidc-provider or other)
export { DcrClientResolver, type ClientWithSecretCheck } from './resolver/dcr-client-resolver.js';
export type { ResolvedClient } from './resolver/resolved-client.js';
export { redirectUriMatches } from './metadata/redirect-uri-match.js';

// Operator actions
export { DcrAdminService, type ReissuedRegistrationToken } from './admin/dcr-admin.service.js';
export { DCR_ADMIN_API_TAG } from './http/admin.controller.js';
export { AdminTokenGuard } from './http/admin-token.guard.js';

// OpenAPI
export {
  ADMIN_TOKEN_SECURITY,
  INITIAL_ACCESS_TOKEN_SECURITY,
  REGISTRATION_TOKEN_SECURITY,
  addDcrSecuritySchemes,
} from './http/openapi-security.js';

// Registration policy: modes, initial access tokens, rules, the host's policy
export type { DcrRegistrationOptions, RegistrationMode } from './policy/registration-options.js';
export type { ApprovalRule, RegistrationRules } from './policy/registration-rules.js';
export {
  DCR_REGISTRATION_POLICY,
  type RegistrationContext,
  type RegistrationPolicy,
  type RegistrationPolicyAcceptance,
  type RegistrationPolicyDecision,
  type RegistrationPolicyRejection,
} from './policy/registration-policy.js';
export type { PolicyErrorCode } from './policy/policy-refusal.js';
export type { Registrant } from './initial-access/registrant.js';
export { RegistrantGuard, registrantOf } from './http/registrant.guard.js';
export type { InitialAccessTokenPolicy } from './initial-access/initial-access-token-policy.js';
export type {
  InitialAccessTokenStatus,
  InitialAccessTokenView,
  MintedInitialAccessToken,
} from './initial-access/initial-access-token-view.js';

// Software statements (RFC 7591 §2.3)
export {
  STATEMENT_ALGORITHMS,
  type TrustedIssuerOptions,
} from './software-statement/trusted-issuers.js';

// Events
export {
  DcrEvents,
  type DcrEvent,
  type DcrEventDetails,
  type DcrEventListener,
  type DcrEventType,
} from './events/dcr-events.js';

// Discovery
export { DcrMetadataService } from './discovery/dcr-metadata.service.js';
export type { RegistrationServerMetadata } from './discovery/registration-metadata.js';

// Outbound requests made on a client's behalf (jwks_uri, sector_identifier_uri, CIMD)
export {
  freshnessLifetimeSeconds,
  type FreshnessBounds,
  type OutboundCachingHeaders,
} from './outbound/caching-headers.js';
export { OutboundFetchError, type OutboundFetchFailure } from './outbound/outbound-fetch-error.js';
export { OutboundFetcher, type OutboundFetchResult } from './outbound/outbound-fetcher.js';
export {
  DEFAULT_OUTBOUND_CONNECT_TIMEOUT_MS,
  DEFAULT_OUTBOUND_MAX_BYTES,
  DEFAULT_OUTBOUND_TIMEOUT_MS,
  OutboundFetcherOptionsError,
  systemLookup,
  type OutboundFetcherOptions,
  type OutboundFetchOptions,
  type OutboundFetchSettings,
  type OutboundLookup,
} from './outbound/outbound-fetcher-options.js';
export { OUTBOUND_USER_AGENT } from './outbound/http-request.js';
export { specialUseRange } from './outbound/special-use-address.js';

// Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document)
export { CimdClientSource, CIMD_MAX_BYTES } from './cimd/cimd-client-source.js';
export { CimdClientError, type CimdRule } from './cimd/cimd-client-error.js';
export {
  DEFAULT_CIMD_MAX_CACHE_SECONDS,
  DEFAULT_CIMD_MIN_CACHE_SECONDS,
  type CimdModuleOptions,
} from './cimd/cimd-options.js';
export { checkCimdClientId, isCimdClientId, type CimdUrlControls } from './cimd/client-id-url.js';
export { parseCimdDocument } from './cimd/metadata-document.js';
export type { ResolvedCimdClient } from './cimd/resolved-cimd-client.js';
// Registration rate limits
export type {
  RateLimit,
  RegistrationRateLimitOptions,
  ResolvedRegistrationRateLimit,
} from './rate-limit/rate-limit-options.js';
export {
  TrustedProxyError,
  parseTrustedProxies,
  type AddressRange,
} from './rate-limit/client-address.js';

// Client lifecycle
export {
  DEFAULT_REAP_BATCH_SIZE,
  DEFAULT_REAP_INTERVAL_SECONDS,
  type ClientReaperOptions,
  type ResolvedClientReaperOptions,
} from './lifecycle/client-reaper-options.js';
export { DCR_CLIENT_IN_USE, type DcrClientInUse } from './lifecycle/client-in-use.js';
export type { ReapReason } from './lifecycle/client-reaper.repository.js';
export { DcrClientReaper, type ReapResult } from './lifecycle/dcr-client-reaper.js';

// Persistence and operations
export { DcrCimdDocumentEntity } from './persistence/dcr-cimd-document.entity.js';
export { DcrClientEntity, type ClientApprovalStatus } from './persistence/dcr-client.entity.js';
export { DcrClientAssertionJtiEntity } from './persistence/dcr-client-assertion-jti.entity.js';
export { DcrInitialAccessTokenEntity } from './initial-access/dcr-initial-access-token.entity.js';
export { DcrRateLimitEntity } from './persistence/dcr-rate-limit.entity.js';
export { DCR_ENTITIES } from './persistence/dcr-entities.js';
export { DCR_MIGRATIONS } from './persistence/migrations/index.js';
export { MIGRATIONS_LOCK_KEY, runMigrationsUnderLock } from './persistence/run-migrations.js';
export { DcrReadiness } from './health/dcr-readiness.js';
export { DcrDatabase, type SqlExecutor, type SqlResult } from './persistence/dcr-database.js';
export { EntityTable } from './persistence/entity-table.js';
