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
  describeIssuerProblem,
  resolveDcrOptions,
  type ResolvedDcrOptions,
} from './resolved-dcr-options.js';

// Contract and DTOs
export type { ClientRegistrationResponse } from './client-registration-response.js';
export { ClientRegistrationRequestDto } from './dto/client-registration-request.dto.js';
export { ClientRegistrationResponseDto } from './dto/client-registration-response.dto.js';
export { OAuthErrorResponseDto } from './dto/oauth-error-response.dto.js';
export type { RegisteredClientResponse } from './registration/registration-response.js';
export {
  LOCALIZABLE_FIELDS,
  TOKEN_ENDPOINT_AUTH_METHODS,
  type ClientMetadata,
  type LanguageTaggedMetadata,
  type TokenEndpointAuthMethod,
} from './metadata/client-metadata.js';

// Errors
export { OAuthError, type OAuthErrorBody, type OAuthErrorCode } from './errors/oauth-error.js';
export { DcrBodyErrorFilter } from './http/dcr-body-error.filter.js';
export { DcrExceptionFilter } from './http/dcr-exception.filter.js';
export { dcrFrameworkErrors } from './http/fastify-framework-errors.js';
export { DCR_API_TAG } from './http/registration.controller.js';

// Client authentication for host apps' token endpoints
export {
  ClientAuthenticationService,
  type ClientAuthenticationRequest,
} from './client-authentication/client-authentication.service.js';
export type { RegisteredClient } from './client-authentication/registered-client.js';

// The one answer to "what is client X?" for an authorization server (node-oidc-provider or other)
export { DcrClientResolver } from './resolver/dcr-client-resolver.js';
export type { ResolvedClient } from './resolver/resolved-client.js';
export { redirectUriMatches } from './metadata/redirect-uri-match.js';

// Operator actions
export { DcrAdminService, type ReissuedRegistrationToken } from './admin/dcr-admin.service.js';
export { DCR_ADMIN_API_TAG } from './http/admin.controller.js';
export { AdminTokenGuard } from './http/admin-token.guard.js';

// OpenAPI
export {
  ADMIN_TOKEN_SECURITY,
  REGISTRATION_TOKEN_SECURITY,
  addDcrSecuritySchemes,
} from './http/openapi-security.js';

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

// Persistence and operations
export { DcrClientEntity } from './persistence/dcr-client.entity.js';
export { DCR_MIGRATIONS } from './persistence/migrations/index.js';
export { MIGRATIONS_LOCK_KEY, runMigrationsUnderLock } from './persistence/run-migrations.js';
export { DcrReadiness } from './health/dcr-readiness.js';
export { DcrDatabase, type SqlExecutor, type SqlResult } from './persistence/dcr-database.js';
export { EntityTable } from './persistence/entity-table.js';
