import { invalidClientMetadata, invalidRedirectUri } from '../errors/oauth-error.js';
import { jsonPointer } from './json-pointer.js';
import { checkRedirectUri, type ApplicationType, type RedirectUriPolicy } from './redirect-uri.js';

/** Grant types that send the user agent to a redirection URI (RFC 7591 §2). */
const REDIRECT_GRANT_TYPES = ['authorization_code', 'implicit'];

/** The policy and client type redirect URIs are checked under; both default as documented. */
export interface RedirectUriOptions {
  /** Default `compatible`. */
  readonly policy?: RedirectUriPolicy;
  /** Default `web` (OpenID Connect Registration 1.0 §2). */
  readonly applicationType?: ApplicationType;
}

/**
 * Checks the redirection URIs against the grant types (RFC 7591 §2) and each URI against the
 * rules of {@link checkRedirectUri}. Errors are `invalid_redirect_uri` with the pointer of the
 * refused URI (`/redirect_uris/1`).
 *
 * @returns the URIs to register (an empty list when the client uses no redirect-based grant)
 */
export function checkRedirectUris(
  uris: readonly string[] | undefined,
  grantTypes: readonly string[],
  options: RedirectUriOptions = {},
): string[] {
  const redirectGrant = grantTypes.find((grant) => REDIRECT_GRANT_TYPES.includes(grant));
  if (redirectGrant && (uris === undefined || uris.length === 0)) {
    throw invalidRedirectUri(
      `redirect_uris is required for the ${redirectGrant} grant`,
      jsonPointer('redirect_uris'),
    );
  }
  const context = contextOf(grantTypes, options);
  (uris ?? []).forEach((uri, index) =>
    checkRedirectUri(uri, `redirect_uris[${index}]`, context, (description) =>
      invalidRedirectUri(description, jsonPointer('redirect_uris', index)),
    ),
  );
  return uris ? [...uris] : [];
}

/**
 * Checks `post_logout_redirect_uris` (OpenID Connect RP-Initiated Logout 1.0 §3.1) with the same
 * rules as redirection URIs: the user agent is sent there too. The RFC 7591 `invalid_redirect_uri`
 * code names the `redirect_uris` member, so these are `invalid_client_metadata`.
 */
export function checkPostLogoutRedirectUris(
  uris: readonly string[],
  grantTypes: readonly string[],
  options: RedirectUriOptions = {},
): void {
  const context = contextOf(grantTypes, options);
  uris.forEach((uri, index) =>
    checkRedirectUri(uri, `post_logout_redirect_uris[${index}]`, context, (description) =>
      invalidClientMetadata(description, jsonPointer('post_logout_redirect_uris', index)),
    ),
  );
}

function contextOf(grantTypes: readonly string[], options: RedirectUriOptions) {
  return {
    policy: options.policy ?? 'compatible',
    applicationType: options.applicationType ?? 'web',
    implicit: grantTypes.includes('implicit'),
  };
}
