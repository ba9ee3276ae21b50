import type { TokenEndpointAuthMethod } from './client-metadata.js';

/**
 * What this server lets clients register: the values it supports, from the module options. The
 * same values are advertised in the RFC 8414 metadata, so discovery and validation cannot disagree.
 */
export interface MetadataPolicy {
  readonly grantTypes: readonly string[];
  readonly responseTypes: readonly string[];
  readonly tokenEndpointAuthMethods: readonly TokenEndpointAuthMethod[];
  /** Scope values clients may register; `undefined` accepts any syntactically valid scope. */
  readonly scopes?: readonly string[];
  /**
   * Test-only (set by the `outbound.allowLoopbackHttp` switch): a `jwks_uri` may also be plain
   * `http` on a loopback host, where the outbound fetcher can then reach it.
   */
  readonly loopbackHttpJwksUri?: boolean;
}
