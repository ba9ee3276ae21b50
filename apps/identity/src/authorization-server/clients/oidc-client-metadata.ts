import type { ResolvedClient } from '@agent-runtimes/dcr';
import type { ClientMetadata } from 'oidc-provider';

/** Registration fields node-oidc-provider reads as they are (RFC 7591 §2, OIDC Registration §2). */
const COPIED_FIELDS = [
  'redirect_uris',
  'grant_types',
  'response_types',
  'token_endpoint_auth_method',
  'client_name',
  'client_uri',
  'logo_uri',
  'policy_uri',
  'tos_uri',
  'jwks_uri',
  'jwks',
] as const;

/** Authentication methods that present the client secret (RFC 7591 §2). */
const SECRET_METHODS = new Set(['client_secret_basic', 'client_secret_post']);

/**
 * A client of `libs/dcr` (registered, or described by its Client ID Metadata Document) as
 * node-oidc-provider's client metadata.
 *
 * - The secret is never there (only its digest is stored): a client authenticating with one gets
 *   `placeholderSecret`, which oidc-provider needs to see to accept the method, while
 *   `compareClientSecret` is replaced to check the digest. Nothing keyed with a client secret is
 *   enabled (`client_secret_jwt`, HS* signatures, symmetric encryption), so the placeholder never
 *   keys anything.
 * - `client_secret_expires_at` is passed, so oidc-provider refuses an expired secret too.
 * - `application_type` is `native` when a redirect URI uses a private-use scheme (RFC 8252 §7.1),
 *   which only native clients may register there, and `web` otherwise. (Redirect URIs are matched
 *   by `redirectUriMatches` whatever the type.)
 * - `scope` is not passed: oidc-provider would read it as a list of the OpenID scopes the client
 *   may request, and refuse `offline_access` to clients that registered a scope without it.
 * - `contacts` and language-tagged fields are not needed to authorize.
 */
export function toOidcClientMetadata(
  client: ResolvedClient,
  placeholderSecret: string,
): ClientMetadata {
  const metadata: Record<string, unknown> = { client_id: client.clientId };
  // A document client was never issued its identifier (it chose it).
  if (client.source === 'registration') {
    metadata.client_id_issued_at = epochSeconds(client.issuedAt);
  }
  for (const field of COPIED_FIELDS) {
    const value = client.metadata[field];
    // A JSON copy (the metadata is JSON): oidc-provider cannot change the resolved client, and
    // the copy's objects are plain objects of this realm, which oidc-provider checks for.
    if (value !== undefined) metadata[field] = JSON.parse(JSON.stringify(value)) as unknown;
  }
  // A Client ID Metadata Document client never has a secret (draft §4.1): its methods are `none`
  // and `private_key_jwt` only (checked by libs/dcr when the document is parsed).
  if (
    client.source === 'registration' &&
    SECRET_METHODS.has(client.metadata.token_endpoint_auth_method)
  ) {
    metadata.client_secret = placeholderSecret;
    metadata.client_secret_expires_at = client.clientSecretExpiresAt
      ? epochSeconds(client.clientSecretExpiresAt)
      : 0;
  }
  metadata.application_type = client.metadata.redirect_uris.some(usesPrivateUseScheme)
    ? 'native'
    : 'web';
  return metadata as ClientMetadata;
}

function usesPrivateUseScheme(uri: string): boolean {
  const scheme = uri.slice(0, uri.indexOf(':')).toLowerCase();
  return scheme !== 'http' && scheme !== 'https';
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
