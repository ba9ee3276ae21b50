import type { TokenEndpointAuthMethod } from './client-metadata.js';
import type { RedirectUriPolicy } from './redirect-uri.js';

/**
 * Which requested values the server drops instead of refusing the registration (RFC 7591 §3.2.1:
 * "the server MAY ... replace any of the client's requested metadata values"). Deployed clients
 * ask for grant types and scopes a server may not have (VS Code's device-code grant, Claude's
 * jwt-bearer grant), so narrowing is on by default; a request left with nothing usable is still
 * refused.
 */
export interface NarrowingPolicy {
  readonly grantTypes: boolean;
  readonly responseTypes: boolean;
  readonly scopes: boolean;
}

/**
 * What to do with a `logo_uri`, `tos_uri`, `policy_uri` or `client_uri` on a host that none of
 * the redirect URIs has (RFC 7591 §5): refuse the registration, flag it (computed on read with
 * `findUriHostMismatches`, for a consent screen to warn), or ignore it.
 */
export type UriHostMismatchPolicy = 'refuse' | 'flag' | 'ignore';

/** Narrowing of every field, the default. */
export const DEFAULT_NARROWING: NarrowingPolicy = {
  grantTypes: true,
  responseTypes: true,
  scopes: true,
};

/**
 * What this server lets clients register: the values it supports, from the module options. The
 * same values are advertised in the RFC 8414 metadata, so discovery and validation cannot disagree.
 * The optional members default to `DEFAULT_NARROWING`, `'compatible'` and `'flag'`.
 */
export interface MetadataPolicy {
  readonly grantTypes: readonly string[];
  readonly responseTypes: readonly string[];
  readonly tokenEndpointAuthMethods: readonly TokenEndpointAuthMethod[];
  /** Scope values clients may register; `undefined` accepts any syntactically valid scope. */
  readonly scopes?: readonly string[];
  /** Unsupported requested values that are dropped rather than refused. */
  readonly narrow?: NarrowingPolicy;
  /** How strictly redirect URIs and `application_type` are checked. */
  readonly redirectUriPolicy?: RedirectUriPolicy;
  /** RFC 7591 §5 page URIs on a host other than the redirect URIs'. */
  readonly uriHostMismatch?: UriHostMismatchPolicy;
  /**
   * Test-only (set by the `outbound.allowLoopbackHttp` switch): the URLs the server fetches on a
   * client's behalf (`jwks_uri`, `sector_identifier_uri`) may also be plain `http` on a loopback
   * host, where the outbound fetcher can then reach them.
   */
  readonly loopbackHttpFetches?: boolean;
}
