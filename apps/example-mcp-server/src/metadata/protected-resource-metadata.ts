/** RFC 9728 §3: the well-known URI suffix of protected resource metadata. */
export const PROTECTED_RESOURCE_WELL_KNOWN = '/.well-known/oauth-protected-resource';

/** Name shown to people for this resource (RFC 9728 §2 `resource_name`). */
export const RESOURCE_NAME = 'Example MCP server';

/**
 * The protected resource metadata document (RFC 9728 §2), with the members this server fills in.
 */
export interface ProtectedResourceMetadata {
  /** The resource identifier, exactly as tokens carry it in `aud` (RFC 8707). */
  readonly resource: string;
  /** Issuer identifiers of the authorization servers whose tokens are accepted (RFC 8414). */
  readonly authorization_servers: readonly string[];
  /** RFC 6750 §2: how the token is presented; only the `Authorization` header here. */
  readonly bearer_methods_supported: readonly ['header'];
  /** The scopes a token needs for this resource; absent when none is required. */
  readonly scopes_supported?: readonly string[];
  readonly resource_name: string;
}

/** What the metadata document is built from. */
export interface ProtectedResourceDescription {
  readonly resource: string;
  readonly issuer: string;
  readonly scopes: readonly string[];
}

/** Builds the RFC 9728 §2 document of this resource. */
export function protectedResourceMetadata({
  resource,
  issuer,
  scopes,
}: ProtectedResourceDescription): ProtectedResourceMetadata {
  return {
    resource,
    authorization_servers: [issuer],
    bearer_methods_supported: ['header'],
    // RFC 9728 §2: RECOMMENDED. MCP clients request these scopes when the challenge names none.
    ...(scopes.length > 0 ? { scopes_supported: [...scopes] } : {}),
    resource_name: RESOURCE_NAME,
  };
}

/**
 * The path of a resource identifier without its trailing slashes: `''` for a resource at the root
 * of its origin, `/mcp` for `https://host/mcp/`.
 */
export function resourcePath(resource: string): string {
  return new URL(resource).pathname.replace(/\/+$/, '');
}

/**
 * RFC 9728 §3.1: the metadata URL of a resource is its origin, then the well-known suffix, then the
 * resource's path (`https://host/mcp` → `https://host/.well-known/oauth-protected-resource/mcp`);
 * a terminating slash after the host is removed first. This URL is what the `resource_metadata`
 * challenge parameter names (RFC 9728 §5.1).
 */
export function protectedResourceMetadataUrl(resource: string): string {
  return `${new URL(resource).origin}${PROTECTED_RESOURCE_WELL_KNOWN}${resourcePath(resource)}`;
}
